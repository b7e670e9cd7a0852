"""The web UI's document library: uploads are indexed incrementally next to the corpus, unreadable
ones are reported and not kept, and only uploads can be removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.uploads import UploadRejected
from rag.pipeline import Pipeline
from rag.web.documents import Library
from tests.conftest import make_settings

pytestmark = pytest.mark.slow


@pytest.fixture
def library(tmp_path: Path, embedder, analyzer) -> Library:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "annual.md").write_text("# 商汤 2022 年报\n\n商汤2022年营业收入为38亿元。\n", encoding="utf-8")
    settings = make_settings(tmp_path, uploads_dir=tmp_path / "uploads")
    pipeline = Pipeline(settings, progress=False)
    pipeline.embedder, pipeline.analyzer = embedder, analyzer
    library = Library(pipeline)
    library.sync()
    return library


def test_an_upload_is_indexed_next_to_the_corpus_and_searchable(library: Library, tmp_path: Path) -> None:
    upload = tmp_path / "tmp-upload"
    upload.write_text("# 示例科技 2024 年报\n\n示例科技研发投入为3.2亿元。\n", encoding="utf-8")
    result = library.add([(upload, "示例 年报.md")])
    assert result.added == ["示例-年报.md"] and result.problems == []
    assert result.report is not None and result.report.embedded == 1  # only the new file was embedded
    rows = {row.name: row for row in library.documents()}
    assert rows["示例-年报.md"].uploaded and rows["示例-年报.md"].chunks == 1
    assert not rows["annual.md"].uploaded
    _, hits = library.pipeline.search("示例科技研发投入", 1)
    assert hits[0].chunk.title == "示例科技 2024 年报"

    library.remove(rows["示例-年报.md"].doc_id)
    assert [row.name for row in library.documents()] == ["annual.md"]
    assert not any(library.uploads.folder.iterdir())


def test_unreadable_and_refused_uploads_are_reported_and_not_kept(library: Library, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.write_bytes(b"PK\x03\x04 this is not really a docx")
    exe = tmp_path / "tool"
    exe.write_bytes(b"MZ")
    result = library.add([(broken, "report.docx"), (exe, "tool.exe")])
    assert result.added == []
    refused, unreadable = result.problems
    assert refused.startswith("tool.exe: unsupported file type .exe")
    assert unreadable.startswith("report.docx: ") and "skipped" not in unreadable, unreadable
    assert str(library.uploads.folder) not in unreadable  # no server-side path for the visitor
    assert not any(library.uploads.folder.iterdir())
    assert [row.name for row in library.documents()] == ["annual.md"]


def test_the_corpus_cannot_be_removed(library: Library) -> None:
    corpus_row = library.documents()[0]
    with pytest.raises(UploadRejected, match="only uploaded documents"):
        library.remove(corpus_row.doc_id)
    assert Path(corpus_row.path).exists()


def test_a_question_about_one_company_is_not_answered_from_another_company_s_upload(
    library: Library, tmp_path: Path
) -> None:
    upload = tmp_path / "tmp-upload"
    upload.write_text("# 示例科技 2024 年度业绩公告\n\n示例科技2024年营业收入为12.5亿元。\n", encoding="utf-8")
    library.add([(upload, "shili-2024.md")])
    pipeline = library.pipeline
    answer = pipeline.ask("示例科技2024年营业收入是多少？", llm="none")
    assert "12.5亿元" in answer.answer
    # 2024 is only 示例科技's year, 2022 only 商汤's: neither company's filings answer these.
    other_company = [
        "What was SenseTime's revenue in 2024?",
        "商汤2024年营业收入是多少？",
        "示例科技2022年营业收入是多少？",
    ]
    for question in other_company:
        answer = pipeline.ask(question, llm="none")
        assert answer.abstained and "12.5" not in answer.answer and "38" not in answer.answer, answer.answer
    _, hits = pipeline.search("商汤2024年营业收入是多少？", 8)
    assert hits and not any("shili" in hit.chunk.doc_id for hit in hits)  # the upload is not even a candidate
