"""Uploaded documents: names sanitised, type/size/content checked, kept in the uploads folder only."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.ingest.uploads import UploadRejected, Uploads, safe_name


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("商汤 2023 中报.PDF", "商汤-2023-中报.pdf"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\年报.docx", "年报.docx"),
        (".hidden.md", "hidden.md"),
        ("<script>alert(1)</script>.html", "script.html"),
        ("年报 <草稿> (1).txt", "年报-草稿-1.txt"),
        ("...", "document"),
        ("ｆｕｌｌｗｉｄｔｈ．ｔｘｔ", "fullwidth.txt"),
    ],
)
def test_safe_name(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def uploads(tmp_path: Path) -> Uploads:
    return Uploads(tmp_path / "uploads", max_bytes=1000)


def test_a_file_is_stored_under_its_safe_name(tmp_path: Path, uploads: Uploads) -> None:
    stored = uploads.add(write(tmp_path / "tmp123", "营业收入12.5亿元。".encode()), "../示例 年报.md")
    assert stored == uploads.folder / "示例-年报.md"
    assert stored.read_text() == "营业收入12.5亿元。"
    assert uploads.contains(stored)


def test_same_content_is_stored_once_and_other_content_gets_a_new_name(tmp_path: Path, uploads: Uploads) -> None:
    first = uploads.add(write(tmp_path / "a", b"one"), "report.txt")
    assert uploads.add(write(tmp_path / "b", b"one"), "report.txt") == first
    second = uploads.add(write(tmp_path / "c", b"two"), "report.txt")
    assert second.name == "report-2.txt" and first.read_bytes() == b"one"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tool.exe", b"MZ...", "unsupported file type .exe"),
        ("notes", b"text", "unsupported file type (none)"),
        ("empty.txt", b"", "the file is empty"),
        ("big.txt", b"x" * 1001, "over the 0 MB limit"),
        ("fake.pdf", b"hello, not a pdf", "not a .pdf file"),
        ("fake.docx", b"%PDF-1.7", "not a .docx file"),
    ],
)
def test_refused_uploads_say_why_and_store_nothing(
    tmp_path: Path, uploads: Uploads, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(UploadRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        uploads.add(write(tmp_path / "tmp", data), name)
    assert not uploads.folder.exists() or not any(uploads.folder.iterdir())


def test_only_uploaded_files_can_be_removed(tmp_path: Path, uploads: Uploads) -> None:
    stored = uploads.add(write(tmp_path / "a", b"one"), "report.txt")
    outside = write(tmp_path / "corpus.txt", b"bundled")
    with pytest.raises(UploadRejected, match="only uploaded documents"):
        uploads.remove(outside)
    with pytest.raises(UploadRejected):
        uploads.remove(uploads.folder / ".." / "corpus.txt")
    uploads.remove(stored)
    assert not stored.exists() and outside.exists()
