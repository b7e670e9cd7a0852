"""Passage batching, the runtime setting and the vector cache (no model needed)."""

import numpy as np
import pytest

from rag.config import Settings
from rag.index.embedder import Embedder
from rag.index.runtimes import plan_batches
from rag.index.vector_cache import VectorCache


def test_batches_hold_texts_of_similar_length_within_the_token_budget() -> None:
    rng = np.random.default_rng(0)
    lengths = [int(n) for n in rng.integers(10, 340, 500)]
    batches = plan_batches(lengths, 2048)
    assert sorted(i for batch in batches for i in batch) == list(range(500))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or len(batch) * longest <= 2048
    padded = sum(len(batch) * max(lengths[i] for i in batch) for batch in batches)
    assert padded < 1.1 * sum(lengths)  # sorting leaves little padding
    assert plan_batches([5000], 2048) == [[0]]  # an over-long text still gets its batch
    assert plan_batches([], 2048) == []


def test_runtime_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().embed_runtime == "openvino"
    monkeypatch.setenv("RAG_EMBED_RUNTIME", "torch")
    assert Settings().embed_runtime == "torch"
    monkeypatch.setenv("RAG_EMBED_RUNTIME", "tensorflow")
    with pytest.raises(ValueError, match="embed_runtime"):
        Settings()


def test_models_bert_numpy_cannot_run_use_torch(tmp_path) -> None:
    embedder = Embedder(Settings(embed_model=str(tmp_path), cache_dir=tmp_path))
    assert embedder.runtime == "torch"


def test_vector_cache_round_trip_and_bound(tmp_path) -> None:
    path = tmp_path / "vectors.sqlite"
    cache = VectorCache(path, "model@1|runtime-a", 4, max_entries=4)
    vectors = np.eye(4, dtype=np.float32)
    cache.put(["甲", "乙", "丙", "丁"], vectors)
    found = cache.get(["乙", "戊", "甲", "乙"])
    assert sorted(found) == [0, 2, 3]
    assert np.array_equal(found[0], vectors[1]) and np.array_equal(found[2], vectors[0])
    # Another model or runtime never sees these vectors.
    assert VectorCache(path, "model@1|runtime-b", 4, 4).get(["甲"]) == {}
    assert VectorCache(path, "model@1|runtime-a", 8, 4).get(["甲"]) == {}  # wrong dimension: ignored
    # Bounded: the least recently used go first ("丙" and "丁" were not read since they were stored).
    cache.put(["戊", "己"], np.ones((2, 4), dtype=np.float32))
    assert cache.count() == 4
    assert sorted(cache.get(["甲", "乙", "丙", "丁", "戊", "己"])) == [0, 1, 4, 5]
    assert VectorCache(path, "x", 4, max_entries=0).get(["甲"]) == {}  # 0: off


def test_an_unreadable_cache_only_costs_time(tmp_path) -> None:
    path = tmp_path / "vectors.sqlite"
    path.write_bytes(b"not a database" * 100)
    cache = VectorCache(path, "m|r", 4, 10)
    assert cache.get(["甲"]) == {}
    cache.put(["甲"], np.ones((1, 4), dtype=np.float32))  # no exception


class _CountingEmbedder:
    """Stands in for Embedder in the builder: a text's "cost" is its length."""

    passage_prompt = "passage: "
    dimension = 2

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def plan_batches(self, texts):
        return plan_batches([len(text) for text in texts], 2048)

    def embed_passages(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(text), 1.0] for text in texts], dtype=np.float32)


def test_progress_stays_accurate_with_length_sorted_batches(tmp_path) -> None:
    """Batches are formed from texts sorted by length but run in a shuffled order, so the share of
    the work done tracks the share of chunks done, and chunks/s (and so the time left) holds from
    start to end instead of drifting as short batches give way to long ones."""
    from rag.index.builder import _embed_with_progress

    rng = np.random.default_rng(1)
    texts = ["字" * int(n) for n in rng.integers(10, 340, 800)]
    fake = _CountingEmbedder()
    cache = VectorCache(tmp_path / "v.sqlite", "m|r", 2, 10_000)
    out = _embed_with_progress(texts, fake, cache, progress=False)
    assert [row[0] for row in out] == [len(text) for text in texts]  # every vector back in its place
    assert len(cache.get(["passage: " + text for text in texts])) == len(texts)  # each batch committed
    chunks = np.cumsum([len(call) for call in fake.calls]) / len(texts)
    work = np.cumsum([len(call) * max(map(len, call)) for call in fake.calls])
    work = work / work[-1]
    for share in (0.1, 0.25, 0.5, 0.75):
        at = int(np.searchsorted(chunks, share))
        assert abs(work[at] - chunks[at]) < 0.1, (share, work[at], chunks[at])
