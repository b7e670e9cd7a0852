"""Passage batching and the runtime setting (no model needed)."""

import numpy as np
import pytest

from rag.config import Settings
from rag.index.embedder import Embedder
from rag.index.runtimes import plan_batches


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
