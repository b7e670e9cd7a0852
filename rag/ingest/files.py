"""Find the files to index under the given paths and give each a stable document id."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

from rag.ingest.readers import SUPPORTED_SUFFIXES


class CorpusPathError(Exception):
    """A corpus path that does not exist."""


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute
    doc_id: str


def find_sources(roots: list[Path], exclude: tuple[str, ...] = ()) -> tuple[list[SourceFile], list[str]]:
    """All supported files under `roots` (files or folders), sorted, with unique doc ids.
    Returns the files and warnings about explicitly named files that cannot be indexed."""
    warnings: list[str] = []
    found: dict[Path, Path] = {}  # file -> the root it was found under
    for root in roots:
        root = root.expanduser().resolve()
        if not root.exists():
            raise CorpusPathError(f"corpus path not found: {root}")
        if root.is_file():
            if root.suffix.lower() in SUPPORTED_SUFFIXES:
                found.setdefault(root, root.parent)
            else:
                warnings.append(f"skipped {root}: unsupported file type {root.suffix or '(none)'}")
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if any(_excluded(part, exclude) for part in relative.parts):
                continue
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.setdefault(path, root)
    sources: list[SourceFile] = []
    taken: set[str] = set()
    for path in sorted(found):
        doc_id = doc_slug(path.relative_to(found[path]).with_suffix(""))
        if doc_id in taken:  # report.pdf next to report.docx
            doc_id = f"{doc_id}-{path.suffix.lower().lstrip('.')}"
        n = 2
        base = doc_id
        while doc_id in taken:
            doc_id, n = f"{base}-{n}", n + 1
        taken.add(doc_id)
        sources.append(SourceFile(path, doc_id))
    return sources, warnings


def _excluded(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def doc_slug(relative: Path) -> str:
    text = "-".join(relative.parts).lower()
    return re.sub(r"[^\w]+", "-", text).strip("-") or "document"
