"""The regression gate: a run's scores against the accepted baseline for the same set, backend and
item count (eval/baselines/). A tracked metric that drops by more than its tolerance fails."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rag.config import PROJECT_ROOT

BASELINES = PROJECT_ROOT / "eval" / "baselines"
# metric -> how far it may fall (rates: about 2 items in 100) before the gate fails
TOLERANCES = {
    "recall@5": 0.02,
    "mrr": 0.02,
    "ndcg@10": 0.02,
    "accuracy": 0.03,
    "key_fact_accuracy": 0.03,
    "abstention_precision": 0.05,
    "abstention_recall": 0.05,
    "citation_precision": 0.03,
    "f1": 0.03,
}
# rates where lower is better, and how far they may rise
CEILINGS = {"wrong_figure_rate": 0.02}
# counts that may not grow at all
NOT_ABOVE = ("unsupported_numbers",)


@dataclass
class Delta:
    metric: str
    baseline: float
    now: float
    failed: bool

    @property
    def change(self) -> float:
        return self.now - self.baseline


def baseline_path(results: dict, limit: int | None) -> Path:
    suffix = f"-first{limit}" if limit else ""
    return BASELINES / f"{results['set']}-{results['llm']}{suffix}.json"


def compare(results: dict, baseline: dict) -> list[Delta]:
    """Each tracked metric now and in the baseline. A rate may fall by its tolerance, and on a small
    run by at least two questions' worth, so that one answer changing is not a regression."""
    deltas = []
    now, then = results["summary"], baseline["summary"]
    slack = 2 / max(results["items"], 1)
    for metric, tolerance in TOLERANCES.items():
        if now.get(metric) is not None and then.get(metric) is not None:
            floor = then[metric] - max(tolerance, slack) - 1e-9
            deltas.append(Delta(metric, then[metric], now[metric], now[metric] < floor))
    for metric, tolerance in CEILINGS.items():
        if now.get(metric) is not None and then.get(metric) is not None:
            ceiling = then[metric] + max(tolerance, slack) + 1e-9
            deltas.append(Delta(metric, then[metric], now[metric], now[metric] > ceiling))
    for metric in NOT_ABOVE:
        if now.get(metric) is not None and then.get(metric) is not None:
            deltas.append(Delta(metric, then[metric], now[metric], now[metric] > then[metric]))
    return deltas


def load_baseline(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def save_baseline(results: dict, path: Path) -> None:
    """Only what the gate compares: the summaries, not every answer."""
    kept = {key: results[key] for key in ("set", "llm", "model", "k", "items", "summary", "by_language", "by_kind")}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
