"""An answer from a language model, checked sentence by sentence before anyone sees it.

The model streams; each sentence is verified as soon as it is complete (its figures against its
cited passages, its citations against its content) and only then shown. A figure no passage
supports stops generation: the answer falls back to the passages' own sentences, with a flag. The
model saying it cannot answer (NOT_FOUND) becomes a plain "the filings do not say"."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator

from rag.answer.evidence import Unit, states_a_figure
from rag.answer.extractive import answer_extractively
from rag.answer.llm import LLM
from rag.answer.prompt import NOT_FOUND, build_messages, select_passages
from rag.answer.result import Answer, Citation, abstained
from rag.answer.translate import Translator
from rag.answer.verify import Checked, Verifier
from rag.chunk.sentences import split_sentences
from rag.config import Settings
from rag.figures.binding import BindingCheck
from rag.retrieve.hybrid import Hit
from rag.text.analyzer import Analyzer
from rag.text.normalize import is_chinese
from rag.text.numbers import find_quantities, same_amount
from rag.text.question import asks_for_name

# A figure must come from a passage sentence scoring at least this share of the best one.
_RELEVANT = 0.6
# A refusal is overruled by a figure sentence scoring this much (over a third of the question
# covered + the figure bonus): the small model refuses too often, English questions over Chinese
# passages above all. (0.7 on eval/qa.jsonl: 19 answerable questions abstained, none of the
# unanswerable ones' best figure sentences scored between 0.55 and 0.7.)
_STRONG = 0.55
_LEADING_CITATIONS = re.compile(r"^(?:\s*[\[【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]】])+")
# A first sentence like these, without a figure, means the model found nothing.
_REFUSAL = re.compile(
    r"没有找到|未找到|未提及|没有提及|没有提到|未提供|没有提供|没有相关|无法回答|不包含|无法确定|"
    r"(?:do|does|did) not (?:mention|contain|provide|say|include|specify)|no information|not (?:found|mentioned|"
    r"provided|available|specified|stated)|cannot (?:answer|be determined|find)|unable to",
    re.IGNORECASE,
)


def generate_answer(
    question: str,
    language: str,
    hits: list[Hit],
    units: list[Unit],
    llm: LLM,
    analyzer: Analyzer,
    settings: Settings,
    terms: tuple[str, ...] = (),
    binding: BindingCheck | None = None,
    asks_figure: bool = False,
    asks_kind: str = "",
) -> Iterator[str | Answer]:
    """Yields the verified answer text piece by piece, then the final Answer (whose text is what
    to show in the end: it differs from the pieces when the answer fell back). `terms`: the
    question's terms in the other language (from the term map), shown to the model as hints;
    `binding`: the figures table's check that each figure the model states is the asked one;
    `asks_figure`: the question asks how much or how many (a quoted fallback must state a figure);
    `asks_kind`: the kind that figure must be ("count", "amount"; see Plan.asks_kind)."""
    passages = select_passages(hits, units, settings.llm_passages, settings.llm_passage_chars)
    if not passages:
        yield abstained(question, language, hits, [])
        return
    best = max(unit.score for unit in units)
    relevant = [unit.text for unit in units if unit.score >= best * _RELEVANT]
    verifier = Verifier(
        {p.n: p.hit.chunk.text for p in passages}, language, analyzer, question, relevant, binding=binding
    )
    messages = build_messages(question, language, passages, terms)
    started = time.perf_counter()
    first_token: float | None = None
    shown: list[Checked] = []
    flags: list[str] = []
    buffer = ""
    failed: Checked | None = None
    other_language = False  # a sentence in the other language: the answer is in the question's, always
    stream = llm.stream(messages, settings.llm_max_tokens)
    try:
        for piece in stream:
            first_token = first_token or time.perf_counter()
            buffer += piece
            if NOT_FOUND in buffer:
                break
            complete, buffer = _complete_sentences(buffer)
            for sentence in complete:
                checked = _check(verifier, sentence, shown, flags)
                if checked is None:
                    continue
                other_language = _in_other_language(checked, language)
                if not checked.ok or other_language:
                    failed = checked
                    break
                shown.append(checked)
                yield _joined(verifier, shown[-1], first=len(shown) == 1, language=language)
            if failed:
                break
    finally:
        stream.close()  # stops generation if we stopped reading
    if failed is None and NOT_FOUND not in buffer and buffer.strip():
        checked = _check(verifier, buffer.strip(), shown, flags)
        other_language = checked is not None and _in_other_language(checked, language)
        if checked is not None and (not checked.ok or other_language):
            failed = checked
        elif checked is not None:
            shown.append(checked)
            yield _joined(verifier, checked, first=len(shown) == 1, language=language)
    done = time.perf_counter()
    timings = {"ttft_s": round((first_token or done) - started, 3), "generate_s": round(done - started, 3)}

    refused = not shown or _is_refusal(shown[0])
    translate = Translator(llm, analyzer, settings.llm_max_tokens)

    def quoted() -> Answer:
        """The passages' own sentences (in English for an English question, where the model translates them)."""
        return answer_extractively(question, language, hits, units, asks_figure, translate, asks_kind)

    if other_language:
        written = "Chinese" if language == "en" else "English"
        flags.append(f"the model answered in {written}: showing the passages' own sentences instead")
        answer = quoted()
    elif failed is not None:
        problem = "unsupported" if failed.unsupported else ("off-topic" if failed.off_topic else "misbound")
        figures = ", ".join(failed.unsupported or failed.off_topic or failed.misbound)
        flags.append(f"{problem} figure {figures} in the model's answer: showing the passages' own sentences instead")
        if failed.misbound:
            flags.append("the filings state it for another business line, period or thing than the one asked about")
            units = [unit for unit in units if not _states_any(unit.text, failed.misbound)]  # not quoted instead
        answer = quoted()
        answer.rejected_draft = figures
    elif refused and _strong_evidence(units, hits):
        # Small models refuse too often, English questions over Chinese text above all.
        flags.append(
            "the model found no answer, but a passage of the asked period matches the question well: "
            "showing its own sentences"
        )
        answer = quoted()
    elif refused:
        answer = abstained(question, language, hits, [])
    elif asks_for_name(question) and not any(verifier.names_something(checked.text) for checked in shown):
        # "…one of Hong Kong's largest jewellery groups": the filings describe it, they do not name it
        flags.append("the model's answer names no one: the filings describe what was asked without naming it")
        answer = abstained(question, language, hits, [])
    elif asks_figure and not any(states_a_figure(checked.text, asks_kind) for checked in shown):
        # "8 家大型客户" for how many GPUs: an answer to how much that states no figure is none
        flags.append("the model's answer states no figure: showing the passages' own sentences instead")
        answer = quoted()
    else:
        cited = sorted({n for checked in shown for n in checked.cited})
        by_number = {p.n: p.hit for p in passages}
        answer = Answer(
            question,
            "".join(_joined(verifier, checked, first=i == 0, language=language) for i, checked in enumerate(shown)),
            language,
            False,
            [Citation.from_hit(n, by_number[n]) for n in cited],
            llm.backend,
            llm.model,
        )
    answer.backend, answer.model = llm.backend, llm.model
    answer.flags += flags
    answer.timings.update(timings)
    yield answer


