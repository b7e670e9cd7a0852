"""A causal LM run by transformers in bf16: the bundled Qwen2.5 (dequantised from its GGUF once —
~2 min, ~5.4 GB peak — and kept as a dense copy in the cache, so later loads take seconds), or any
transformers model given by path or hub name (RAG_LOCAL_MODEL)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from rag.answer.llm import LLMUnavailable
from rag.answer.llm.weights import GGUF_NAME, MODEL_NAME, WeightsError, ensure_gguf
from rag.config import Settings


class TransformersLLM:
    backend = "local"

    def __init__(self, settings: Settings) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        torch.set_num_threads(settings.llm_threads or os.cpu_count() or 2)
        self._torch = torch
        try:
            if settings.local_model:
                source = settings.local_model
                self.model = f"{source} · transformers"
            else:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the bundled weights: nothing to fetch
                source = str(_dense_copy(settings.models_dir))
                self.model = f"{MODEL_NAME} · transformers bf16"
            self._tokenizer = AutoTokenizer.from_pretrained(source)
            self._model = AutoModelForCausalLM.from_pretrained(source, dtype=torch.bfloat16).eval()
        except (OSError, ValueError, WeightsError) as err:
            raise LLMUnavailable(f"cannot load the local model: {str(err).splitlines()[0]}") from err
        self._lock = threading.Lock()

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        stop = threading.Event()  # set when the caller stops reading

        class Stop(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs) -> bool:
                return stop.is_set()

        text = self._tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        inputs = self._tokenizer(text, return_tensors="pt", add_special_tokens=False)
        streamer = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
        arguments = dict(
            **inputs,
            max_new_tokens=max_tokens,
            do_sample=False,
            streamer=streamer,
            stopping_criteria=StoppingCriteriaList([Stop()]),
        )

        def run() -> None:
            with self._torch.inference_mode():
                self._model.generate(**arguments)

        with self._lock:
            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            try:
                for piece in streamer:
                    if piece:
                        yield piece
            finally:
                stop.set()
                worker.join()


def _dense_copy(models_dir: Path) -> Path:
    """A bf16 safetensors copy of the bundled model, made once from the GGUF."""
    target = models_dir / "qwen2.5-coder-1.5b-instruct-bf16"
    if (target / "config.json").exists():
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = ensure_gguf(models_dir)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=GGUF_NAME)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=GGUF_NAME, dtype=torch.bfloat16)
    # transformers refuses to save a GGUF-loaded model until its quantizer bookkeeping is cleared;
    # the tensors are already dense.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.is_quantized = False
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    partial.rename(target)  # only a complete copy ever has the final name
    return target
