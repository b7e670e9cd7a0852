"""The on-disk index: a manifest, the chunks (JSON lines), a FAISS inner-product index of the
normalised chunk vectors, and a BM25 keyword index (bm25s: JSON + .npy, no pickle).

Layout: <index_dir>/CURRENT names the live version folder. A build writes a new folder and then
swaps CURRENT atomically, so an interrupted build leaves the previous index untouched."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from rag.chunk.chunker import Chunk
from rag.figures.model import GROUP, Figure

FORMAT_VERSION = 1
_CURRENT = "CURRENT"


class IndexProblem(Exception):
    """Base for index problems; the message is one line that says what to do."""


class IndexMissing(IndexProblem):
    pass


class IndexCorrupt(IndexProblem):
    pass


class IndexMismatch(IndexProblem):
    pass


@dataclass
class FileEntry:
    doc_id: str
    sha256: str
    title: str
    chunks: int
    pages: int | None
    encoding: str
    indexed_at: str
    # What embedded the file's chunks (Embedder.runtime_id); "" in indexes written before it was kept.
    embed_runtime: str = ""
    # Whose document it is and its period, as read from it (rag.ingest.metadata.DocumentMeta).
    meta: dict = field(default_factory=dict)

    @property
    def company(self) -> str:
        """The company as the document names it shortest: its short name, else its legal name."""
        return self.meta.get("short_name") or self.meta.get("company") or ""

    @property
    def period(self) -> str:
        return self.meta.get("period", "")


@dataclass
class Manifest:
    embed_model: str
    dimension: int
    chunker: dict
    analyzer: str  # the keyword tokeniser's version (rag.text.analyzer)
    roots: list[str]
    files: dict[str, FileEntry] = field(default_factory=dict)  # by absolute path
    format: int = FORMAT_VERSION
    updated_at: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["files"] = {path: FileEntry(**entry) for path, entry in data["files"].items()}
        return cls(**data)

    def mismatch(self, embed_model: str, dimension: int | None, chunker: dict) -> str | None:
        """Why an index built with these settings cannot be used with the given ones, if so."""
        if self.format != FORMAT_VERSION:
            return f"index format {self.format}, this version of rag reads format {FORMAT_VERSION}"
        if self.embed_model != embed_model:
            return f"built with embedding model {self.embed_model}, configured model is {embed_model}"
        if dimension is not None and self.dimension != dimension:
            return f"built with {self.dimension}-dimensional vectors, the model gives {dimension}"
        if self.chunker != chunker:
            return f"built with chunker settings {self.chunker}, configured {chunker}"
        return None


@dataclass
class StoredIndex:
    manifest: Manifest
    chunks: list[Chunk]
    dense: object  # faiss.Index
    keyword: object  # bm25s.BM25
    folder: Path | None = None

    @cached_property
    def figures(self) -> list[Figure]:
        """Every figure the indexed documents state (read when first asked for)."""
        path = self.folder / "figures.jsonl" if self.folder else None
        if path is None or not path.exists():
            return []
        try:
            with path.open(encoding="utf-8") as handle:
                return [Figure.from_dict(json.loads(line)) for line in handle if line.strip()]
        except (ValueError, TypeError, KeyError) as err:
            raise IndexCorrupt(
                f"the figures table {path} is unreadable ({err}); rebuild it with: rag index --rebuild"
            ) from err

    @cached_property
    def figures_by_doc(self) -> dict[str, list[Figure]]:
        """The figures table grouped by document, in reading order (what a passage states)."""
        grouped: dict[str, list[Figure]] = {}
        for figure in self.figures:
            grouped.setdefault(figure.doc_id, []).append(figure)
        return grouped

    @cached_property
    def scopes(self) -> set[str]:
        """The business lines the figures table knows (智慧商业, 国际业务, …), not the group."""
        return {figure.scope for figure in self.figures if figure.scope != GROUP}

    @cached_property
    def measures(self) -> set[str]:
        """What the figures table's figures quantify (营业收入, 客户, GPU)."""
        return {figure.measure for figure in self.figures}

    def figures_in(self, chunk: Chunk) -> list[Figure]:
        """The figures the chunk's text states."""
        return [f for f in self.figures_by_doc.get(chunk.doc_id, []) if chunk.start <= f.start < chunk.end]

    @cached_property
    def chunk_by_id(self) -> dict[str, Chunk]:
        return {chunk.id: chunk for chunk in self.chunks}

    def vectors(self) -> np.ndarray:
        if not self.chunks:
            return np.zeros((0, self.manifest.dimension), dtype=np.float32)
        return self.dense.reconstruct_n(0, self.dense.ntotal)


