"""Passage vectors already computed, on disk (Settings().resolved_embed_cache, by default
<cache_dir>/vectors.sqlite), keyed by what produced them (model id + runtime id) and the SHA-256 of
the exact text embedded (prompt included).

`rag index` commits each batch as soon as it is embedded, so a run interrupted by Ctrl-C (or a
crash) keeps what it had done, and the next run, or `rag index --rebuild`, embeds only the rest.
The cache holds at most `max_entries` vectors (Settings().embed_cache_entries); the least recently
used go first. Deleting the file is always safe."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import numpy as np

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    producer TEXT NOT NULL,
    digest BLOB NOT NULL,
    vector BLOB NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (producer, digest)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used);
"""


class VectorCache:
    def __init__(self, path: Path, producer: str, dimension: int, max_entries: int) -> None:
        self.path, self.producer, self.dimension, self.max_entries = path, producer, dimension, max_entries

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(_SCHEMA)
        return connection

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8")).digest()

    def get(self, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """The cached vectors of `texts`, by position in `texts` (missing ones are left out)."""
        if not self.enabled or not texts:
            return {}
        wanted: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            wanted.setdefault(self.digest(text), []).append(i)
        found: dict[int, np.ndarray] = {}
        try:
            with closing(self._connect()) as db, db:
                keys = list(wanted)
                for start in range(0, len(keys), 500):  # sqlite's limit on bound parameters
                    part = keys[start : start + 500]
                    marks = ",".join("?" * len(part))
                    rows = db.execute(
                        f"SELECT digest, vector FROM vectors WHERE producer = ? AND digest IN ({marks})",
                        [self.producer, *part],
                    ).fetchall()
                    for digest, blob in rows:
                        vector = np.frombuffer(blob, dtype=np.float32)
                        if vector.shape == (self.dimension,):
                            for i in wanted[digest]:
                                found[i] = vector.copy()
                    db.executemany(
                        "UPDATE vectors SET used = ? WHERE producer = ? AND digest = ?",
                        [(time.time(), self.producer, digest) for digest, _ in rows],
                    )
        except sqlite3.DatabaseError:
            return {}  # an unreadable cache is only a slower index run
        return found

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store (and commit) the vectors of `texts`, then drop the oldest beyond max_entries."""
        if not self.enabled or not len(texts):
            return
        now = time.time()
        rows = [
            (self.producer, self.digest(text), np.asarray(vector, dtype=np.float32).tobytes(), now)
            for text, vector in zip(texts, vectors, strict=True)
        ]
        try:
            with closing(self._connect()) as db, db:
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
                excess = db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] - self.max_entries
                if excess > 0:
                    db.execute(
                        "DELETE FROM vectors WHERE (producer, digest) IN "
                        "(SELECT producer, digest FROM vectors ORDER BY used LIMIT ?)",
                        (excess,),
                    )
        except sqlite3.DatabaseError:
            pass

    def count(self) -> int:
        """Vectors cached for this producer."""
        if not self.path.exists():
            return 0
        with closing(self._connect()) as db:
            return db.execute("SELECT COUNT(*) FROM vectors WHERE producer = ?", (self.producer,)).fetchone()[0]
