"""Incremental indexing, the manifest check, corrupt and interrupted builds (real model)."""

import json
from pathlib import Path

import pytest
from conftest import make_settings

from rag.index.builder import build_index, open_index
from rag.index.store import IndexCorrupt, IndexMismatch, current_dir, load_index
from rag.retrieve.hybrid import Retriever

pytestmark = pytest.mark.slow

FILES = {
    "revenue.txt": "商汤集团2022年营业收入38亿元，同比下降19%。毛利率为67%。",
    "gpu.md": "# 大装置\n\nSenseCore AI大装置上线GPU数量约30,000块，算力规模6 ExaFLOPS。",
    "cities.txt": "智慧城市业务累计赋能162个城市，其中16个千万级超大城市。",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(settings, embedder, analyzer, **kwargs):
    return build_index(settings, embedder, analyzer, progress=False, **kwargs)


def test_incremental_indexing(tmp_path, corpus, embedder, analyzer) -> None:
    settings = make_settings(tmp_path, corpus)
    first = build(settings, embedder, analyzer)
    assert len(first.added) == 3 and first.embedded == first.chunks == 3

    again = build(settings, embedder, analyzer)
    assert (len(again.unchanged), again.embedded, again.wrote) == (3, 0, False)

    (corpus / "revenue.txt").write_text(FILES["revenue.txt"] + "净亏损61亿元。", encoding="utf-8")
    (corpus / "cities.txt").unlink()
    (corpus / "new.txt").write_text("InternLM参数量1040亿。", encoding="utf-8")
    changed = build(settings, embedder, analyzer)
    assert [Path(p).name for p in changed.changed] == ["revenue.txt"]
    assert [Path(p).name for p in changed.removed] == ["cities.txt"]
    assert [Path(p).name for p in changed.added] == ["new.txt"]
    assert changed.embedded == 2  # the changed and the new file; gpu.md kept its vectors

    index = load_index(settings.resolved_index_dir)
    assert {c.doc_id for c in index.chunks} == {"revenue", "gpu", "new"}
    hits = Retriever(index, embedder, analyzer, settings).search("净亏损是多少", 1)
    assert hits[0].chunk.doc_id == "revenue"


def test_unreadable_files_are_skipped_and_the_rest_indexed(tmp_path, corpus, embedder, analyzer) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (corpus / "binary.txt").write_bytes(bytes(range(256)))
    warnings: list[str] = []
    report = build(make_settings(tmp_path, corpus), embedder, analyzer, warn=warnings.append)
    assert len(report.added) == 3
    assert sorted(Path(w.split(":")[0].removeprefix("skipped ")).name for w in warnings) == ["binary.txt", "broken.pdf"]


def test_index_built_with_other_chunker_settings_is_refused(tmp_path, corpus, embedder, analyzer) -> None:
    build(make_settings(tmp_path, corpus), embedder, analyzer)
    other = make_settings(tmp_path, corpus, chunk_tokens=128)
    with pytest.raises(IndexMismatch, match="rag index --rebuild"):
        open_index(other, embedder, analyzer, progress=False)
    with pytest.raises(IndexMismatch, match="chunker"):
        build(other, embedder, analyzer)
    rebuilt = build(other, embedder, analyzer, rebuild=True)
    assert (rebuilt.embedded, rebuilt.cached) == (0, 3)  # same chunk texts: the vector cache has them


def test_index_built_with_another_model_is_refused(tmp_path, corpus, embedder, analyzer) -> None:
    settings = make_settings(tmp_path, corpus)
    build(settings, embedder, analyzer)
    manifest = current_dir(settings.resolved_index_dir) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["embed_model"] = "BAAI/bge-m3"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexMismatch, match=r"bge-m3.*rebuild"):
        open_index(settings, embedder, analyzer, progress=False)


def test_corrupt_index_is_reported(tmp_path, corpus, embedder, analyzer) -> None:
    settings = make_settings(tmp_path, corpus)
    build(settings, embedder, analyzer)
    (current_dir(settings.resolved_index_dir) / "dense.faiss").write_bytes(b"not faiss")
    with pytest.raises(IndexCorrupt, match="rag index --rebuild"):
        load_index(settings.resolved_index_dir)
    chunks = current_dir(settings.resolved_index_dir) / "chunks.jsonl"
    chunks.write_text("", encoding="utf-8")
    with pytest.raises(IndexCorrupt):
        load_index(settings.resolved_index_dir)


