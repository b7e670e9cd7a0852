"""The `rag` command: index, search, ask, chat, serve, eval, status."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path

from rag.config import Settings

EXAMPLES = """examples:
  rag ask "商汤2022年营业收入是多少？"
  rag ask "What was SenseTime's revenue in 2022?" --json
  rag search "2023年上半年的毛利率" -k 5
  rag chat                       # then: 商汤2022年营业收入是多少？ … 那2023年上半年呢？
  rag serve                      # the chat web page at http://127.0.0.1:7860
  rag index ~/filings            # index your own folder of filings instead
"""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from rag.index.builder import NothingToIndex
    from rag.index.store import IndexProblem
    from rag.ingest.files import CorpusPathError
    from rag.text.question import BadQuestion

    try:
        return args.run(args)
    except (BadQuestion, CorpusPathError, NothingToIndex) as err:
        return _fail(str(err), 2)
    except IndexProblem as err:
        return _fail(str(err), 1)
    except KeyboardInterrupt:
        return _fail("interrupted; the previous index, if any, is unchanged", 130)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rag",
        description="Ask questions about company filings, in Chinese or English, with cited answers.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    index = commands.add_parser("index", help="index files or folders (incremental)")
    index.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders (default: what the index already covers, else the bundled corpus)",
    )
    index.add_argument("--rebuild", action="store_true", help="start from scratch (after changing model or chunking)")
    index.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    index.set_defaults(run=_index)

    search = commands.add_parser("search", help="list the passages that best match a question")
    search.add_argument("question", nargs="+", help='the question ("-" reads it from standard input)')
    search.add_argument("-k", type=int, default=None, help="how many passages (default 8, RAG_TOP_K)")
    search.add_argument("--mode", choices=("hybrid", "dense", "keyword"), default=None, help="default hybrid")
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(run=_search)

    figures = commands.add_parser("figures", help="list the figures read from the filings for a question or term")
    figures.add_argument("question", nargs="+", help='a question or a term, e.g. 毛利率 2022 ("-" reads stdin)')
    figures.add_argument("-n", type=int, default=20, help="how many figures (default 20)")
    figures.add_argument("--json", action="store_true", help="machine-readable output")
    figures.set_defaults(run=_figures)

    ask = commands.add_parser("ask", help="answer a question from the filings, with citations")
    ask.add_argument("question", nargs="+", help='the question ("-" reads it from standard input)')
    ask.add_argument("-k", type=int, default=None, help="how many passages to read (default 8, RAG_TOP_K)")
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    _llm_option(ask)
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", help="a conversation, with follow-ups (那2023年上半年呢？)")
    chat.add_argument("-k", type=int, default=None, help="how many passages to read (default 8, RAG_TOP_K)")
    _llm_option(chat)
    chat.set_defaults(run=_chat)

    evaluate = commands.add_parser(
        "eval", help="score retrieval and answers on a question set, against the accepted baseline"
    )
    evaluate.add_argument(
        "--set", type=Path, default=None, help="eval/qa.jsonl (default), eval/annual, or a benchmark folder"
    )
    evaluate.add_argument("--corpus", type=Path, nargs="+", default=None, help="what to index (default: the set's)")
    _llm_option(evaluate)
    evaluate.add_argument("-k", type=int, default=None, help="passages each answer reads (default 8, RAG_TOP_K)")
    evaluate.add_argument("--limit", type=int, default=None, help="only the first N questions (own baseline)")
    evaluate.add_argument("--out", type=Path, default=Path("eval/results"), help="where results and report go")
    evaluate.add_argument("--update-baseline", action="store_true", help="accept this run as the new baseline")
    evaluate.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    evaluate.set_defaults(run=_eval)

    serve = commands.add_parser("serve", help="the chat web page, at http://127.0.0.1:7860")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=None, help="default 7860")
    serve.add_argument("--auth", metavar="USER:PASSWORD", default=None, help="visitors must log in with these")
    serve.add_argument("--share", action="store_true", help="also open a public gradio.live link (needs internet)")
    _llm_option(serve)
    serve.set_defaults(run=_serve)

    status = commands.add_parser("status", help="show what is indexed")
    status.add_argument("--json", action="store_true")
    status.set_defaults(run=_status)
    return parser


def _llm_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--llm",
        choices=("local", "hosted", "none"),
        default=None,
        help="who writes the answer: the bundled local model (default), a hosted API, or none (quote the passages)",
    )


def _pipeline(args: argparse.Namespace):
    from rag.pipeline import Pipeline

    return Pipeline(Settings(), warn=_warn, progress=not getattr(args, "quiet", False), info=_info)


def _index(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    report = pipeline.index(args.paths or None, rebuild=args.rebuild)
    print(("index updated: " if report.wrote else "index up to date: ") + report.summary())
    print(f"index: {pipeline.settings.resolved_index_dir}")
    return 0


def _search(args: argparse.Namespace) -> int:
    _check_k(args.k)
    question, hits = _pipeline(args).search(_question(args), args.k, args.mode)
    if args.json:
        results = [
            {
                "rank": hit.rank,
                "doc": hit.chunk.doc_id,
                "chunk_id": hit.chunk.id,
                "text": hit.chunk.text,
                "scores": hit.scores(),
                "title": hit.chunk.title,
                "section": hit.chunk.section,
                "page": hit.chunk.page,
                "start": hit.chunk.start,
                "end": hit.chunk.end,
                "source": hit.chunk.source,
            }
            for hit in hits
        ]
        _print_json({"query": question, "mode": args.mode or Settings().search_mode, "results": results})
        return 0
    for hit in hits:
        s = hit.scores()
        print(f"[{hit.rank}] {hit.chunk.title} · {hit.chunk.location}")
        print(
            f"    fused {s['fused']:.4f} | dense {s['dense']:.3f} (#{s['dense_rank'] or '-'}) | "
            f"keyword {s['keyword']:.2f} (#{s['keyword_rank'] or '-'}) | {hit.chunk.id}"
        )
        print(textwrap.indent(_snippet(hit.chunk.text, 300), "    "))
    return 0


def _figures(args: argparse.Namespace) -> int:
    _check_k(args.n)
    question, figures = _pipeline(args).figures(_question(args), args.n)
    if args.json:
        _print_json({"query": question, "figures": [figure.to_dict() for figure in figures]})
        return 0
    if not figures:
        print("no figure in the filings matches that")
    for figure in figures:
        where = f"p.{figure.page}" if figure.page else f"chars {figure.start}-{figure.end}"
        print(
            f"{figure.text:>14}  {figure.measure} · {figure.scope} · {figure.period or '?'} · {figure.relation}"
            f"  = {figure.value} {figure.unit}  ({figure.doc_id}, {where})"
        )
    return 0


def _ask(args: argparse.Namespace) -> int:
    _check_k(args.k)
    pipeline = _pipeline(args)
    if args.json:
        _print_json(pipeline.ask(_question(args), args.k, args.llm).to_json())
    else:
        _stream_answer(pipeline, _question(args), args)
    return 0


def _chat(args: argparse.Namespace) -> int:
    """Questions one per line; a follow-up is rewritten into a standalone question (shown) from
    the conversation so far. /new starts over; an empty line, /quit or Ctrl-D ends."""
    from rag.conversation import Conversation
    from rag.text.question import BadQuestion

    _check_k(args.k)
    pipeline = _pipeline(args)
    print("Ask about the filings in Chinese or English. /new starts a new conversation; /quit ends.")
    conversation = Conversation()
    while True:
        try:
            question = input("\n> ").strip()
        except EOFError:
            print()
            return 0
        if question in ("", "/quit", "/exit"):
            return 0
        if question == "/new":
            conversation.clear()
            print("(new conversation)")
            continue
        rewritten = conversation.standalone(question)
        if rewritten != question:
            print(f"→ {rewritten}")
        try:
            _stream_answer(pipeline, question, args, conversation)
        except BadQuestion as err:
            _fail(str(err), 2)


def _serve(args: argparse.Namespace) -> int:
    auth = None
    if args.auth is not None:
        user, colon, password = args.auth.partition(":")
        if not (user and colon and password):
            return _fail("--auth needs USER:PASSWORD, e.g. --auth analyst:s3cret", 2)
        auth = (user, password)
    if args.port is not None and not 0 < args.port < 65536:
        return _fail(f"--port must be between 1 and 65535, not {args.port}", 2)
    settings = Settings()
    if args.llm:
        settings = settings.model_copy(update={"llm": args.llm})
    host = args.host or settings.serve_host
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None:
        _warn(f"listening on {host} without --auth: anyone who can reach this machine can use the page")
    from rag.web.app import AddressInUse, serve

    try:
        serve(settings, host, args.port, auth, args.share, warn=_warn, info=_info)
    except AddressInUse as err:
        return _fail(str(err), 2)
    return 0


def _eval(args: argparse.Namespace) -> int:
    """Exit code 3 when a tracked metric fell below the baseline by more than its tolerance."""
    from rag.evaluate.dataset import load_set
    from rag.evaluate.gate import baseline_path, compare, load_baseline, save_baseline
    from rag.evaluate.report import write_report, write_results
    from rag.evaluate.run import run_eval
    from rag.index.store import IndexMismatch
    from rag.pipeline import Pipeline

    _check_k(args.k)
    eval_set = load_set(args.set)
    if args.limit:
        eval_set.items = eval_set.items[: args.limit]
    base = Settings()
    corpus = tuple(args.corpus or eval_set.corpus)
    name = eval_set.name if not args.corpus else "-".join(p.name for p in corpus)
    settings = base.model_copy(update={"corpus": corpus, "index_dir": base.cache_dir / "eval-index" / name})
    pipeline = Pipeline(settings, warn=_warn, progress=not args.quiet, info=_info)
    try:
        pipeline.index()
    except IndexMismatch as err:  # the eval's own index, built by an older rag: rebuilt, not refused
        _warn(f"{err}: rebuilding it")
        pipeline.index(rebuild=True)
    llm = args.llm or settings.llm
    results = run_eval(pipeline, eval_set, llm, args.k, progress=not args.quiet)
    path = baseline_path(results, args.limit)
    baseline = load_baseline(path)
    deltas = compare(results, baseline) if baseline and not args.update_baseline else []
    data, report = write_results(results, args.out)
    write_report(results, deltas, report)
    _print_summary(results)
    for delta in deltas:
        mark = "REGRESSION" if delta.failed else "ok"
        print(f"  {delta.metric:<22} {delta.baseline:8.3f} -> {delta.now:8.3f} ({delta.change:+.3f})  {mark}")
    print(f"results: {data}\nreport:  {report}")
    if args.update_baseline:
        save_baseline(results, path)
        print(f"baseline updated: {path}")
    elif baseline is None:
        print(f"no baseline at {path} yet (--update-baseline accepts this run)")
    failed = [d.metric for d in deltas if d.failed]
    if failed:
        return _fail(f"worse than the baseline on {', '.join(failed)} ({path})", 3)
    return 0


def _print_summary(results: dict) -> None:
    wanted = ("recall@1", "recall@5", "mrr", "accuracy", "key_fact_accuracy", "f1", "citation_precision")
    columns = [c for c in (*wanted, "abstention_recall") if results["summary"].get(c) is not None]
    print(f"\n{results['set']} · {results['llm']} · {results['items']} questions · {results['wall_s']} s")
    print(f"{'':<14}" + "".join(f"{c[:12]:>13}" for c in columns))
    groups = {"all": results["summary"], **results["by_language"], **results["by_kind"]}
    for name, summary in groups.items():
        cells = "".join(f"{'-' if summary.get(c) is None else format(summary[c], '.3f'):>13}" for c in columns)
        print(f"{name[:14]:<14}{cells}")
    summary = results["summary"]
    print(
        f"unsupported numbers: {summary['unsupported_numbers']} · wrong-figure rate {summary['wrong_figure_rate']} · "
        f"latency p50 {summary['latency_p50_s']} s, "
        f"p95 {summary['latency_p95_s']} s"
    )


def _stream_answer(pipeline, question: str, args: argparse.Namespace, conversation=None) -> None:
    """Prints the answer as it is generated, then its notes and sources; in a `conversation`
    (rag.conversation), the question is asked as its standalone follow-up and remembered."""
    from rag.answer.result import Answer

    streamed: list[str] = []
    if conversation is None:
        events = pipeline.ask_stream(question, args.k, args.llm)
    else:
        events = conversation.ask_stream(pipeline, question, args.k, args.llm)
    for event in events:
        if isinstance(event, Answer):
            _print_answer(event, "".join(streamed))
        else:
            print(event, end="", flush=True)
            streamed.append(event)


def _print_answer(answer, streamed: str = "") -> None:
    """The answer (unless it was already streamed as it is), the figures it was computed from, its
    notes, and its sources."""
    from rag.answer.operands import operands_text

    zh = answer.language == "zh"
    if not streamed:
        print(answer.answer)
    elif streamed != answer.answer:
        print(
            "\n\n"
            + (
                "（以上回答未通过核对，改为引用原文：）"
                if zh
                else "(The answer above failed verification; quoting the passages instead:)"
            )
        )
        print(answer.answer)
    else:
        print()
    if figures := operands_text(answer):
        print(f"\n{figures}")
    for flag in answer.flags:
        print(f"note: {flag}", file=sys.stderr)
    sources = answer.related if answer.abstained else answer.citations
    if sources:
        heading = (
            ("相关段落：" if answer.abstained else "来源：")
            if zh
            else ("Related passages:" if answer.abstained else "Sources:")
        )
        print(f"\n{heading}")
        for citation in sources:
            where = f"p.{citation.page}" if citation.page else f"chars {citation.start}-{citation.end}"
            section = f" › {citation.section}" if citation.section else ""
            print(f"[{citation.n}] {citation.title}{section} ({where})")
            print(textwrap.indent(_snippet(citation.text, 160), "    "))
    if answer.model:
        print(f"\n({answer.backend}: {answer.model}, {answer.timings.get('total_s', 0):.1f} s)", file=sys.stderr)


def _status(args: argparse.Namespace) -> int:
    from collections import Counter

    from rag.index.store import load_manifest

    settings = Settings()
    manifest = load_manifest(settings.resolved_index_dir)
    if manifest is None:
        print(f"no index at {settings.resolved_index_dir} (the first `rag search` or `rag index` builds it)")
        return 0
    if args.json:
        _print_json({"index_dir": str(settings.resolved_index_dir), **asdict(manifest)})
        return 0
    print(f"index: {settings.resolved_index_dir} (updated {manifest.updated_at})")
    print(f"model: {manifest.embed_model}, {manifest.dimension}-d; chunker: {manifest.chunker}")
    print(f"roots: {', '.join(manifest.roots)}")
    runtimes = Counter(entry.embed_runtime or "not recorded" for entry in manifest.files.values())
    print("vectors by: " + ", ".join(f"{name} ({n} files)" for name, n in runtimes.most_common()))
    for path, entry in manifest.files.items():
        pages = f", {entry.pages} pages" if entry.pages else ""
        whose = " · ".join(part for part in (entry.company, entry.period) if part) or "company and period unknown"
        print(f"  {entry.doc_id}: {whose}; {entry.chunks} chunks{pages} — {entry.title} ({path})")
    return 0


def _question(args: argparse.Namespace) -> str:
    # Very long questions do not fit on a command line: "-" reads the question from stdin.
    return sys.stdin.read() if args.question == ["-"] else " ".join(args.question)


def _check_k(k: int | None) -> None:
    from rag.text.question import BadQuestion

    if k is not None and not 1 <= k <= 100:
        raise BadQuestion("-k must be between 1 and 100")


def _snippet(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _info(message: str) -> None:
    print(f"rag: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"rag: warning: {message}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    print(f"rag: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
