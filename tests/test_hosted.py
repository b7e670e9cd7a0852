"""The hosted backend against a real OpenAI-compatible server: llama.cpp's HTTP server (xllamacpp)
serving the bundled GGUF on 127.0.0.1, started by the test. Nothing is mocked."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from rag.answer.llm import LLMUnavailable
from rag.answer.llm.hosted import HostedLLM
from rag.answer.llm.weights import ensure_gguf
from rag.config import Settings
from rag.pipeline import Pipeline

pytestmark = pytest.mark.slow

API_KEY = "test-key"
MODEL = "qwen-test"


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(ensure_gguf(Settings().models_dir))
    params.model_alias = MODEL
    params.api_keys = [API_KEY]
    params.hostnames = ["127.0.0.1"]
    params.port = _free_port()
    params.n_ctx = 4096
    params.verbosity = -1
    server = xllamacpp.Server(params)
    yield f"http://127.0.0.1:{params.port}/v1"
    del server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hosted_pipeline(bundled: Pipeline, **overrides) -> Pipeline:
    settings = bundled.settings.model_copy(
        update={"llm": "hosted", "llm_retries": 0, "llm_timeout_s": 120, **overrides}
    )
    pipeline = Pipeline(settings, progress=False)
    pipeline.embedder, pipeline.analyzer = bundled.embedder, bundled.analyzer
    pipeline.__dict__["retriever"] = bundled.retriever  # the same index, already open
    return pipeline


def test_hosted_answer_is_grounded_and_cited(bundled: Pipeline, server_url: str) -> None:
    pipeline = hosted_pipeline(bundled, llm_base_url=server_url, llm_api_key=API_KEY, llm_model=MODEL)
    pieces = list(pipeline.ask_stream("How many GPUs does SenseCore have?"))  # no one figure: the model writes it
    answer = pieces[-1]
    assert "".join(pieces[:-1]) == answer.answer, "the answer streams, verified sentence by sentence"
    assert answer.backend == "hosted" and answer.model == MODEL
    assert not answer.abstained
    assert any(figure in answer.answer for figure in ("30,000", "27,000", "2.7万")) and "[" in answer.answer
    assert answer.citations and answer.timings["ttft_s"] <= answer.timings["total_s"]


def test_wrong_key_is_one_clear_line(server_url: str) -> None:
    settings = Settings(llm_base_url=server_url, llm_api_key="wrong", llm_model=MODEL, llm_retries=0)
    with pytest.raises(LLMUnavailable, match="refused the API key") as caught:
        list(HostedLLM(settings).stream([{"role": "user", "content": "hi"}], 5))
    assert "\n" not in str(caught.value)


def test_server_down_falls_back_to_the_passages(bundled: Pipeline) -> None:
    down = f"http://127.0.0.1:{_free_port()}/v1"  # nothing listens there
    pipeline = hosted_pipeline(bundled, llm_base_url=down, llm_api_key=API_KEY, llm_model=MODEL, llm_timeout_s=5)
    warnings: list[str] = []
    pipeline.warn = warnings.append
    answer = pipeline.ask("SenseCore有多少块GPU？")
    assert warnings and "unreachable" in warnings[0] and "\n" not in warnings[0]
    assert any("hosted model unavailable" in flag for flag in answer.flags)
    assert "27,000" in answer.answer and not answer.abstained  # the extractive answer, still cited
    assert answer.citations


def test_missing_configuration_is_named() -> None:
    with pytest.raises(LLMUnavailable, match="RAG_LLM_BASE_URL"):
        HostedLLM(Settings())
