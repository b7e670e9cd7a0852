"""Language-model backends behind one interface: `stream(messages, max_tokens)` yields text.

- local: the bundled Qwen2.5-Coder-1.5B-Instruct, run by llama.cpp (xllamacpp, the default: on a
  2-core CPU it is several times faster than transformers) or by transformers (any causal LM);
- hosted: any OpenAI-compatible endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rag.config import Settings


class LLMUnavailable(RuntimeError):
    """The model cannot be loaded or reached; the message is one line that says why."""


class LLM(Protocol):
    backend: str  # "local" | "hosted"
    model: str

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]: ...


def load_llm(settings: Settings, backend: str) -> LLM:
    """The configured model for `backend` ("local" or "hosted"); raises LLMUnavailable."""
    if backend == "hosted":
        from rag.answer.llm.hosted import HostedLLM

        return HostedLLM(settings)
    if backend != "local":
        raise ValueError(f"unknown LLM backend {backend!r}")
    if settings.local_engine == "transformers" or settings.local_model:
        from rag.answer.llm.transformers_engine import TransformersLLM

        return TransformersLLM(settings)
    from rag.answer.llm.llamacpp import LlamaCppLLM

    return LlamaCppLLM(settings)
