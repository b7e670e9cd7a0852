"""The prompt: bilingual rules, then the passages numbered [1]..[k] with their document and period,
then the question. Passages are cut to their best-matching sentences: prompt processing runs at
tens of tokens per second on a CPU, so every passage sentence costs time before the first word."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.evidence import Unit
from rag.retrieve.hybrid import Hit

NOT_FOUND = "NOT_FOUND"

# Constant, and first, so llama.cpp reuses its processed form from one question to the next.
SYSTEM_PROMPT = "\n".join(
    [
        "你是严谨的财报分析助手。You are a careful analyst of company filings.",
        "规则 Rules:",
        "1. 只用编号资料中的信息回答。Use only the numbered passages.",
        "2. 每句话后标注资料编号，如[1]。End every sentence with the number of its passage, like [1].",
        # No example figures here: the small model copies them into its answers.
        "3. 数字和单位照抄资料原文（如“亿元”“万”“%”），不要换算单位。"
        "Copy every number with its unit exactly as the passage writes it (亿元, 万, %), even in an English answer.",
        "4. 注意每段资料的期间（FY2022=2022全年，2023H1=2023年上半年），不要混用。"
        "Mind each passage's period; never give a figure from another period.",
        f"5. 资料中没有答案时，只回答 {NOT_FOUND}。If the passages do not answer the question, reply only {NOT_FOUND}.",
        "6. 用一到三句完整的话回答，说明主体、期间、数字，以及资料给出的同比变化。"
        "Answer in one to three full sentences that name the subject, the period, the figure and, "
        "when the passage gives it, the year-on-year change.",
    ]
)


@dataclass
class Passage:
    n: int
    hit: Hit
    excerpt: str  # what the model is shown


def select_passages(hits: list[Hit], units: list[Unit], count: int, max_chars: int) -> list[Passage]:
    """Up to `count` hits, those with the best-matching sentences, each cut to those sentences (in
    reading order, at most `max_chars`). Sentences scoring under half the best are left out, hits
    left with none too, and sentences already shown from an earlier (overlapping) passage."""
    best = max((u.score for u in units), default=0.0)
    if best <= 0:
        return []
    strong = [u for u in units if u.score >= best / 2]
    ranked = sorted({u.n for u in strong}, key=lambda n: -max(u.score for u in strong if u.n == n))[:count]
    seen: set[str] = set()
    passages = []
    for n in sorted(ranked):
        picked: list[Unit] = []
        for unit in sorted((u for u in strong if u.n == n), key=lambda u: -u.score):
            too_long = picked and sum(len(u.text) for u in picked) + len(unit.text) > max_chars
            overlaps = any(u.start < unit.end and unit.start < u.end for u in picked)
            if not (too_long or overlaps or unit.text in seen):
                picked.append(unit)
                seen.add(unit.text)
        if picked:
            picked.sort(key=lambda u: u.start)
            passages.append(Passage(n, hits[n - 1], "\n…\n".join(u.text for u in picked)))
    return passages


def build_messages(
    question: str, language: str, passages: list[Passage], terms: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    blocks = []
    for passage in passages:
        chunk = passage.hit.chunk
        period = f"（{chunk.period}）" if chunk.period else ""
        section = f" › {chunk.section}" if chunk.section else ""
        blocks.append(f"[{passage.n}] 《{chunk.title}》{period}{section}\n{passage.excerpt}")
    instruction = "请用中文回答。" if language == "zh" else "Answer in English."
    # An English question's terms in Chinese: the small model links "vehicles" to 车辆 poorly.
    hints = "" if language == "zh" or not terms else f"\n(中文术语 Chinese terms: {', '.join(terms[:8])})"
    user = "资料 Passages:\n\n" + "\n\n".join(blocks) + f"\n\n问题 Question: {question}{hints}\n{instruction}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]
