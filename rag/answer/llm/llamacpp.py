"""The bundled GGUF run in-process by llama.cpp (the `xllamacpp` wheel): loads in ~2 s, ~1.9 GB."""

from __future__ import annotations

import os
import queue
import secrets
import threading
from collections.abc import Iterator

from rag.answer.llm import LLMUnavailable
from rag.answer.llm.weights import MODEL_NAME, WeightsError, ensure_gguf
from rag.config import Settings


class LlamaCppLLM:
    backend = "local"

    def __init__(self, settings: Settings) -> None:
        try:
            import xllamacpp
        except ImportError as err:
            raise LLMUnavailable("llama.cpp is not installed (pip install xllamacpp)") from err
        try:
            gguf = ensure_gguf(settings.models_dir)
        except WeightsError as err:
            raise LLMUnavailable(str(err)) from err
        self.model = f"{MODEL_NAME} · llama.cpp"
        params = xllamacpp.CommonParams()
        params.model.path = str(gguf)
        params.n_ctx = settings.llm_context_tokens
        threads = settings.llm_threads or os.cpu_count() or 2
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = -1  # llama.cpp logs to stderr otherwise
        # The server also listens on a loopback port; we only call it in-process, so a key nobody
        # knows keeps other local users and web pages from using the model through that port.
        params.api_keys = [secrets.token_urlsafe(32)]
        self._server = xllamacpp.Server(params)
        self._lock = threading.Lock()  # one generation at a time: two would share 2 cores anyway

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        request = {"messages": messages, "max_tokens": max_tokens, "temperature": 0.0, "stream": True}
        chunks: queue.Queue = queue.Queue()
        stop = threading.Event()  # set when the caller stops reading: llama.cpp then stops too
        done = object()

        def on_chunk(chunk: dict) -> bool:
            chunks.put(chunk)
            return stop.is_set()  # True asks llama.cpp to stop generating

        def run() -> None:
            try:
                self._server.handle_chat_completions(request, on_chunk)
            except Exception as err:  # surfaced to the caller below
                chunks.put(err)
            finally:
                chunks.put(done)

        with self._lock:
            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            try:
                while (chunk := chunks.get()) is not done:
                    if isinstance(chunk, Exception):
                        raise LLMUnavailable(f"llama.cpp failed: {chunk}") from chunk
                    if "error" in chunk:
                        raise LLMUnavailable(f"llama.cpp failed: {chunk['error']}")
                    for choice in chunk.get("choices", []):
                        text = (choice.get("delta") or {}).get("content")
                        if text:
                            yield text
            finally:
                stop.set()
                worker.join()
