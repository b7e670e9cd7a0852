"""Runtimes that embed passages at index time. Queries always go through bert_numpy (fp32).

- "openvino" (default): the model as an ONNX graph, written once from the sentence-transformers
  folder into Settings().models_dir (rag/index/onnx_graph.py, ~1.5 s), run by OpenVINO in its
  default precision for the CPU: bfloat16 where the CPU has bf16 instructions (AMX / AVX512-BF16,
  as on this machine), float32 elsewhere. On 2 cores it embeds chunks several times faster than
  sentence-transformers, with vectors at cosine >= 0.9999 of the fp32 ones (bench/embedding.py).
- "torch": sentence-transformers on torch fp32, the path indexing used before.

Both take batches of texts of similar length (see plan_batches): padding is most of the waste
when chunks run from 20 to 340 tokens."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.index import bert_numpy, onnx_graph

RUNTIMES = ("openvino", "torch")
GRAPH_NAME = "model.onnx"


def graph_folder(folder: Path, models_dir: Path) -> Path:
    """Where the ONNX graph of `folder` lives: named after the folder and its weights file, so a
    changed model gets a new graph."""
    stat = (folder / "model.safetensors").stat()
    digest = hashlib.sha256(f"{folder.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    return models_dir / f"{folder.name}-onnx-{digest}"


def ensure_graph(folder: Path, models_dir: Path) -> Path:
    """The ONNX graph of `folder` (model.onnx + its weights in model.onnx.data), written first if
    needed: ~1.5 s and ~470 MB for multilingual-e5-small, into a staging folder that is renamed into
    place, so a half-written graph is never used."""
    target = graph_folder(folder, models_dir)
    if (target / "source.json").exists():  # written last
        return target / GRAPH_NAME
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".onnx-", dir=models_dir))
    staging.chmod(0o755)
    try:
        onnx_graph.build(folder, staging / GRAPH_NAME)
        (staging / "source.json").write_text(json.dumps({"folder": str(folder.resolve())}), encoding="utf-8")
        if target.exists() and not (target / "source.json").exists():
            shutil.rmtree(target, ignore_errors=True)  # a folder left incomplete by hand
        try:
            staging.rename(target)
        except OSError:  # another process got there first
            if not (target / "source.json").exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / GRAPH_NAME


class OpenVinoPassages:
    """The sentence encoder compiled by OpenVINO for the CPU: token ids in, normalised vectors out."""

    def __init__(
        self, folder: Path, models_dir: Path, threads: int | None = None, precision: str | None = None
    ) -> None:
        """`precision`: OpenVINO's inference precision ("f32", "bf16"); None = its default for the CPU."""
        import openvino as ov
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_length = bert_numpy.max_length(folder)
        config = {"PERFORMANCE_HINT": "LATENCY", "INFERENCE_NUM_THREADS": threads or os.cpu_count() or 1}
        if precision:
            config["INFERENCE_PRECISION_HINT"] = precision
        # Reading the ONNX graph maps its weights file: ~0.5 s to compile, no conversion kept on disk.
        self.compiled = ov.Core().compile_model(str(ensure_graph(folder, models_dir)), "CPU", config)
        self.request = self.compiled.create_infer_request()
        self.precision = self.compiled.get_property("INFERENCE_PRECISION_HINT").to_string()

    def encode(self, texts: Sequence[str], prompt: str, batch_tokens: int) -> np.ndarray:
        rows = bert_numpy.token_rows(self.tokenizer, texts, prompt, self.max_length)
        out = np.zeros((len(rows), self.compiled.outputs[0].get_partial_shape()[1].get_length()), np.float32)
        for batch in plan_batches([len(row) for row in rows], batch_tokens):
            ids, mask = bert_numpy.padded([rows[i] for i in batch])
            result = self.request.infer({onnx_graph.INPUTS[0]: ids, onnx_graph.INPUTS[1]: mask})
            out[batch] = result[self.compiled.outputs[0]]
        return out


def plan_batches(lengths: Sequence[int], batch_tokens: int, max_texts: int = 128) -> list[list[int]]:
    """Indexes of `lengths` in batches of similar length: sorted by length, each batch holding as
    many as fit in `batch_tokens` padded tokens (at least one, at most `max_texts`)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and ((len(current) + 1) * max(lengths[i], 1) > batch_tokens or len(current) >= max_texts):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
