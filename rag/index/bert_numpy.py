"""Run a sentence-transformers BERT folder (Transformer → mean/CLS Pooling → Normalize) with numpy.

Why not sentence-transformers itself: importing it (with torch, transformers, scikit-learn) takes
~9 s and loading the model ~4 s on this 2-core machine, before every `rag search`; this path starts
in under a second and gives the same vectors (checked against sentence-transformers in the tests).
Folders it does not support are run by sentence-transformers (see Embedder)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

_DTYPES = {"F32": np.float32, "F16": np.float16}
_MODULES = {
    ("sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling"),
    (
        "sentence_transformers.models.Transformer",
        "sentence_transformers.models.Pooling",
        "sentence_transformers.models.Normalize",
    ),
}


def supports(folder: Path) -> bool:
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        tuple(module["type"] for module in modules) in _MODULES
        and config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and (folder / "tokenizer.json").exists()
        and _pooling_mode(pooling) is not None
        and _safetensors_dtypes(folder / "model.safetensors") <= set(_DTYPES)
    )


def _safetensors_header(path: Path) -> tuple[int, dict]:
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        return size, json.loads(handle.read(size))


def _safetensors_dtypes(path: Path) -> set[str]:
    if not path.exists():
        return {"missing"}
    return {info["dtype"] for name, info in _safetensors_header(path)[1].items() if name != "__metadata__"}


def _map_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file as read-only memory maps: no load time, and only the
    embedding rows a query uses are ever read. Format: u64 header size, JSON header, raw data."""
    header_size, header = _safetensors_header(path)
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, _end = info["data_offsets"]
        tensor = np.memmap(
            path, dtype=_DTYPES[info["dtype"]], mode="r", offset=8 + header_size + begin, shape=tuple(info["shape"])
        )
        tensors[name] = tensor if tensor.dtype == np.float32 else tensor.astype(np.float32)
    return tensors


def load_weights(folder: Path) -> dict[str, np.ndarray]:
    """The folder's weights as float32 arrays (memory-mapped where they are stored as float32)."""
    return _map_safetensors(folder / "model.safetensors")


def pooling_mode(folder: Path) -> str | None:
    """ "cls_token" or "mean_tokens" for the folder's Pooling module (None: not supported)."""
    return _pooling_mode(json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8")))


def max_length(folder: Path) -> int:
    """The longest input in tokens, specials included: sentence-transformers' max_seq_length, capped by
    the model's position table."""
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    st_config_file = folder / "sentence_bert_config.json"
    st_config = json.loads(st_config_file.read_text(encoding="utf-8")) if st_config_file.exists() else {}
    return min(st_config.get("max_seq_length", 512), config["max_position_embeddings"])


def token_rows(tokenizer, texts: Sequence[str], prompt: str, limit: int) -> list[list[int]]:
    """Token ids of prompt + text, specials included, truncated as transformers does: <s> + the first
    tokens + </s>."""
    rows = []
    for encoding in tokenizer.encode_batch([prompt + text for text in texts]):
        ids = encoding.ids
        rows.append(ids if len(ids) <= limit else ids[: limit - 1] + ids[-1:])
    return rows


def padded(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids (padded with 0) and the attention mask (1 = token) of a batch, as int64."""
    length = max(len(row) for row in rows)
    ids = np.zeros((len(rows), length), dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


def _pooling_mode(pooling: dict) -> str | None:
    modes = [
        name
        for name in ("cls_token", "mean_tokens", "max_tokens", "mean_sqrt_len_tokens")
        if pooling.get(f"pooling_mode_{name}")
    ]
    if not modes and "pooling_mode" in pooling:
        modes = [{"cls": "cls_token", "mean": "mean_tokens"}.get(pooling["pooling_mode"], "other")]
    if not modes:  # sentence-transformers' default
        modes = ["mean_tokens"]
    return modes[0] if modes in (["cls_token"], ["mean_tokens"]) else None


class NumpyBert:
    def __init__(self, folder: Path) -> None:
        from scipy.special import erf
        from tokenizers import Tokenizer

        self._erf = erf
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        self.eps = config.get("layer_norm_eps", 1e-12)
        self.max_length = max_length(folder)
        prompts_file = folder / "config_sentence_transformers.json"
        self.prompts: dict[str, str] = (
            json.loads(prompts_file.read_text(encoding="utf-8")).get("prompts", {}) if prompts_file.exists() else {}
        )
        self.pooling = pooling_mode(folder)
        self.normalize = len(json.loads((folder / "modules.json").read_text(encoding="utf-8"))) == 3
        self.w = load_weights(folder)
        self.dimension = int(config["hidden_size"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    def _encode(self, texts: Sequence[str], prompt: str, batch_size: int) -> np.ndarray:
        rows = token_rows(self.tokenizer, texts, prompt, self.max_length)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(rows[i]))  # less padding
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            ids, mask = padded([rows[i] for i in batch])
            out[batch] = self._forward(ids, mask.astype(np.float32))
        return out

    def encode(self, texts: Sequence[str], prompt: str = "", batch_size: int = 16) -> np.ndarray:
        # One BLAS thread: questions are tiny matrices, and OpenBLAS's threads spin against any
        # other busy process on a 2-core machine (a 40 ms query took 3 s with one core busy).
        with threadpool_limits(limits=1, user_api="blas"):
            return self._encode(texts, prompt, batch_size)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._layer_norm(x, "embeddings.LayerNorm")
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]  # padded keys get no attention
        head = self.dimension // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self._linear(x, p + "attention.self.query"))
            k = split(self._linear(x, p + "attention.self.key"))
            v = split(self._linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            context = (scores / scores.sum(-1, keepdims=True)) @ v
            context = context.transpose(0, 2, 1, 3).reshape(batch, length, self.dimension)
            x = self._layer_norm(
                x + self._linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm"
            )
            hidden = self._linear(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + self._erf(hidden / np.float32(np.sqrt(2.0))))  # exact GELU
            x = self._layer_norm(x + self._linear(hidden, p + "output.dense"), p + "output.LayerNorm")
        if self.pooling == "cls_token":
            pooled = x[:, 0]
        else:
            pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        if self.normalize:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled.astype(np.float32)

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _layer_norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]
