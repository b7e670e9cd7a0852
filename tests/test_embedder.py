"""The numpy runtime must give the same vectors as sentence-transformers for the same folder."""

import numpy as np
import pytest

from rag.index import bert_numpy

pytestmark = pytest.mark.slow

TEXTS = [
    "商汤2022年营业收入38亿元，同比下降19%。",
    "What was SenseTime's revenue in 2022?",
    "ＦＵＬＬ－ｗｉｄｔｈ ～ 營業收入",
    "上线GPU数量由2023年3月底的27,000块提升至目前约30,000块。" * 40,  # longer than 512 tokens
]


def test_numpy_runtime_matches_sentence_transformers(embedder) -> None:
    assert embedder.fast is not None, "the default model should run on the numpy runtime"
    reference = embedder.sentence_transformer.encode(TEXTS, prompt="passage: ", normalize_embeddings=True)
    ours = embedder.fast.encode(TEXTS, "passage: ")
    assert np.abs(ours - reference).max() < 1e-4
    assert embedder.count_tokens(TEXTS) == [
        len(ids) for ids in embedder.sentence_transformer.tokenizer(TEXTS, add_special_tokens=False)["input_ids"]
    ]


def test_query_and_passage_prompts_are_used(embedder) -> None:
    assert embedder.prompts == {"query": "query: ", "passage": "passage: "}
    question = embedder.embed_query("2022年营业收入")
    plain = embedder.fast.encode(["2022年营业收入"], "")[0]
    assert np.linalg.norm(question) == pytest.approx(1.0, abs=1e-5)
    assert float(question @ plain) < 0.9999  # the "query: " prefix changed the vector


def test_relevant_passage_scores_higher(embedder) -> None:
    passages = embedder.embed_passages(["集团营业收入38亿元，同比下降19%", "智慧城市累计赋能162个城市"])
    scores = passages @ embedder.embed_query("商汤去年的营业收入是多少")
    assert scores[0] > scores[1]


def test_unsupported_folders_fall_back(tmp_path) -> None:
    assert not bert_numpy.supports(tmp_path)


def test_default_passage_runtime_matches_fp32(embedder) -> None:
    """OpenVINO (bfloat16 on CPUs with AMX/AVX512-BF16, else float32) against sentence-transformers
    fp32. bench/embedding.py measured cosine >= 0.99998 over the ~3,900 FinGLM chunks; 0.9999 leaves
    room for other CPUs. Retrieval recall@5 was unchanged."""
    assert embedder.runtime == "openvino"
    reference = embedder.sentence_transformer.encode(TEXTS, prompt="passage: ", normalize_embeddings=True)
    ours = embedder.embed_passages(TEXTS)
    assert ours.shape == reference.shape and ours.dtype == np.float32
    assert np.linalg.norm(ours, axis=1) == pytest.approx(1.0, abs=1e-5)
    assert (ours * reference).sum(1).min() >= 0.9999


def test_onnx_graph_is_the_same_model(embedder, tmp_path) -> None:
    """The graph rag/index/onnx_graph.py writes, run in float32, gives bert_numpy's vectors."""
    import openvino as ov

    from rag.index import onnx_graph

    onnx_graph.build(embedder.folder, tmp_path / "model.onnx")
    compiled = ov.Core().compile_model(str(tmp_path / "model.onnx"), "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    rows = bert_numpy.token_rows(embedder.fast.tokenizer, TEXTS, "passage: ", embedder.fast.max_length)
    ids, mask = bert_numpy.padded(rows)
    ours = compiled({"input_ids": ids, "attention_mask": mask})[0]
    assert np.abs(ours - embedder.fast.encode(TEXTS, "passage: ")).max() < 1e-4


def test_torch_runtime_is_still_selectable(tmp_path) -> None:
    from rag.config import Settings
    from rag.index.embedder import Embedder

    torch_embedder = Embedder(Settings(embed_runtime="torch"))
    assert torch_embedder.runtime == "torch" and torch_embedder.runtime_id.startswith("sentence-transformers-")
    vectors = torch_embedder.embed_passages(TEXTS[:2])
    reference = torch_embedder.fast.encode(TEXTS[:2], "passage: ")
    assert np.abs(vectors - reference).max() < 1e-4
