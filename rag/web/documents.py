"""The documents the web UI searches: what the index already covers (the bundled corpus, or the
folders `rag index` was given) plus the uploads folder. Adding or removing an upload updates the
index incrementally; only the new file is read and embedded."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from rag.index.builder import BuildReport
from rag.index.store import load_manifest
from rag.ingest.uploads import UploadRejected, Uploads
from rag.pipeline import Pipeline


@dataclass
class DocumentRow:
    doc_id: str
    name: str  # file name
    title: str
    company: str  # as the document names itself ("" unknown)
    period: str  # FY2023, 2023H1 ("" unknown)
    pages: int | None
    chunks: int
    added: str  # when it was indexed, "YYYY-MM-DD HH:MM" UTC
    uploaded: bool  # removable from the UI
    path: str


@dataclass
class AddResult:
    added: list[str]  # file names now searchable
    problems: list[str]  # one line per file that was refused or could not be read
    report: BuildReport | None


class Library:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        settings = pipeline.settings
        self.uploads = Uploads(settings.resolved_uploads_dir, settings.max_upload_mb * 2**20)
        self._lock = threading.Lock()  # one change at a time

    def roots(self) -> list[Path]:
        """The index's own roots (else the configured corpus), plus the uploads folder."""
        manifest = load_manifest(self.pipeline.settings.resolved_index_dir)
        roots = [Path(root) for root in manifest.roots] if manifest else list(self.pipeline.settings.corpus)
        roots = [root.expanduser().resolve() for root in roots]
        return roots if self.uploads.folder in roots else [*roots, self.uploads.folder]

    def sync(self) -> BuildReport:
        """Brings the index in line with the roots (fast when nothing changed)."""
        with self._lock:
            return self._sync()

    def add(self, files: list[tuple[Path, str]]) -> AddResult:
        """Stores each (temporary path, original name) upload and indexes the accepted ones. A file
        that turns out unreadable is deleted again; the index never holds half of a change."""
        with self._lock:
            stored, problems = [], []
            for path, name in files:
                try:
                    stored.append((self.uploads.add(path, name), name))
                except UploadRejected as err:
                    problems.append(str(err))
            if not stored:
                return AddResult([], problems, None)
            report = self._sync()
            indexed = load_manifest(self.pipeline.settings.resolved_index_dir)
            added = []
            for path, name in stored:
                if indexed and str(path) in indexed.files:
                    added.append(path.name)
                    continue
                reason = next((line for line in report.skipped if str(path) in line), "it could not be read")
                # Readers may quote the stored path; the visitor only knows the name they uploaded.
                reason = reason.split(": ", 1)[-1].replace(str(path), name).replace(str(self.uploads.folder), "")
                problems.append(f"{name}: {reason}")
                self.uploads.remove(path)
            return AddResult(added, problems, report)

    def remove(self, doc_id: str) -> BuildReport:
        with self._lock:
            row = next((row for row in self.documents() if row.doc_id == doc_id), None)
            if row is None:
                raise UploadRejected(f"no document {doc_id!r} in the index")
            self.uploads.remove(row.path)
            return self._sync()

    def documents(self) -> list[DocumentRow]:
        manifest = load_manifest(self.pipeline.settings.resolved_index_dir)
        if manifest is None:
            return []
        rows = [
            DocumentRow(
                entry.doc_id,
                Path(path).name,
                entry.title,
                entry.company,
                entry.period,
                entry.pages,
                entry.chunks,
                entry.indexed_at[:16].replace("T", " "),
                self.uploads.contains(path),
                path,
            )
            for path, entry in manifest.files.items()
        ]
        return sorted(rows, key=lambda row: (row.uploaded, row.added, row.name))

    def _sync(self) -> BuildReport:
        self.uploads.folder.mkdir(parents=True, exist_ok=True)
        return self.pipeline.index(self.roots())
