"""What the web page shows, as HTML/Markdown strings: answers with clickable citations, the
sources panel (passages with their supporting sentences highlighted), notes in the question's
language, the model status line and the documents table. Pure functions, tested without a browser."""

from __future__ import annotations

import html
import re

from rag.answer.operands import HEADINGS, bars, operand_rows, plan_line
from rag.answer.result import Answer, Citation
from rag.text.normalize import is_chinese

_MARK = re.compile(r"\[(\d+)\]")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def answer_markdown(text: str, turn: int) -> str:
    """The answer with each [n] a link that opens source n of this turn (see SOURCES_JS)."""
    escaped = html.escape(text, quote=False)
    return _MARK.sub(lambda m: f'<a class="cite" href="#source-{turn}-{m[1]}">[{m[1]}]</a>', escaped)


def rewritten_note(question: str, rewritten: str) -> str:
    if rewritten == question:
        return ""
    label = "按上下文理解为" if is_chinese(question) else "Asked as"
    return f'<div class="rewritten">→ {label}: {html.escape(rewritten, quote=False)}</div>\n\n'


def loading_note(language: str, seconds: float) -> str:
    if language == "zh":
        return f"正在加载本地模型（仅首次，约 10–30 秒）… {seconds:.0f} 秒"
    return f"Loading the local model (first time only, about 10–30 s)… {seconds:.0f} s"


def failure_note(language: str, error: Exception) -> str:
    reason = html.escape(str(error).splitlines()[0] if str(error) else type(error).__name__, quote=False)
    if language == "zh":
        return f'<div class="note">出错了，未能回答：{reason}。请稍后再试。</div>'
    return f'<div class="note">Something went wrong, so there is no answer: {reason}. Please try again.</div>'


def answer_notes(answer: Answer, streamed: str) -> str:
    """Friendly notes under an answer: the model could not answer, its draft failed checking, or
    it found no answer where a passage matches well."""
    zh = answer.language == "zh"
    notes = []
    if answer.unavailable:
        notes.append(
            f"模型暂时无法使用（{answer.unavailable}），以下直接引用文件原文。"
            if zh
            else f"The model could not answer ({answer.unavailable}), so here are the filings' own sentences."
        )
    elif answer.rejected_draft:
        notes.append(
            f"模型的草稿中有未通过核对的数字（{answer.rejected_draft}），改为引用原文。"
            if zh
            else f"The model's draft had a figure that failed the check ({answer.rejected_draft}), "
            "so the filings are quoted instead."
        )
    elif streamed.strip() and streamed.strip() != answer.answer.strip():
        notes.append(
            "模型没有找到答案，以下引用与问题最相符的原文。"
            if zh
            else "The model found no answer; here are the filings' sentences that match the question best."
        )
    return "".join(f'\n\n<div class="note">{html.escape(note)}</div>' for note in notes)


def operands_html(answer: Answer, turn: int) -> str:
    """For an answer computed from figures: its figures as a small table, each value linked to
    its source, and bars when they compare like with like; "" otherwise."""
    rows = operand_rows(answer)
    if not rows:
        return ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADINGS[answer.language])
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in (row.measure, row.scope, row.period, row.value))
        + f'<td><a class="cite" href="#source-{turn}-{row.n}">[{row.n}]</a></td></tr>'
        for row in rows
    )
    chart = "".join(
        f'<div class="bar"><span class="bar-label">{html.escape(label)}</span>'
        f'<span class="bar-fill" style="width:{max(share, 0.02) * 70:.1f}%"></span>'
        f'<span class="bar-value">{html.escape(row.value)}</span></div>'
        for label, row, share in bars(rows)
    )
    plan = f'\n\n<p class="plan">{html.escape(plan_line(answer))}</p>'
    return f'{plan}<table class="operands"><tr>{head}</tr>{body}</table>' + (
        f'<div class="bars">{chart}</div>' if chart else ""
    )


def sources_html(answer: Answer | None, turn: int, opened: int | None = None) -> str:
    """The sources of one answer (or, when it abstained, the nearest passages), each with its
    document, period, position and scores, and its passage to unfold; `opened` is shown unfolded
    (default: the first)."""
    if answer is None:
        return (
            '<div class="sources empty"><h3>Sources · 来源</h3>'
            "<p>Ask a question: the passages the answer cites appear here, with the supporting sentences "
            "highlighted. 提问后，这里显示回答引用的原文段落。</p></div>"
        )
    zh = answer.language == "zh"
    citations = answer.related if answer.abstained else answer.citations
    if answer.abstained:
        heading = "相关段落（未找到答案）" if zh else "Nearest passages (no answer found)"
    else:
        heading = "来源" if zh else "Sources"
    if opened is None and citations:
        opened = citations[0].n
    items = "".join(_source(citation, turn, citation.n == opened, zh) for citation in citations)
    if not items:
        items = f"<p>{'没有可引用的段落。' if zh else 'No passages to cite.'}</p>"
    return f'<div class="sources" data-turn="{turn}"><h3>{heading}</h3>{items}</div>'


def _source(citation: Citation, turn: int, opened: bool, zh: bool) -> str:
    where = f"p. {citation.page}" if citation.page else f"chars {citation.start:,}–{citation.end:,}"
    meta = [citation.doc, citation.period, where]
    if citation.section:
        meta.append(citation.section)
    scores = citation.scores
    score_line = f"fused {citation.score:.4f}"
    if scores:
        score_line += (
            f" · dense {scores['dense']:.3f} (#{scores['dense_rank'] or '–'})"
            f" · keyword {scores['keyword']:.2f} (#{scores['keyword_rank'] or '–'})"
        )
    highlighted = _highlight(citation.text, citation.support)
    return (
        f'<details class="source" id="source-{turn}-{citation.n}"{" open" if opened else ""}>'
        f'<summary><span class="n">[{citation.n}]</span> {html.escape(citation.title or citation.doc)}'
        f'<div class="meta">{html.escape(" · ".join(m for m in meta if m))}</div>'
        f'<div class="scores">{score_line}</div></summary>'
        f'<div class="passage">{highlighted}</div></details>'
    )


def _highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """The passage with its supporting sentences in <mark>; the blank lines between slide
    fragments are closed up so the passage reads as a block."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces += [_compact(text[last:start]), f"<mark>{_compact(text[start:end])}</mark>"]
        last = end
    pieces.append(_compact(text[last:]))
    return "".join(pieces).strip()


def _compact(text: str) -> str:
    return html.escape(_BLANK_LINES.sub("\n", text), quote=False)
