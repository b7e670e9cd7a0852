"""Question sets for `rag eval`: the project's own bilingual set (eval/qa.jsonl, over the bundled
filings), a folder of ours (`qa.jsonl` in the same format + `docs/`, such as eval/annual), or a public
benchmark folder read by path (XQuAD, RGB, FinGLM: `qa.jsonl` + `docs/`), each turned into the same
Item with the scoring its benchmark uses."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT
from rag.conversation import Conversation
from rag.ingest.files import doc_slug

DEFAULT_SET = PROJECT_ROOT / "eval" / "qa.jsonl"
UNANSWERABLE = "unanswerable"


class EvalSetError(ValueError):
    """The question set cannot be read; the message says why in one line."""


@dataclass
class Item:
    id: str
    language: str  # "zh" | "en"
    kind: str
    question: str
    answer: str = ""
    acceptable: list[str] = field(default_factory=list)
    key_facts: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (doc id, quote a passage must contain)
    turns: list[str] = field(default_factory=list)  # earlier questions of a conversation, then this one
    # The figures the gold answer is made from: doc, quote, figure, value, kind, measure, scope, period.
    operands: list[dict] = field(default_factory=list)
    scoring: str = "facts"  # "facts" (ours), "squad" (EM/F1), "rgb" (every listed item present)
    rgb_items: list = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.kind != UNANSWERABLE

    def asked(self) -> str:
        """The question as the assistant answers it: the last turn made standalone from the
        conversation, as `rag chat` does."""
        conversation = Conversation()
        for turn in self.turns or [self.question]:
            conversation.add(turn)
        return conversation.last_question or self.question


@dataclass
class EvalSet:
    name: str
    items: list[Item]
    corpus: tuple[Path, ...]  # what must be indexed to answer


def load_set(spec: Path | None) -> EvalSet:
    """eval/qa.jsonl by default; a .jsonl in our format; a folder of ours; or a public benchmark folder."""
    path = spec or DEFAULT_SET
    if not path.exists():
        raise EvalSetError(f"no question set at {path}")
    if path.is_dir():
        return _public_set(path)
    return EvalSet(path.stem, [_own_item(row) for row in _rows(path)], (BUNDLED_CORPUS,))


def _rows(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise EvalSetError(f"{path}:{number}: not JSON ({err.msg})") from err
    return rows


def _own_item(row: dict) -> Item:
    try:
        return Item(
            id=row["id"],
            language=row["language"],
            kind=row["kind"],
            question=row["question"],
            answer=row.get("answer", ""),
            acceptable=row.get("acceptable", []),
            key_facts=row.get("key_facts", []),
            evidence=[(e["doc"], e["quote"]) for e in row.get("evidence", [])],
            turns=row.get("turns") or [row["question"]],
            operands=row.get("operands", []),
        )
    except KeyError as err:
        raise EvalSetError(f"item {row.get('id', '?')} lacks the field {err}") from err


def _public_set(folder: Path) -> EvalSet:
    """A folder with qa.jsonl and docs/: a known public benchmark by its name, else a set in our own
    format (every row has "language" and "kind"), scored as ours, over the folder's docs/."""
    qa, docs = folder / "qa.jsonl", folder / "docs"
    if not qa.exists() or not docs.is_dir():
        raise EvalSetError(f"{folder} is not a benchmark folder (it needs qa.jsonl and docs/)")
    rows = _rows(qa)
    name = folder.name.lower()
    if name == "xquad":
        # The Chinese questions, and the English ones, both over the Chinese articles.
        items = [_squad(row, "zh", row["question"], [row["answer"]]) for row in rows]
        items += [_squad(row, "en", row["question_en"], [row["answer"], row["answer_en"]]) for row in rows]
        return EvalSet("xquad", items, tuple(docs / f"{doc}.txt" for doc in sorted({r["doc_id"] for r in rows})))
    if name == "rgb":
        items = [
            Item(
                row["id"],
                "zh",
                "rgb",
                row["question"],
                answer=row["answer"],
                evidence=[(_doc_id(row["doc_id"]), text) for text in _flatten(row["answer_rgb"])],
                turns=[row["question"]],
                scoring="rgb",
                rgb_items=row["answer_rgb"],
            )
            for row in rows
        ]
        return EvalSet("rgb", items, (docs,))  # positives and distractors together
    if name == "finglm":
        items = []
        for row in rows:
            short = row.get("answer_is_short", True)
            facts = [row["answer"]] if short else list(row.get("key_word") or [])
            # A computed answer (a ratio) is not in the report, and a two-part one not as written:
            # the passages that answer hold the annotated inputs, the figures it is computed from.
            inputs = [value for name, value in (row.get("annotated_inputs") or {}).items() if name != "公式"]
            quotes = inputs if inputs and short else [row["answer"]] if short else []
            items.append(
                Item(
                    row["id"],
                    "zh",
                    f"finglm-{row.get('fin_type', '?')}",
                    row["question"],
                    answer=row["answer"],
                    key_facts=facts,
                    evidence=[(_doc_id(row["doc_id"]), quote) for quote in quotes],
                    turns=[row["question"]],
                )
            )
        return EvalSet("finglm", items, (docs,))
    if rows and all("language" in row and "kind" in row for row in rows):
        return EvalSet(name, [_own_item(row) for row in rows], (docs,))
    raise EvalSetError(
        f"unknown benchmark folder {folder.name!r} (known: xquad, rgb, finglm; or rows in our format, "
        "with language and kind)"
    )


def _squad(row: dict, language: str, question: str, answers: list[str]) -> Item:
    return Item(
        f"{row['id']}-{language}",
        language,
        f"xquad-{language}",
        question,
        answer=answers[0],
        acceptable=answers,
        evidence=[(_doc_id(row["doc_id"]), answers[0])],
        turns=[question],
        scoring="squad",
    )


def _doc_id(file_stem: str) -> str:
    """The index's doc id for a benchmark file: its name as a slug (rag.ingest.files)."""
    return doc_slug(Path(file_stem))


def _flatten(items: list) -> list[str]:
    return [text for item in items for text in (item if isinstance(item, list) else [item])]


def squash(text: str) -> str:
    """Whitespace removed: evidence quotes match slide text however its lines were broken."""
    return re.sub(r"\s+", "", text)
