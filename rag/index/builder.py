"""`rag index`: bring the index in line with the files under the corpus roots. Unchanged files
(same path and SHA-256) keep their chunks and vectors; new and changed files are read, chunked and
embedded; files that are gone are dropped. The keyword index is rebuilt over all chunks (cheap)."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from rag.chunk.chunker import Chunk, ChunkerSettings, chunk_document
from rag.config import Settings
from rag.figures.extract import figures_of
from rag.figures.model import Figure
from rag.index.embedder import Embedder
from rag.index.store import FileEntry, IndexMismatch, Manifest, StoredIndex, load_index, load_manifest, write_index
from rag.index.vector_cache import VectorCache
from rag.ingest.files import find_sources
from rag.ingest.readers import IngestError, read_document, sha256_of
from rag.text.analyzer import Analyzer

Warn = Callable[[str], None]


class NothingToIndex(Exception):
    pass


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one-line reasons
    chunks: int = 0
    embedded: int = 0  # vectors computed by this run
    cached: int = 0  # vectors of new or changed chunks found in the vector cache
    seconds: float = 0.0

    wrote: bool = False  # False when the index was already up to date

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; {self.chunks} chunks "
            f"({self.embedded} embedded{f', {self.cached} from cache' if self.cached else ''}) "
            f"in {self.seconds:.1f} s"
        )


def chunker_settings(settings: Settings) -> ChunkerSettings:
    return ChunkerSettings(settings.chunk_tokens, settings.chunk_overlap_sentences)


def build_index(
    settings: Settings,
    embedder: Embedder,
    analyzer: Analyzer,
    roots: list[Path] | None = None,
    rebuild: bool = False,
    progress: bool = True,
    warn: Warn = lambda message: None,
) -> BuildReport:
    """Index `roots` (default: the roots recorded in the index, else the configured corpus)."""
    started = time.perf_counter()
    index_dir = settings.resolved_index_dir
    chunking = chunker_settings(settings)
    with _lock(index_dir):
        previous = None if rebuild else load_manifest(index_dir)
        if previous is not None:
            reason = previous.mismatch(embedder.model_id, None, chunking.as_manifest())
            if reason:
                raise IndexMismatch(f"the index at {index_dir} was {reason}; rebuild it with: rag index --rebuild")
        if roots is None:
            roots = [Path(root) for root in previous.roots] if previous else list(settings.corpus)
        roots = [root.expanduser().resolve() for root in roots]
        sources, warnings = find_sources(roots, settings.exclude)
        report = BuildReport(skipped=list(warnings))
        for message in warnings:
            warn(message)
        old = load_index(index_dir) if previous is not None else None
        old_vectors = old.vectors() if old else None
        old_rows = {chunk.id: row for row, chunk in enumerate(old.chunks)} if old else {}
        old_chunks: dict[str, list[Chunk]] = {}
        old_figures: dict[str, list[Figure]] = {}
        if old:
            for chunk in old.chunks:
                old_chunks.setdefault(chunk.source, []).append(chunk)
            for figure in old.figures:
                old_figures.setdefault(figure.doc_id, []).append(figure)

        files: dict[str, FileEntry] = {}
        chunks: list[Chunk] = []
        figures: list[Figure] = []
        vector_rows: list[np.ndarray | None] = []  # reused vector, or None = embed
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for source in sources:
            key = str(source.path)
            try:
                digest = sha256_of(source.path)
            except OSError as err:
                _skip(report, warn, source.path, f"cannot read: {err.strerror or err}")
                continue
            before = previous.files.get(key) if previous else None
            if before and before.sha256 == digest and before.doc_id == source.doc_id:
                files[key] = before
                reused = old_chunks.get(key, [])
                chunks += reused
                figures += old_figures.get(before.doc_id, [])
                vector_rows += [old_vectors[old_rows[c.id]] for c in reused]
                report.unchanged.append(key)
                continue
            try:
                document = read_document(source.path, source.doc_id)
            except IngestError as err:
                _skip(report, warn, source.path, str(err))
                continue
            for note in document.notes:
                warn(f"{source.path}: {note}")
            new_chunks = chunk_document(document, embedder.count_tokens, chunking)
            figures += figures_of(document, new_chunks)
            pages = len(document.page_starts) or None
            files[key] = FileEntry(
                source.doc_id,
                document.sha256,
                document.title,
                len(new_chunks),
                pages,
                document.encoding,
                now,
                meta=document.meta.to_dict(),
                embed_runtime=embedder.runtime_id,
            )
            chunks += new_chunks
            vector_rows += [None] * len(new_chunks)
            (report.changed if before else report.added).append(key)
        if previous:
            report.removed = [path for path in previous.files if path not in files]
        report.chunks = len(chunks)
        if not chunks:
            raise NothingToIndex(
                f"nothing to index under {', '.join(map(str, roots))} (no readable .txt/.md/.html/.pdf/.docx files)"
            )
        same_roots = previous is not None and previous.roots == [str(root) for root in roots]
        files_changed = report.added or report.changed or report.removed
        if same_roots and not files_changed and previous.analyzer == analyzer.version:
            report.seconds = time.perf_counter() - started
            return report  # up to date: nothing is rewritten

        cache = VectorCache(
            settings.resolved_embed_cache,
            f"{embedder.model_id}|{embedder.runtime_id}",
            embedder.dimension,
            settings.embed_cache_entries,
        )
        todo = sum(1 for row in vector_rows if row is None)
        vectors, report.cached = _fill_vectors(chunks, vector_rows, embedder, cache, progress)
        report.embedded = todo - report.cached
        import bm25s

        keyword = bm25s.BM25()
        keyword.index([analyzer.tokens(chunk.indexed_text) for chunk in chunks], show_progress=False)
        manifest = Manifest(
            embed_model=embedder.model_id,
            dimension=vectors.shape[1],
            chunker=chunking.as_manifest(),
            analyzer=analyzer.version,
            roots=[str(root) for root in roots],
            files=files,
            updated_at=now,
        )
        write_index(index_dir, manifest, chunks, vectors, keyword, figures)
        report.wrote = True
        report.seconds = time.perf_counter() - started
        return report


def _fill_vectors(
    chunks: list[Chunk], rows: list[np.ndarray | None], embedder: Embedder, cache: VectorCache, progress: bool
) -> tuple[np.ndarray, int]:
    """All rows filled: from the vector cache where it has them, else embedded. Returns the vectors
    and how many came from the cache."""
    todo = [i for i, row in enumerate(rows) if row is None]
    texts = [chunks[i].indexed_text for i in todo]
    prompt = embedder.passage_prompt
    cached = cache.get([prompt + text for text in texts])
    for position, vector in cached.items():
        rows[todo[position]] = vector
    rest = [position for position in range(len(todo)) if position not in cached]
    if rest:
        fresh = _embed_with_progress([texts[p] for p in rest], embedder, cache, progress)
        for position, vector in zip(rest, fresh, strict=True):
            rows[todo[position]] = vector
    return np.vstack(rows).astype(np.float32), len(cached)


def _embed_with_progress(texts: list[str], embedder: Embedder, cache: VectorCache, progress: bool) -> np.ndarray:
    """Embed in batches of similar length (little padding), taken in a shuffled order so that the
    work per chunk does not drift from the first batch to the last: chunks/s and the time left that
    tqdm shows (averaged over the whole run) hold from the start. Each batch goes to the vector
    cache as soon as it is done."""
    import random

    from tqdm import tqdm

    batches = embedder.plan_batches(texts)
    random.Random(len(texts)).shuffle(batches)
    prompt = embedder.passage_prompt
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    with tqdm(total=len(texts), desc="Embedding chunks", unit="chunk", smoothing=0, disable=not progress) as bar:
        for batch in batches:
            part = [texts[i] for i in batch]
            vectors = embedder.embed_passages(part)
            out[batch] = vectors
            cache.put([prompt + text for text in part], vectors)
            bar.update(len(batch))
    return out


def _skip(report: BuildReport, warn: Warn, path: Path, reason: str) -> None:
    message = f"skipped {path}: {reason}"
    report.skipped.append(message)
    warn(message)


@contextmanager
def _lock(index_dir: Path) -> Iterator[None]:
    """One builder at a time per index folder (a second one waits)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_index(
    settings: Settings, embedder: Embedder, analyzer: Analyzer, progress: bool = True, warn: Warn = lambda m: None
) -> StoredIndex:
    """The index, built first if there is none; refused if built with other model/chunker settings."""
    index_dir = settings.resolved_index_dir
    manifest = load_manifest(index_dir)
    if manifest is None:
        warn(f"no index yet at {index_dir}: building it from {', '.join(map(str, settings.corpus))}")
        build_index(settings, embedder, analyzer, progress=progress, warn=warn)
        manifest = load_manifest(index_dir)
        assert manifest is not None
    reason = manifest.mismatch(embedder.model_id, None, chunker_settings(settings).as_manifest())
    if reason:
        raise IndexMismatch(f"the index at {index_dir} was {reason}; rebuild it with: rag index --rebuild")
    if manifest.analyzer != analyzer.version:
        raise IndexMismatch(f"the index at {index_dir} has an older keyword index; update it with: rag index")
    return load_index(index_dir)
