"""The binding check: a figure a model states is accepted only when the figures table binds it,
where the passage states it, to the business line and period asked about; when exactly one figure
of the passages is the asked one, it takes the misbound one's place. Over the bundled filings'
own text, read by the real figures reader; no model."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.answer.verify import Verifier
from rag.figures.binding import BindingCheck
from rag.figures.extract import extract_figures
from rag.figures.model import GROUP, Figure
from rag.figures.plan import Plan, asked_periods, scopes_named
from rag.pipeline import Pipeline
from rag.text.analyzer import Analyzer
from rag.text.periods import as_of_spans, document_date
from tests.test_verify import ScriptedLLM

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DECK = (CORPUS / "SenseTime-2022-annual-results.txt").read_text(encoding="utf-8")
WRITE_UP = (CORPUS / "SenseTime-2023-H1-results-and-earnings-call.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def figures() -> dict[int, list[Figure]]:
    return {1: extract_figures("deck", DECK, [], "FY2022"), 2: extract_figures("h1", WRITE_UP, [], "2023H1")}


def check(analyzer: Analyzer, figures: dict[int, list[Figure]], question: str, sentence: str, language: str):
    scopes = {figure.scope for rows in figures.values() for figure in rows if figure.scope != GROUP}
    plan = Plan("text", scopes=scopes_named(question, scopes), periods=asked_periods(question))
    binding = BindingCheck(plan, figures.__getitem__, scopes)
    return Verifier({1: DECK, 2: WRITE_UP}, language, analyzer, question, binding=binding).check(sentence)


@pytest.mark.parametrize(
    ("question", "sentence", "language", "shown"),
    [
        # 30,000 is the write-up's "目前" (its date, 2023-08); end-March's count is 27,000
        ("截至2023年3月，大装置有多少块GPU？", "截至2023年3月，大装置有30,000块GPU[2]。", "zh", "27,000块"),
        ("As of March 2023, how many GPUs did SenseCore have?", "It had 30,000 GPUs [2].", "en", "27,000 GPUs"),
        # 108% is Smart Life and Smart Auto together; Smart Life alone grew 130%
        ("2022年智慧生活业务收入同比增长多少？", "智慧生活收入同比增长108%[1]。", "zh", "130%"),
        ("How much did Smart Life revenue grow in 2022?", "Smart Life revenue grew 108% in 2022 [1].", "en", "130%"),
    ],
)
def test_a_figure_of_another_period_or_line_is_replaced_by_the_asked_one(
    analyzer: Analyzer, figures: dict, question: str, sentence: str, language: str, shown: str
) -> None:
    checked = check(analyzer, figures, question, sentence, language)
    assert checked.ok and shown in checked.text, checked
    assert any("stated for another business line or period" in note for note in checked.notes)


def test_a_figure_bound_as_asked_stands(analyzer: Analyzer, figures: dict) -> None:
    checked = check(analyzer, figures, "截至2023年3月，大装置有多少块GPU？", "大装置有27,000块GPU[2]。", "zh")
    assert checked.ok and "27,000块" in checked.text and not checked.notes
    today = check(analyzer, figures, "大装置目前有多少块GPU？", "大装置目前有约30,000块GPU[2]。", "zh")
    assert today.ok and "30,000" in today.text  # no period asked: the figure is not judged by one


def test_a_misbound_figure_with_no_single_replacement_fails_the_sentence(analyzer: Analyzer, figures: dict) -> None:
    # 130% is Smart Life's growth; Smart City's revenue fell 49%, which a "grew 130%" cannot become
    checked = check(
        analyzer, figures, "How much did Smart City revenue grow in 2022?", "It grew 130% in 2022 [1].", "en"
    )
    assert not checked.ok and checked.misbound == ["130%"]


def test_a_figure_the_table_ties_to_no_business_line_is_not_taken_for_another_line_s(
    analyzer: Analyzer, figures: dict
) -> None:
    # the deck's 317 customers stand on a slide whose business line is named only in its picture
    question = "How many customers did Smart Life have in 2022?"
    assert check(analyzer, figures, question, "Smart Life had 317 customers in 2022 [1].", "en").ok


def test_a_sentence_from_one_time_to_another_is_not_judged_by_one_period(analyzer: Analyzer, figures: dict) -> None:
    question = "大装置的上线GPU数量从2023年3月底到中期业绩发布时如何变化？"
    sentence = "上线GPU数量由2023年3月底的27,000块提升至目前约30,000块[2]。"
    checked = check(analyzer, figures, question, sentence, "zh")
    assert checked.ok and "27,000块" in checked.text and "30,000块" in checked.text


def test_the_sentence_s_own_period_is_judged_before_the_question_s(analyzer: Analyzer, figures: dict) -> None:
    # the question asks about March; a sentence that says "now" of the write-up's count is not misbound
    question = "截至2023年3月，大装置有多少块GPU？"
    checked = check(analyzer, figures, question, "2023年8月底约有30,000块GPU[2]。", "zh")
    assert checked.ok and "30,000" in checked.text


def test_current_figures_are_as_of_the_document_s_date() -> None:
    assert document_date(WRITE_UP) == "2023-08" and document_date(DECK) == "2023-03"
    gpus = {f.text: f.period for f in extract_figures("h1", WRITE_UP, [], "2023H1") if f.unit == "块"}
    assert gpus == {"27,000块": "2023-03", "30,000块": "2023-08"}


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("截至2023年3月，SenseCore有多少块GPU？", ["2023-03"]),
        ("上线GPU数量由2023年3月底的27,000块", ["2023-03"]),
        ("截至2023年3月28日", ["2023-03-28"]),
        ("2022年年底未使用银行授信额", ["2022-12-31"]),
        ("2022年上半年末未使用银行授信额", ["2022-06-30"]),  # the end of the half year
        ("How many GPUs did SenseCore have at the end of March 2023?", ["2023-03"]),
        ("as of 28 March 2023, and as of March 31, 2024", ["2023-03-28", "2024-03-31"]),
        ("from end-2022 to H1 2023", ["2022-12-31"]),
        ("2023年3月发布的简报", []),  # a month something happened in is no as-of date
        ("2023年上半年收入", []),
    ],
)
def test_as_of_dates(text: str, dates: list[str]) -> None:
    assert [date for *_, date in as_of_spans(text)] == dates


def test_asked_periods_prefer_the_as_of_date_to_its_year() -> None:
    assert asked_periods("截至2023年3月，大装置有多少块GPU？") == ["2023-03"]
    assert asked_periods("From end-2022 to H1 2023, how did it change?") == ["2022-12-31", "2023H1"]
    assert asked_periods("2022年智慧生活收入") == ["2022"]


def test_a_quoted_sentence_whose_figures_are_another_line_s_counts_half(bundled) -> None:
    # "智慧生活 + 智能汽车收入同比增长108%" names Smart Life, but its figure is both lines' together
    answer = bundled.ask("Why did Smart Life revenue grow so fast in 2022?", llm="none")
    assert answer.backend == "none" and not answer.abstained
    assert "108%" not in answer.answer and "130%" in answer.answer


def test_a_sentence_of_a_line_s_figures_counts_half_for_a_thing_that_is_no_line(bundled) -> None:
    # Smart City's and the international business's revenue are not SenseCore's external revenue
    question = "How much revenue did SenseCore's external services generate in H1 2023?"
    query = bundled.retriever.prepare(question)
    plan, hits = bundled.plan(query), bundled.retriever.search(query)
    binding = bundled._binding(query, plan, hits)
    n = next(n for n, hit in enumerate(hits, start=1) if "23H1实现收入1.838亿元" in hit.chunk.text)
    rows = [row for row in binding.stated_in(n) if row.text == "1.838亿元"]
    assert rows and binding.misplaced(rows, "23H1实现收入1.838亿元,同比下降57.7%;")
    assert not binding.misplaced(rows, "SenseCore对外服务收入1.838亿元")  # a sentence naming the thing


def test_a_count_of_other_things_than_the_filings_count_is_misbound(analyzer: Analyzer, figures: dict) -> None:
    # 800万 are vehicles (新增定点数量800万台), not cities
    checked = check(analyzer, figures, "2022年智慧城市业务当期新增了多少个城市？", "2022年新增了800万个城市[1]。", "zh")
    assert not checked.ok and checked.misbound == ["800万"]


@pytest.mark.parametrize(
    ("question", "figure", "stands"),
    [
        # 12.8% is Smart City's share of revenue: its sentence says nothing of generative AI
        ("What share of revenue did generative AI account for in H1 2023?", "12.8%", False),
        # 30,000 GPUs: the write-up's sentence names 大装置 (SenseCore)
        ("How many GPUs does SenseCore have?", "30,000", True),
        # Smart City's 1.838亿元 written in the wrong unit: the figure meant is still Smart City's
        ("How much revenue did SenseCore's external services generate in H1 2023?", "1.838", False),
    ],
)
def test_a_business_line_s_figure_answers_about_a_thing_only_where_its_sentence_names_it(
    bundled, question: str, figure: str, stands: bool
) -> None:
    query = bundled.retriever.prepare(question)
    plan, hits = bundled.plan(query), bundled.retriever.search(query)
    passages = {n: hit.chunk.text for n, hit in enumerate(hits, start=1)}
    n = next(n for n, text in passages.items() if figure in text)
    verifier = Verifier(passages, "en", bundled.analyzer, question, binding=bundled._binding(query, plan, hits))
    written = "RMB 1.838 million" if figure == "1.838" else figure
    checked = verifier.check(f"The answer is {written} [{n}].")
    assert plan.subjects and checked.ok == stands, checked


def test_a_misbound_figure_is_not_quoted_in_the_answer_that_replaces_it(bundled) -> None:
    # 130% is Smart Life's growth; Smart City's fell 49%: the passages' sentences stand in, not 130%'s
    pipeline = Pipeline(bundled.settings, progress=False)
    pipeline.embedder, pipeline.analyzer = bundled.embedder, bundled.analyzer
    pipeline.__dict__["retriever"] = bundled.retriever
    pipeline._models["local"] = ScriptedLLM("Smart City revenue grew 130% in 2022 [1].")
    answer = pipeline.ask("Why did Smart City's revenue growth in 2022 differ from Smart Life's?", llm="local")
    assert any("misbound figure 130%" in flag for flag in answer.flags), answer.flags
    assert "130%" not in answer.answer, answer.answer


def test_a_figure_with_no_line_is_not_replaced_by_the_line_s_figure_of_another_label(
    analyzer: Analyzer, figures: dict
) -> None:
    # 4个海外城市 stands on a slide named only in its picture; Smart City's 162 and 16 cities are other counts
    question = "截至2022年底，智慧城市业务累计赋能了多少个海外城市？"
    checked = check(analyzer, figures, question, "智慧城市业务累计赋能了4个海外城市[1]。", "zh")
    assert checked.ok and "4个海外城市" in checked.text, checked


@pytest.mark.parametrize(
    ("question", "stands"),
    [
        ("How many employees does SenseTime have in total?", False),  # 3,400 are its R&D staff
        ("How many R&D staff does SenseTime have?", True),
        ("商汤有多少研发人员？", True),
    ],
)
def test_a_count_of_a_narrower_group_does_not_answer_for_the_whole(bundled, question: str, stands: bool) -> None:
    query = bundled.retriever.prepare(question)
    plan, hits = bundled.plan(query), bundled.retriever.search(query)
    passages = {n: hit.chunk.text for n, hit in enumerate(hits, start=1)}
    n = next(n for n, text in passages.items() if "研发人员" in text and "3,400" in text)
    verifier = Verifier(passages, "en", bundled.analyzer, question, binding=bundled._binding(query, plan, hits))
    assert verifier.check(f"It has 3,400 people [{n}].").ok == stands