def current_dir(index_dir: Path) -> Path | None:
    pointer = index_dir / _CURRENT
    if not pointer.exists():
        return None
    return index_dir / pointer.read_text(encoding="utf-8").strip()


def load_manifest(index_dir: Path) -> Manifest | None:
    folder = current_dir(index_dir)
    if folder is None:
        return None
    try:
        return Manifest.from_json((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError) as err:
        raise IndexCorrupt(_corrupt(index_dir, f"unreadable manifest ({err})")) from err


def load_index(index_dir: Path) -> StoredIndex:
    import bm25s
    import faiss

    manifest = load_manifest(index_dir)
    if manifest is None:
        raise IndexMissing(f"no index at {index_dir}; build it with: rag index")
    folder = current_dir(index_dir)
    assert folder is not None
    try:
        with (folder / "chunks.jsonl").open(encoding="utf-8") as handle:
            chunks = [Chunk(**json.loads(line)) for line in handle if line.strip()]
        dense = faiss.read_index(str(folder / "dense.faiss"))
        keyword = bm25s.BM25.load(str(folder / "keyword"), load_corpus=False, allow_pickle=False)
    except Exception as err:  # any of json/faiss/numpy errors means the same thing to the user
        raise IndexCorrupt(_corrupt(index_dir, f"{type(err).__name__}: {err}")) from err
    expected = sum(entry.chunks for entry in manifest.files.values())
    if not (len(chunks) == dense.ntotal == expected) or dense.d != manifest.dimension:
        raise IndexCorrupt(
            _corrupt(index_dir, f"{len(chunks)} chunks, {dense.ntotal} vectors, manifest says {expected}")
        )
    if chunks and int(keyword.scores["num_docs"]) != len(chunks):
        raise IndexCorrupt(_corrupt(index_dir, "keyword index does not match the chunks"))
    return StoredIndex(manifest, chunks, dense, keyword, folder)


def write_index(
    index_dir: Path, manifest: Manifest, chunks: list[Chunk], vectors: np.ndarray, keyword, figures: list[Figure]
) -> None:
    """Write a new version folder, then point CURRENT at it (atomic), then drop old versions."""
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    version = f"v{os.getpid()}-{os.urandom(4).hex()}"
    staging = index_dir / f".{version}.tmp"
    staging.mkdir()
    with (staging / "manifest.json").open("w", encoding="utf-8") as handle:
        handle.write(manifest.to_json())
    with (staging / "chunks.jsonl").open("w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
    with (staging / "figures.jsonl").open("w", encoding="utf-8") as handle:
        for figure in figures:
            handle.write(json.dumps(figure.to_dict(), ensure_ascii=False) + "\n")
    dense = faiss.IndexFlatIP(manifest.dimension)
    if len(vectors):
        dense.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(dense, str(staging / "dense.faiss"))
    keyword.save(str(staging / "keyword"), allow_pickle=False)
    final = index_dir / version
    staging.rename(final)
    pointer = index_dir / f".{_CURRENT}.tmp"
    pointer.write_text(version, encoding="utf-8")
    os.replace(pointer, index_dir / _CURRENT)
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name != version:
            shutil.rmtree(entry, ignore_errors=True)


def _corrupt(index_dir: Path, detail: str) -> str:
    return f"the index at {index_dir} is corrupt or incomplete ({detail}); rebuild it with: rag index --rebuild"