def _states_any(text: str, figures: list[str]) -> bool:
    """Whether the text states one of the figures (as amounts: 1.838亿元 is RMB 183.8 million)."""
    claimed = [quantity for figure in figures for quantity in find_quantities(figure)]
    return any(same_amount(stated, q) for stated in find_quantities(text) for q in claimed)


def _complete_sentences(buffer: str) -> tuple[list[str], str]:
    """Sentences known to be finished (another one has begun after them), and the rest. Citation
    marks that open a sentence ("。[1] 另外…") belong to the one before."""
    spans = split_sentences(buffer)
    if len(spans) < 2:
        return [], buffer
    pieces = [buffer[start:next_start] for (start, _), (next_start, _) in itertools.pairwise(spans)]
    pieces.append(buffer[spans[-1][0] :])
    joined: list[str] = []
    for piece in pieces:
        lead = _LEADING_CITATIONS.match(piece)
        if lead and joined:
            joined[-1] += lead.group()
            piece = piece[lead.end() :]
        joined.append(piece)
    rest = joined.pop()
    if not rest.strip() and joined:  # only citations so far: more may follow the last sentence
        rest = joined.pop() + rest
    return [sentence.strip() for sentence in joined if sentence.strip()], rest


def _check(verifier: Verifier, sentence: str, shown: list[Checked], flags: list[str]) -> Checked | None:
    """The checked sentence, or None when it is dropped (no passage supports it, it repeats, or it
    only says the question back)."""
    checked = verifier.check(sentence)
    flags.extend(checked.notes)
    text = checked.text.strip()
    if not text or any(text == earlier.text for earlier in shown):
        return None
    if checked.ok and not checked.cited and not _is_refusal(checked):
        flags.append(f"dropped a sentence no passage supports: {text[:80]}")
        return None
    if verifier.restates_question(text):
        flags.append(f"dropped a sentence that only restates the question: {text[:80]}")
        return None
    return checked


def _strong_evidence(units: list[Unit], hits: list[Hit]) -> bool:
    """A sentence that itself states most of the question, states a figure, and comes from a
    document about the asked period."""
    return any(
        unit.stated >= _STRONG and states_a_figure(unit.text) and not hits[unit.n - 1].off_period for unit in units
    )


def _in_other_language(checked: Checked, language: str) -> bool:
    """An answer sentence not in the question's language (a refusal is only a refusal)."""
    return is_chinese(checked.text) != (language == "zh") and not _is_refusal(checked)


def _is_refusal(checked: Checked) -> bool:
    return bool(_REFUSAL.search(checked.text)) and not states_a_figure(checked.text)  # a year is not an answer


def _joined(verifier: Verifier, checked: Checked, first: bool, language: str) -> str:
    rendered = verifier.render(checked)
    return rendered if first or language == "zh" else " " + rendered
