"""Shared fixtures. Tests marked `slow` use the real embedding model (converted once into the
normal model cache, ~/.cache/rag/models or $RAG_CACHE_DIR) and build their own indexes under tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.config import BUNDLED_CORPUS, Settings
from rag.index.embedder import Embedder
from rag.pipeline import Pipeline
from rag.text.analyzer import Analyzer


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings read RAG_* variables: tests state what they need explicitly.
    import os

    for name in list(os.environ):
        if name.startswith("RAG_") and name != "RAG_CACHE_DIR":
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder(Settings())


def make_settings(tmp: Path, corpus: Path | None = None, **overrides) -> Settings:
    # Each test's own vector cache: what another test (or the user's `rag index`) embedded is not reused.
    overrides.setdefault("embed_cache", tmp / "vectors.sqlite")
    return Settings(corpus=(corpus or tmp / "corpus",), index_dir=tmp / "index", **overrides)


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, analyzer: Analyzer) -> Pipeline:
    """A pipeline over the bundled SenseTime filings, indexed once for the session."""
    settings = make_settings(tmp_path_factory.mktemp("bundled"), BUNDLED_CORPUS)
    pipeline = Pipeline(settings, progress=False)
    pipeline.embedder, pipeline.analyzer = embedder, analyzer  # share the loaded models
    pipeline.index()
    return pipeline
