"""The run written out: results JSON (every answer) and a self-contained HTML report with the
metrics by language and by kind, a chart of them, the baseline deltas and a per-question table."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

from rag.evaluate.gate import Delta

CHARTED = ("recall@5", "mrr", "key_fact_accuracy", "citation_precision", "abstention_recall")
TABLED = (
    "items",
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr",
    "ndcg@10",
    "accuracy",
    "key_fact_accuracy",
    "exact_match",
    "f1",
    "abstention_precision",
    "abstention_recall",
    "citation_precision",
    "unsupported_numbers",
    "wrong_figure_rate",
    "latency_p50_s",
    "latency_p95_s",
)


def write_results(results: dict, folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{results['set']}-{results['llm']}"
    data = folder / f"{stem}.json"
    data.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return data, folder / f"{stem}.html"


def write_report(results: dict, deltas: list[Delta], path: Path) -> None:
    title = f"rag eval · {results['set']} · {results['llm']}"
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='meta'>{results['items']} questions · model: {html.escape(str(results['model'] or 'none'))} · "
        f"k = {results['k']} · {results['wall_s']} s</p>",
    ]
    if deltas:
        parts.append(_deltas(deltas))
    parts.append("<h2>Metrics</h2>")
    parts.append(_metrics_table({"all": results["summary"], **results["by_language"]}, "language"))
    parts.append(_metrics_table(results["by_kind"], "kind"))
    parts.append(f"<figure>{_chart(results)}</figure>")
    parts.append("<h2>Questions</h2>")
    parts.append(_questions(results["records"]))
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return html.escape(str(value))


def _deltas(deltas: list[Delta]) -> str:
    failed = [d for d in deltas if d.failed]
    verdict = (
        f"<p class='bad'>Regression: {', '.join(d.metric for d in failed)}</p>"
        if failed
        else "<p class='good'>No regression against the baseline.</p>"
    )
    rows = "".join(
        f"<tr class='{'bad' if d.failed else ''}'><td>{d.metric}</td><td>{_fmt(d.baseline)}</td>"
        f"<td>{_fmt(d.now)}</td><td>{d.change:+.3f}</td></tr>"
        for d in deltas
    )
    head = _header(("metric", "baseline", "now", "change"))
    return f"<h2>Against the baseline</h2>{verdict}<table>{head}{rows}</table>"


def _metrics_table(groups: dict[str, dict], by: str) -> str:
    columns = [metric for metric in TABLED if any(g.get(metric) is not None for g in groups.values())]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = "".join(
        f"<tr><th>{html.escape(name)}</th>{''.join(f'<td>{_fmt(g.get(c))}</td>' for c in columns)}</tr>"
        for name, g in groups.items()
    )
    return f"<h3>by {by}</h3><div class='scroll'><table><tr><th>{by}</th>{head}</tr>{rows}</table></div>"


def _chart(results: dict) -> str:
    """Grouped bars, one panel by language and one by kind, as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("by language", {"all": results["summary"], **results["by_language"]}), ("by kind", results["by_kind"])]
    figure, axes = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw={"width_ratios": [1, 2]})
    for axis, (name, groups) in zip(axes, panels, strict=True):
        metrics = [m for m in CHARTED if any(g.get(m) is not None for g in groups.values())]
        width = 0.8 / max(len(metrics), 1)
        for i, metric in enumerate(metrics):
            values = [groups[g].get(metric) or 0.0 for g in groups]
            axis.bar([x + i * width for x in range(len(groups))], values, width, label=metric)
        axis.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(groups))], list(groups), fontsize=8)
        axis.set_ylim(0, 1.05)
        axis.set_title(name, fontsize=10)
        axis.grid(axis="y", alpha=0.3)
    handles, labels = axes[1].get_legend_handles_labels()
    figure.legend(handles, labels, fontsize=8, loc="lower center", ncols=len(labels), frameon=False)
    figure.tight_layout(rect=(0, 0.07, 1, 1))  # room for the legend under the panels
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _questions(records: list[dict]) -> str:
    rows = []
    for r in records:
        verdict = "✓" if r["correct"] else "✗"
        if r.get("facts"):
            verdict += f" {r['facts_found']}/{r['facts']} facts"
        if r["unsupported"]:
            verdict += f" · unsupported {', '.join(r['unsupported'])}"
        rank = r.get("retrieval", {}).get("mrr")
        found = f"#{round(1 / rank)}" if rank else ("miss" if "retrieval" in r else "–")
        asked = "" if r["asked"] == r["question"] else f"<div class='asked'>→ {html.escape(r['asked'])}</div>"
        cites = " ".join(f"[{c['n']}] {html.escape(c['chunk_id'])}" for c in r["citations"])
        rows.append(
            f"<tr class='{'ok' if r['correct'] else 'no'}'><td>{html.escape(r['id'])}</td><td>{r['language']}</td>"
            f"<td>{html.escape(r['kind'])}</td><td>{html.escape(r['question'])}{asked}</td>"
            f"<td>{html.escape(r['answer'])}<div class='gold'>gold: {html.escape(r['gold'])}</div></td>"
            f"<td>{verdict}</td><td>{found}</td><td class='cites'>{cites}</td></tr>"
        )
    head = _header(("id", "lang", "kind", "question", "answer", "verdict", "evidence rank", "citations"))
    return f"<div class='scroll'><table class='questions'>{head}{''.join(rows)}</table></div>"


def _header(names: tuple[str, ...]) -> str:
    return "<tr>" + "".join(f"<th>{name}</th>" for name in names) + "</tr>"


_CSS = """
body { font: 14px/1.45 system-ui, 'PingFang SC', 'Noto Sans CJK SC', sans-serif; margin: 24px; color: #1f2328; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 28px; } h3 { font-size: 14px; color: #57606a; }
.meta { color: #57606a; } .scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 14px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td { font-variant-numeric: tabular-nums; }
.questions td { max-width: 420px; } .questions tr.no td:nth-child(6) { color: #cf222e; }
.questions tr.ok td:nth-child(6) { color: #1a7f37; }
.gold, .asked, .cites { color: #57606a; font-size: 12px; }
.bad { color: #cf222e; font-weight: 600; } .good { color: #1a7f37; font-weight: 600; }
tr.bad td { background: #ffebe9; }
figure { margin: 10px 0; } figure svg { max-width: 100%; height: auto; }
"""