def test_interrupted_build_keeps_the_previous_index(tmp_path, corpus, embedder, analyzer, monkeypatch) -> None:
    settings = make_settings(tmp_path, corpus)
    build(settings, embedder, analyzer)
    before = current_dir(settings.resolved_index_dir)
    (corpus / "revenue.txt").write_text("完全不同的内容。", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(embedder, "embed_passages", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(settings, embedder, analyzer)
    monkeypatch.undo()
    assert current_dir(settings.resolved_index_dir) == before
    index = load_index(settings.resolved_index_dir)
    assert any("38亿元" in c.text for c in index.chunks)


def test_any_local_sentence_transformers_folder_can_be_configured(tmp_path, corpus, embedder, analyzer) -> None:
    from rag.index.embedder import Embedder

    folder = str(embedder.folder)  # the converted e5 folder, named by path like a user's own model
    settings = make_settings(tmp_path, corpus, embed_model=folder)
    custom = Embedder(settings)
    assert custom.model_id == folder
    build(settings, custom, analyzer)
    index = open_index(settings, custom, analyzer, progress=False)
    assert index.manifest.embed_model == folder
    assert Retriever(index, custom, analyzer, settings).search("GPU数量", 1)[0].chunk.doc_id == "gpu"
    with pytest.raises(IndexMismatch, match="embedding model"):
        open_index(make_settings(tmp_path, corpus), embedder, analyzer, progress=False)


def test_an_interrupted_build_keeps_the_vectors_it_had_computed(
    tmp_path, corpus, embedder, analyzer, monkeypatch
) -> None:
    """Ctrl-C in the middle of embedding: the batches done are in the vector cache, and the next run
    (and --rebuild) embeds only the rest."""
    for n in range(40):  # enough text for several batches
        (corpus / f"report{n:02d}.txt").write_text(
            f"第{n}份报告：商汤集团营业收入{n}亿元，同比增长{n % 7}%。" * (n + 1), "utf-8"
        )
    settings = make_settings(tmp_path, corpus, embed_batch_tokens=512)
    real = embedder.embed_passages
    done: list[int] = []  # sizes of the batches embedded before the interruption

    def interrupted_after_two(texts):
        if len(done) >= 2:
            raise KeyboardInterrupt
        done.append(len(texts))
        return real(texts)

    monkeypatch.setattr(embedder, "embed_passages", interrupted_after_two)
    with pytest.raises(KeyboardInterrupt):
        build(settings, embedder, analyzer)
    monkeypatch.undo()
    assert current_dir(settings.resolved_index_dir) is None  # nothing written

    embedded: list[int] = []
    monkeypatch.setattr(embedder, "embed_passages", lambda texts: embedded.append(len(texts)) or real(texts))
    second = build(settings, embedder, analyzer)
    first_batches = embedder.plan_batches([c.indexed_text for c in load_index(settings.resolved_index_dir).chunks])
    assert second.cached == sum(done) and second.embedded == second.chunks - sum(done) == sum(embedded)
    assert len(embedded) < len(first_batches)

    again = build(settings, embedder, analyzer, rebuild=True)
    assert (again.embedded, again.cached) == (0, second.chunks)
    assert all(entry.embed_runtime == embedder.runtime_id for entry in load_manifest_files(settings))


def load_manifest_files(settings):
    from rag.index.store import load_manifest

    manifest = load_manifest(settings.resolved_index_dir)
    assert manifest is not None
    return list(manifest.files.values())


def test_an_index_built_by_another_runtime_is_used_and_updated(tmp_path, corpus, analyzer) -> None:
    """Runtimes of one model give the same vectors (within cosine 0.9999): an index built with
    torch is searched with the default runtime, and files added later are embedded by it."""
    from rag.index.embedder import Embedder

    torch_settings = make_settings(tmp_path, corpus, embed_runtime="torch")
    torch_embedder = Embedder(torch_settings)
    build(torch_settings, torch_embedder, analyzer)
    settings = make_settings(tmp_path, corpus)
    default = Embedder(settings)
    assert default.runtime == "openvino" and default.runtime_id != torch_embedder.runtime_id
    index = open_index(settings, default, analyzer, progress=False)
    assert Retriever(index, default, analyzer, settings).search("GPU数量", 1)[0].chunk.doc_id == "gpu"
    (corpus / "new.txt").write_text("InternLM参数量1040亿。", encoding="utf-8")
    report = build(settings, default, analyzer)
    assert report.embedded == 1
    runtimes = {
        Path(path).name: entry.embed_runtime
        for path, entry in open_index(settings, default, analyzer, progress=False).manifest.files.items()
    }
    assert runtimes["new.txt"] == default.runtime_id and runtimes["gpu.md"] == torch_embedder.runtime_id
