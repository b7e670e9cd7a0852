"""Documents added through the web UI: checked (type, size, content), stored under one uploads
folder with a sanitised name, and removed from there only."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from rag.ingest.readers import SUPPORTED_SUFFIXES, sha256_of

# What a file must start with to be what its name says (a renamed .exe is not a PDF).
_MAGIC = {".pdf": b"%PDF", ".docx": b"PK\x03\x04"}
_MAX_STEM = 80


class UploadRejected(Exception):
    """A file that is not accepted; the message says why in one line."""


def safe_name(name: str) -> str:
    """A file name that is safe to store: no folders, no leading dots, letters (any script), digits,
    '.', '_' and '-' only; "../../etc/商汤 年报.PDF" -> "商汤-年报.pdf"."""
    name = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_")[:_MAX_STEM].strip(".-_") or "document"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


class Uploads:
    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder.expanduser().resolve()
        self.max_bytes = max_bytes

    def add(self, source: Path, name: str) -> Path:
        """Copies an uploaded file in; returns where it is stored. The same content uploaded again
        under the same name is stored once; another file with a taken name gets "-2"."""
        stored = safe_name(name)
        suffix = Path(stored).suffix
        if suffix not in SUPPORTED_SUFFIXES:
            kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise UploadRejected(f"{name}: unsupported file type {suffix or '(none)'}; accepted: {kinds}")
        size = source.stat().st_size
        if size == 0:
            raise UploadRejected(f"{name}: the file is empty")
        if size > self.max_bytes:
            raise UploadRejected(f"{name}: {size / 2**20:.1f} MB is over the {self.max_bytes / 2**20:.0f} MB limit")
        magic = _MAGIC.get(suffix)
        if magic:
            with source.open("rb") as handle:
                if handle.read(len(magic)) != magic:
                    raise UploadRejected(f"{name}: this is not a {suffix} file (its content says otherwise)")
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / stored
        n = 2
        while target.exists():
            if sha256_of(target) == sha256_of(source):
                return target
            target = self.folder / f"{Path(stored).stem}-{n}{suffix}"
            n += 1
        partial = target.with_name(f".{target.name}.part")  # hidden: never indexed half-written
        shutil.copyfile(source, partial)
        partial.replace(target)
        return target

    def contains(self, path: Path | str) -> bool:
        return Path(path).resolve().parent == self.folder

    def remove(self, path: Path | str) -> None:
        """Deletes an uploaded file; anything outside the uploads folder is refused."""
        path = Path(path).resolve()
        if not self.contains(path):
            raise UploadRejected(f"{path.name}: only uploaded documents can be removed")
        path.unlink(missing_ok=True)
