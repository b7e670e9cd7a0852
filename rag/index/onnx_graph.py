"""Write a sentence-transformers BERT folder (the ones bert_numpy runs) as one ONNX graph: token ids
and attention mask in, the pooled, L2-normalised sentence vector out.

The graph is built here from the safetensors weights with `onnx.helper`, not exported by
torch.onnx: no torch import (~10 s), no onnxscript, about a second, and the same graph whatever
the torch version. It uses standard ONNX ops only (opset 17), so both ONNX Runtime and OpenVINO
read it: Q, K and V are one MatMul, the 1/sqrt(head) scale is folded into Q, GELU is the exact
erf form (ONNX Runtime fuses it), padded keys get a large negative attention bias as in
transformers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from rag.index import bert_numpy

OPSET = 17
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "sentence_vector"


def build(folder: Path, out: Path) -> None:
    """Write `folder`'s model (bert_numpy.supports(folder) must hold) as ONNX to `out`, its weights
    beside it in `out`.data (ONNX external data)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    pooling = bert_numpy.pooling_mode(folder)
    normalize = len(json.loads((folder / "modules.json").read_text(encoding="utf-8"))) == 3
    w = bert_numpy.load_weights(folder)
    hidden, heads, layers = config["hidden_size"], config["num_attention_heads"], config["num_hidden_layers"]
    head = hidden // heads
    eps = float(config.get("layer_norm_eps", 1e-12))

    nodes: list = []
    inits: list = []
    counter = iter(range(1_000_000))
    data_name = out.name + ".data"
    data = (out.parent / data_name).open("wb")

    def const(array: np.ndarray) -> str:
        name = f"c{next(counter)}"
        array = np.ascontiguousarray(array, dtype=array.dtype if array.dtype == np.int64 else np.float32)
        if array.nbytes < 1024:
            inits.append(numpy_helper.from_array(array, name))
            return name
        # Weights go to the data file as they are: no copy into the protobuf, no serialising 470 MB.
        offset = data.tell()
        array.tofile(data)
        tensor = TensorProto(name=name, data_type=helper.np_dtype_to_tensor_dtype(array.dtype), dims=array.shape)
        tensor.data_location = TensorProto.EXTERNAL
        for key, value in (("location", data_name), ("offset", offset), ("length", array.nbytes)):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, str(value)
        inits.append(tensor)
        pad = -data.tell() % 64  # aligned, so readers can map the tensors
        data.write(b"\0" * pad)
        return name

    def ints(*values: int) -> str:
        return const(np.array(values, np.int64))

    def scalar(value: float) -> str:
        return const(np.array(value, np.float32))

    def op(kind: str, *inputs: str, **attrs) -> str:
        out_name = f"t{next(counter)}"
        nodes.append(helper.make_node(kind, list(inputs), [out_name], **attrs))
        return out_name

    def linear(x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return op("Add", op("MatMul", x, const(weight.T)), const(bias))

    def layer_norm(x: str, name: str) -> str:
        return op(
            "LayerNormalization",
            x,
            const(w[name + ".weight"]),
            const(w[name + ".bias"]),
            axis=-1,
            epsilon=eps,
        )

    ids, mask = INPUTS
    # Embeddings: word + position (the first `length` rows) + token type 0.
    length = op("Slice", op("Shape", ids), ints(1), ints(2))  # [length]
    positions = op("Slice", const(w["embeddings.position_embeddings.weight"]), ints(0), length)
    words = op("Gather", const(w["embeddings.word_embeddings.weight"]), ids, axis=0)
    token_type = w["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(op("Add", op("Add", words, positions), const(token_type)), "embeddings.LayerNorm")

    maskf = op("Cast", mask, to=TensorProto.FLOAT)  # (batch, length)
    # 0 where attended, float32 min where padded; (batch, 1, 1, length).
    bias = op(
        "Mul",
        op("Sub", const(np.array(1.0, np.float32)), maskf),
        const(np.array(np.finfo(np.float32).min, np.float32)),
    )
    bias = op("Unsqueeze", bias, const(np.array([1, 2], np.int64)))
    split_heads = const(np.array([0, 0, heads, head], np.int64))
    merge_heads = const(np.array([0, 0, hidden], np.int64))
    scale = np.float32(1.0 / np.sqrt(head))
    for layer in range(layers):
        p = f"encoder.layer.{layer}."
        qkv_w = np.concatenate(
            [
                w[p + "attention.self.query.weight"] * scale,
                w[p + "attention.self.key.weight"],
                w[p + "attention.self.value.weight"],
            ]
        )
        qkv_b = np.concatenate(
            [
                w[p + "attention.self.query.bias"] * scale,
                w[p + "attention.self.key.bias"],
                w[p + "attention.self.value.bias"],
            ]
        )
        qkv = linear(x, qkv_w, qkv_b)
        q_out, k_out, v_out = (f"t{next(counter)}" for _ in range(3))
        nodes.append(
            helper.make_node("Split", [qkv, const(np.array([hidden] * 3, np.int64))], [q_out, k_out, v_out], axis=-1)
        )
        q = op("Transpose", op("Reshape", q_out, split_heads), perm=[0, 2, 1, 3])  # (b, h, s, d)
        k = op("Transpose", op("Reshape", k_out, split_heads), perm=[0, 2, 3, 1])  # (b, h, d, s)
        v = op("Transpose", op("Reshape", v_out, split_heads), perm=[0, 2, 1, 3])
        probs = op("Softmax", op("Add", op("MatMul", q, k), bias), axis=-1)
        context = op("Reshape", op("Transpose", op("MatMul", probs, v), perm=[0, 2, 1, 3]), merge_heads)
        attended = linear(context, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"])
        x = layer_norm(op("Add", x, attended), p + "attention.output.LayerNorm")
        h = linear(x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"])
        erf = op("Erf", op("Div", h, const(np.array(np.sqrt(2.0), np.float32))))
        h = op("Mul", op("Mul", h, op("Add", erf, const(np.array(1.0, np.float32)))), const(np.array(0.5, np.float32)))
        h = linear(h, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
        x = layer_norm(op("Add", x, h), p + "output.LayerNorm")

    if pooling == "cls_token":
        first = op("Slice", x, ints(0), ints(1), ints(1))  # x[:, 0:1]
        pooled = op("Squeeze", first, ints(1))
    else:
        weights = op("Unsqueeze", maskf, ints(2))  # (b, s, 1)
        total = op("ReduceSum", op("Mul", x, weights), ints(1), keepdims=0)
        count = op("Max", op("ReduceSum", weights, ints(1), keepdims=0), scalar(1e-9))
        pooled = op("Div", total, count)
    if normalize:
        norm = op("Max", op("ReduceL2", pooled, axes=[1], keepdims=1), scalar(1e-12))
        pooled = op("Div", pooled, norm)
    nodes.append(helper.make_node("Identity", [pooled], [OUTPUT]))

    graph = helper.make_graph(
        nodes,
        "sentence_encoder",
        [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "length"]) for name in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", hidden])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="rag")
    model.ir_version = 8  # readable by any onnxruntime >= 1.10 and OpenVINO
    data.close()
    onnx.save_model(model, str(out))
