"""The verifier: every figure of a generated answer, with its unit, must be found in a cited
passage (units converted in code); a figure no passage supports is never shown as fact; citations
that do not support their sentence are dropped; amounts are written in the answer's language.

Fast: no model is loaded, only jieba (the session's `analyzer` fixture from conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rag.answer.evidence import Unit
from rag.answer.grounded import generate_answer
from rag.answer.result import Answer
from rag.answer.verify import Checked, Verifier
from rag.chunk.chunker import Chunk
from rag.config import Settings
from rag.retrieve.hybrid import Hit
from rag.text.analyzer import Analyzer

# Passages as the model is shown them: [n] -> text.
PASSAGES: dict[int, str] = {
    1: "2022年，商汤集团营业收入38亿元（同比 -19%），毛利率67%，净亏损0.839亿元。",
    2: "2023年上半年，商汤营业收入14.33亿元，生成式AI业务收入占比20%。",
    3: "SenseCore拥有2.7万块GPU，算力达到5.0+ exaFLOPS，数据中心面积1,500万+平方米。",
    4: "日日新大模型参数量达1,040亿，训练数据1.6万亿token。",
    5: "2022年末，公司总部位于上海，员工3,400+人，现金储备166亿元。",
    6: "In FY2022, SenseTime reported revenue of RMB 3.8 billion and a gross margin of 67%.",
    7: "2022年，商汤海外收入38亿美元。",
}


def verify(analyzer: Analyzer, sentence: str, language: str = "zh", **options) -> tuple[Checked, str]:
    """The checked sentence and how it is shown (with its citations)."""
    verifier = Verifier(PASSAGES, language, analyzer, **options)
    checked = verifier.check(sentence)
    return checked, verifier.render(checked)


# ---------------------------------------------------------------------------------------------
# A figure found in a cited passage, in any unit or language, passes unchanged, keeping its
# citation and adding no note.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "sentence", "cited"),
    [
        ("zh", "2022年商汤营业收入为38亿元[1]。", [1]),
        ("zh", "2022年商汤营业收入为38 亿元[1]。", [1]),
        ("zh", "2022年商汤营业收入为３８亿元[1]。", [1]),
        ("zh", "2022年营业收入同比下降19%[1]。", [1]),
        ("zh", "2022年毛利率为67%[1]。", [1]),
        ("zh", "2023年上半年营业收入为14.33亿元[2]。", [2]),
        ("zh", "SenseCore算力达到5.0+ exaFLOPS[3]。", [3]),
        ("zh", "数据中心面积1,500万+平方米[3]。", [3]),
        ("zh", "SenseCore拥有27,000块GPU[3]。", [3]),
        ("zh", "公司员工3,400+人[5]。", [5]),
        ("zh", "公司员工3400多人[5]。", [5]),
        ("en", "SenseTime's revenue in 2022 was RMB 3.8 billion [1].", [1]),
        ("en", "SenseTime's revenue in 2022 was RMB 3,800 million [1].", [1]),
        ("en", "SenseTime's revenue in 2022 was 3.8bn yuan [1].", [1]),
        ("en", "Revenue fell 19% year on year [1].", [1]),
        ("en", "Revenue was down −19% in 2022 [1].", [1]),
        ("en", "Gross margin was 67 % in 2022 [1].", [1]),
        ("en", "Gross margin was 67 percent in 2022 [1].", [1]),
        ("en", "Net loss was RMB 83.9 million [1].", [1]),
        ("en", "Net loss was RMB 84 million [1].", [1]),
        ("en", "Revenue in H1 2023 was RMB 1.433 billion [2].", [2]),
        ("en", "Revenue in H1 2023 was RMB 1,433 million [2].", [2]),
        ("en", "Revenue in H1 2023 was RMB 1.43 billion [2].", [2]),
        ("en", "Revenue in H1 2023 was RMB 1.4 billion [2].", [2]),
        ("en", "Generative AI made up 20% of revenue [2].", [2]),
        ("en", "SenseCore has 27,000 GPUs [3].", [3]),
        ("en", "SenseCore has 27 thousand GPUs [3].", [3]),
        ("en", "The data centres cover 15 million+ m² [3].", [3]),
        ("en", "The data centres cover 15,000,000 m² [3].", [3]),
        ("en", "The model has 104 billion parameters [4].", [4]),
        ("en", "The model has 104,000 million parameters [4].", [4]),
        ("en", "It was trained on 1.6 trillion tokens [4].", [4]),
        ("en", "The company has 3,400+ employees [5].", [5]),
        ("en", "Cash reserves were RMB 16.6 billion [5].", [5]),
        ("en", "Overseas revenue was US$3.8 billion [7].", [7]),
        # Two figures from one passage; two figures from two cited passages.
        ("zh", "2022年营业收入38亿元，毛利率67%[1]。", [1]),
        ("zh", "2022年营业收入38亿元，员工3,400+人[1][5]。", [1, 5]),
    ],
)
def test_supported_figure_passes(analyzer: Analyzer, language: str, sentence: str, cited: list[int]) -> None:
    checked, shown = verify(analyzer, sentence, language)
    assert checked.ok
    assert checked.unsupported == [] and checked.off_topic == []
    assert checked.cited == cited
    assert checked.notes == []
    assert shown == sentence


# ---------------------------------------------------------------------------------------------
# A figure no passage supports (and that is no unit mistake of one) fails the sentence; its
# citation goes, since the passage does not support it.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "sentence", "figures"),
    [
        ("zh", "2022年商汤营业收入为45亿元[1]。", ["45亿"]),
        ("zh", "2023年上半年营业收入为15亿元[2]。", ["15亿"]),
        ("zh", "SenseCore拥有4万块GPU[3]。", ["4万"]),
        ("en", "Revenue in 2022 was RMB 4.5 billion [1].", ["4.5 billion"]),
        ("en", "Revenue in H1 2023 was RMB 1.44 billion [2].", ["1.44 billion"]),  # beyond rounding
        ("en", "Revenue in H1 2023 was RMB 2 billion [2].", ["2 billion"]),
        ("en", "Generative AI made up 21% of revenue [2].", ["21%"]),
        ("en", "Generative AI made up 0.2 of revenue [2].", ["0.2"]),  # a share is not a percentage
        ("en", "SenseCore reaches 50 exaFLOPS [3].", ["50"]),  # "5.0+" has no unit to have mistaken
        ("en", "SenseCore reaches 0.5 exaFLOPS [3].", ["0.5"]),
        ("en", "SenseCore has 30,000 GPUs [3].", ["30,000"]),
    ],
)
def test_unsupported_figure_fails_the_sentence(
    analyzer: Analyzer, language: str, sentence: str, figures: list[str]
) -> None:
    checked, _ = verify(analyzer, sentence, language)
    assert not checked.ok
    assert checked.unsupported == figures
    assert checked.cited == []
    assert any(note.startswith("dropped citation") for note in checked.notes)


def test_one_unsupported_figure_fails_the_sentence_though_another_is_supported(analyzer: Analyzer) -> None:
    checked, _ = verify(analyzer, "2022年营业收入38亿元，毛利率70%[1]。")
    assert not checked.ok
    assert checked.unsupported == ["70%"]
    assert checked.cited == [1]  # it does support 38亿


def test_figure_is_looked_up_in_every_passage_not_only_the_cited_one(analyzer: Analyzer) -> None:
    # 45亿 is nowhere, so citing another passage does not help either.
    checked, _ = verify(analyzer, "2022年商汤营业收入为45亿元[3]。")
    assert checked.unsupported == ["45亿"]


# ---------------------------------------------------------------------------------------------
# A figure in the wrong unit (same digits, same kind) is repaired from the passage, written the
# answer's way, and the repair is noted.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "sentence", "shown"),
    [
        ("en", "Revenue in 2022 was 38 billion yuan [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was 38 billion [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was 38 million yuan [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in H1 2023 was 14.33 billion yuan [2].", "Revenue in H1 2023 was RMB 1.433 billion [2]."),
        ("en", "Gross margin was 6.7% in 2022 [1].", "Gross margin was 67% in 2022 [1]."),
        ("en", "Revenue fell 1.9% in 2022 [1].", "Revenue fell 19% in 2022 [1]."),
        ("en", "SenseCore has 2.7 thousand GPUs [3].", "SenseCore has 27,000 GPUs [3]."),
        ("en", "SenseCore has 270,000 GPUs [3].", "SenseCore has 27,000 GPUs [3]."),
        ("en", "The model has 1040 billion parameters [4].", "The model has 104 billion parameters [4]."),
        ("en", "The model has 10.4 billion parameters [4].", "The model has 104 billion parameters [4]."),
        ("en", "Overseas revenue was 38 billion dollars [7].", "Overseas revenue was 3.8 billion dollars [7]."),
        ("zh", "营业收入为38 billion元[1]。", "营业收入为38亿元[1]。"),
        ("zh", "营业收入为3.8亿元[1]。", "营业收入为38亿元[1]。"),
        ("zh", "2023年上半年营业收入为14.33 billion[2]。", "2023年上半年营业收入为14.33亿[2]。"),
        ("zh", "净亏损为839亿元[1]。", "净亏损为0.839亿元[1]。"),
        ("zh", "毛利率为6.7%[1]。", "毛利率为67%[1]。"),
        ("zh", "SenseCore拥有2,700块GPU[3]。", "SenseCore拥有2.7万块GPU[3]。"),
        ("zh", "数据中心面积1,500平方米[3]。", "数据中心面积1,500万+平方米[3]。"),
        ("zh", "公司员工34,000人[5]。", "公司员工3,400+人[5]。"),
    ],
)
def test_wrong_unit_is_repaired_from_the_passage(analyzer: Analyzer, language: str, sentence: str, shown: str) -> None:
    checked, rendered = verify(analyzer, sentence, language)
    assert checked.ok
    assert rendered == shown
    assert any(note.startswith("corrected") for note in checked.notes)


def test_repair_note_says_what_changed_and_from_where(analyzer: Analyzer) -> None:
    checked, _ = verify(analyzer, "Revenue in 2022 was 38 billion yuan [1].", "en")
    assert checked.notes == ["corrected 38 billion to RMB 3.8 billion from [1]"]


def test_repair_of_an_uncited_figure_adds_the_citation(analyzer: Analyzer) -> None:
    checked, shown = verify(analyzer, "SenseTime's revenue in 2022 was 38 billion yuan.", "en")
    assert checked.ok
    assert shown == "SenseTime's revenue in 2022 was RMB 3.8 billion [1]."


# ---------------------------------------------------------------------------------------------
# Citations: one to a passage that does not support the sentence is dropped; a figure found in a
# passage the sentence did not cite gets that citation; unknown numbers are ignored.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "cited", "notes"),
    [
        # wrong passage cited: the figure's passage replaces it
        (
            "2022年商汤营业收入为38亿元[3]。",
            [1],
            ["cited [1] for 38亿", "dropped citation [3]: it does not support the sentence"],
        ),
        # no citation at all
        ("2022年商汤营业收入为38亿元。", [1], ["cited [1] for 38亿"]),
        # a citation to a passage that does not exist
        ("2022年商汤营业收入为38亿元[9]。", [1], ["cited [1] for 38亿"]),
        # one of two citations supports the figure
        ("2022年商汤营业收入为38亿元[1, 3]。", [1], ["dropped citation [3]: it does not support the sentence"]),
        ("2022年商汤营业收入为38亿元[1][4]。", [1], ["dropped citation [4]: it does not support the sentence"]),
        # full-width brackets
        ("2022年商汤营业收入为38亿元【1】。", [1], []),
        # two figures, one from an uncited passage
        ("2022年营业收入38亿元，员工3,400+人[1]。", [1, 5], ["cited [5] for 3,400+"]),
        # no figure: judged by the words the sentence shares with the passage
        ("公司总部位于上海[1]。", [5], ["dropped citation [1]: it does not support the sentence"]),
        ("公司总部位于上海[5]。", [5], []),
        ("公司总部位于上海[1][5]。", [5], ["dropped citation [1]: it does not support the sentence"]),
        ("公司总部位于上海。", [5], []),
        # no figure and nothing in common with any passage: no citation is left
        ("今天天气很好，适合出门散步[2]。", [], ["dropped citation [2]: it does not support the sentence"]),
    ],
)
def test_citations_follow_the_support(analyzer: Analyzer, sentence: str, cited: list[int], notes: list[str]) -> None:
    checked, _ = verify(analyzer, sentence)
    assert checked.ok
    assert checked.cited == cited
    assert checked.notes == notes


def test_citation_marks_are_moved_before_the_closing_punctuation(analyzer: Analyzer) -> None:
    _, zh = verify(analyzer, "2022年商汤营业收入为38亿元。[1]")
    _, en = verify(analyzer, "SenseTime's revenue in 2022 was RMB 3.8 billion.[1]", "en")
    assert zh == "2022年商汤营业收入为38亿元[1]。"
    assert en == "SenseTime's revenue in 2022 was RMB 3.8 billion [1]."


# ---------------------------------------------------------------------------------------------
# Localisation: amounts are written the answer's way, 38亿元 -> RMB 3.8 billion in English,
# 3.8 billion -> 38亿 in Chinese (the model is told to copy units as the passage writes them).
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "sentence", "shown"),
    [
        ("en", "Revenue in 2022 was 38亿元 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was 38 亿元 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was ３８亿元 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was RMB 38亿元 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was RMB 38亿 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was 38亿 yuan [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2022 was ¥38亿 [1].", "Revenue in 2022 was ¥3.8 billion [1]."),
        ("en", "Net loss was 0.839亿元 [1].", "Net loss was RMB 83.9 million [1]."),
        ("en", "Revenue in H1 2023 was 14.33亿元 [2].", "Revenue in H1 2023 was RMB 1.433 billion [2]."),
        ("en", "SenseCore has 2.7万 GPUs [3].", "SenseCore has 27,000 GPUs [3]."),
        ("en", "The model has 1,040亿 parameters [4].", "The model has 104 billion parameters [4]."),
        ("en", "It was trained on 1.6万亿 tokens [4].", "It was trained on 1.6 trillion tokens [4]."),
        ("en", "Cash reserves were 166亿元 [5].", "Cash reserves were RMB 16.6 billion [5]."),
        ("en", "Gross margin was 67% [1].", "Gross margin was 67% [1]."),  # percentages stay
        ("zh", "2022年营业收入为3.8 billion元[1]。", "2022年营业收入为38亿元[1]。"),
        ("zh", "2022年营业收入为RMB 3,800 million[1]。", "2022年营业收入为RMB 38亿[1]。"),
        ("zh", "2023年上半年营业收入为1.433 billion元[2]。", "2023年上半年营业收入为14.33亿元[2]。"),
        ("zh", "日日新参数量为104 billion[4]。", "日日新参数量为1040亿[4]。"),
        ("zh", "训练数据1.6 trillion token[4]。", "训练数据1.6万亿 token[4]。"),
        ("zh", "SenseCore拥有27 thousand块GPU[3]。", "SenseCore拥有2.7万块GPU[3]。"),
        ("zh", "净亏损为83.9 million元[1]。", "净亏损为8390万元[1]。"),
        ("zh", "毛利率为67 percent[1]。", "毛利率为67 percent[1]。"),  # percentages stay
    ],
)
def test_amounts_are_written_the_answers_way(analyzer: Analyzer, language: str, sentence: str, shown: str) -> None:
    checked, rendered = verify(analyzer, sentence, language)
    assert checked.ok
    assert rendered == shown


# ---------------------------------------------------------------------------------------------
# Years, periods, small counts and the question's own numbers are not figures to verify.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("zh", "2022年商汤营业收入为38亿元[1]。"),
        ("zh", "2021年和2022年，商汤营业收入分别为38亿元[1]。"),  # 2021 is in no passage
        ("zh", "2023年上半年，商汤营业收入14.33亿元[2]。"),
        ("zh", "23H1营业收入14.33亿元[2]。"),
        ("zh", "2023年第二季度营业收入14.33亿元[2]。"),
        ("zh", "2019年起，公司总部位于上海[5]。"),
        ("zh", "公司总部位于上海，是其2大基地之一[5]。"),  # a small number without its measure word
        ("en", "In H1 2023, revenue was RMB 1.433 billion [2]."),
        ("en", "In FY2022 and Q4 2023, revenue was RMB 3.8 billion [1]."),
        ("en", "Revenue in 2023年上半年 was RMB 1.433 billion [2]."),
        ("en", "Since 2019 the company has been headquartered in Shanghai, with 3,400+ employees [5]."),
    ],
)
def test_years_and_periods_are_not_figures(analyzer: Analyzer, language: str, sentence: str) -> None:
    checked, _ = verify(analyzer, sentence, language)
    assert checked.ok
    assert checked.unsupported == []
    assert checked.cited != []


def test_numbers_from_the_question_are_not_claims(analyzer: Analyzer) -> None:
    question = "2022年毛利率是否超过60%？"
    checked, _ = verify(analyzer, "2022年毛利率超过60%，为67%[1]。", question=question)
    assert checked.ok and checked.cited == [1]
    # without the question, 60% is a figure no passage states
    checked, _ = verify(analyzer, "2022年毛利率超过60%，为67%[1]。")
    assert checked.unsupported == ["60%"]


# ---------------------------------------------------------------------------------------------
# `relevant`: a figure must come from a passage sentence about the question; the 166亿 cash
# reserves are in passage 5, but are not the revenue.
# ---------------------------------------------------------------------------------------------
def test_figure_from_an_irrelevant_sentence_is_off_topic(analyzer: Analyzer) -> None:
    relevant = ["2022年，商汤集团营业收入38亿元（同比 -19%）"]
    checked, _ = verify(analyzer, "2022年营业收入为166亿元[5]。", relevant=relevant)
    assert not checked.ok
    assert checked.off_topic == ["166亿"] and checked.unsupported == []
    checked, _ = verify(analyzer, "2022年营业收入为38亿元[1]。", relevant=relevant)
    assert checked.ok


# ---------------------------------------------------------------------------------------------
# render(): citations go before the closing punctuation, with a space in English.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "cited", "shown"),
    [
        ("zh", "营业收入38亿元。", [1, 2], "营业收入38亿元[1][2]。"),
        ("zh", "营业收入38亿元", [1], "营业收入38亿元[1]"),
        ("zh", "营业收入38亿元。", [], "营业收入38亿元。"),
        ("en", "Revenue was RMB 3.8 billion.", [1], "Revenue was RMB 3.8 billion [1]."),
        ("en", "Revenue was RMB 3.8 billion", [1, 5], "Revenue was RMB 3.8 billion [1][5]"),
        ("en", "Revenue was RMB 3.8 billion.", [], "Revenue was RMB 3.8 billion."),
    ],
)
def test_render(analyzer: Analyzer, language: str, text: str, cited: list[int], shown: str) -> None:
    assert Verifier(PASSAGES, language, analyzer).render(Checked(text, cited)) == shown


# ---------------------------------------------------------------------------------------------
# Through generate_answer (with a scripted model): a sentence with an unsupported figure is never
# shown; the answer falls back to the passages' own sentences, with a flag.
# ---------------------------------------------------------------------------------------------
class ScriptedLLM:
    """Streams a fixed text a few characters at a time and records how much of the answer (the
    first request; a later one translates a quote for an English answer) was read."""

    backend = "scripted"
    model = "scripted-1"

    def __init__(self, text: str) -> None:
        self.text = text
        self.sent = 0
        self.closed = False
        self.requests = 0

    def stream(self, messages: list[dict[str, str]], max_tokens: int) -> Iterator[str]:
        self.requests += 1
        first = self.requests == 1
        try:
            for i in range(0, len(self.text), 3):
                self.sent = i + 3 if first else self.sent
                yield self.text[i : i + 3]
        finally:
            self.closed = self.closed or first


EVIDENCE = [PASSAGES[1], PASSAGES[3]]


def hits_and_units() -> tuple[list[Hit], list[Unit]]:
    hits = [
        Hit(
            rank=n,
            chunk=Chunk(
                f"c{n}", f"d{n}", "商汤2022年报", "annual.pdf", n, 0, len(text), None, "", text, text, "FY2022"
            ),
            dense=0.8,
            keyword=10.0,
            fused=0.03,
            dense_rank=n,
            keyword_rank=n,
        )
        for n, text in enumerate(EVIDENCE, start=1)
    ]
    units = [Unit(n, 0, len(text), text, 1.2 - 0.1 * n, 1.2 - 0.1 * n) for n, text in enumerate(EVIDENCE, start=1)]
    return hits, units


def answer(analyzer: Analyzer, question: str, language: str, model_text: str) -> tuple[list[str], Answer, ScriptedLLM]:
    hits, units = hits_and_units()
    llm = ScriptedLLM(model_text)
    *pieces, final = generate_answer(question, language, hits, units, llm, analyzer, Settings())
    assert isinstance(final, Answer)
    return [str(piece) for piece in pieces], final, llm


def test_supported_answer_is_shown_with_its_citations(analyzer: Analyzer) -> None:
    pieces, final, _ = answer(
        analyzer, "商汤2022年营业收入是多少？", "zh", "2022年商汤营业收入为38亿元[1]。SenseCore拥有2.7万块GPU[2]。"
    )
    assert pieces == ["2022年商汤营业收入为38亿元[1]。", "SenseCore拥有2.7万块GPU[2]。"]
    assert final.answer == "".join(pieces)
    assert [c.n for c in final.citations] == [1, 2]
    assert final.flags == []


@pytest.mark.parametrize(
    ("language", "question", "model_text", "figure"),
    [
        ("zh", "商汤2022年营业收入是多少？", "2022年商汤营业收入为45亿元[1]。", "45亿"),
        (
            "en",
            "What was SenseTime's revenue in 2022?",
            "SenseTime's revenue in 2022 was RMB 4.5 billion [1].",
            "4.5 billion",
        ),
        ("en", "How many GPUs does SenseCore have?", "SenseCore has 30,000 GPUs [2].", "30,000"),
    ],
)
def test_unsupported_figure_is_never_shown(
    analyzer: Analyzer, language: str, question: str, model_text: str, figure: str
) -> None:
    pieces, final, llm = answer(analyzer, question, language, model_text + " More text follows here, and more.")
    assert pieces == []  # nothing was streamed
    assert figure not in final.answer
    assert final.answer.startswith("根据文件：" if language == "zh" else "From the filings")
    assert any(f"unsupported figure {figure}" in flag for flag in final.flags)
    assert final.rejected_draft == figure  # what the web page tells the reader
    assert llm.closed and llm.sent < len(llm.text)  # generation stopped at the bad sentence


def test_an_answer_in_the_other_language_is_never_shown(analyzer: Analyzer) -> None:
    question = "What was SenseTime's revenue in 2022?"
    pieces, final, _ = answer(analyzer, question, "en", "2022年商汤营业收入为38亿元[1]。更多内容如下。")
    assert pieces == [] and final.answer.startswith("From the filings")
    assert any("answered in Chinese" in flag for flag in final.flags)
    _, refused, _ = answer(analyzer, "商汤的首席财务官是谁？", "zh", "The filings do not say.")
    assert not any("answered in" in flag for flag in refused.flags)  # a refusal is a refusal, in any language


def test_unsupported_figure_after_a_good_sentence_falls_back(analyzer: Analyzer) -> None:
    pieces, final, _ = answer(
        analyzer, "商汤2022年营业收入是多少？", "zh", "2022年商汤营业收入为38亿元[1]。毛利率为70%[1]。"
    )
    assert pieces == ["2022年商汤营业收入为38亿元[1]。"]  # verified before it was shown
    assert "70%" not in final.answer
    assert any("unsupported figure 70%" in flag for flag in final.flags)


def test_repaired_and_localised_answer_is_flagged(analyzer: Analyzer) -> None:
    pieces, final, _ = answer(
        analyzer,
        "What was SenseTime's revenue in 2022?",
        "en",
        "SenseTime's revenue in 2022 was 38亿元 [1]. It had 2.7 thousand GPUs [2].",
    )
    assert final.answer == "SenseTime's revenue in 2022 was RMB 3.8 billion [1]. It had 27,000 GPUs [2]."
    assert "".join(pieces) == final.answer
    assert "corrected 2.7 thousand to 27,000 from [2]" in final.flags


# ---------------------------------------------------------------------------------------------
# Edge cases found while testing: currencies, "more than", small decimals, signs, citations.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Revenue in 2022 was RMB 38 billion [1].",
        "Revenue in 2022 was ¥38 billion [1].",
        "Revenue in 2022 was US$38 billion [1].",
    ],
)
def test_repair_does_not_double_the_currency(analyzer: Analyzer, sentence: str) -> None:
    _, shown = verify(analyzer, sentence, "en")
    assert shown == "Revenue in 2022 was RMB 3.8 billion [1]."


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("The data centres cover 1,500万+ m² [3].", "The data centres cover 15 million+ m² [3]."),  # localised
        ("The data centres cover 1,500 m² [3].", "The data centres cover 15 million+ m² [3]."),  # repaired
        ("The company has 34,000 employees [5].", "The company has 3,400+ employees [5]."),  # repaired
    ],
)
def test_more_than_is_kept_in_english(analyzer: Analyzer, sentence: str, shown: str) -> None:
    _, rendered = verify(analyzer, sentence, "en")
    assert rendered == shown


@pytest.mark.parametrize("sentence", ["SenseCore算力达到6.0+ exaFLOPS[3]。", "SenseCore算力达到6.0 exaFLOPS[3]。"])
def test_small_decimal_figures_are_checked(analyzer: Analyzer, sentence: str) -> None:
    checked, _ = verify(analyzer, sentence)
    assert not checked.ok


@pytest.mark.parametrize(
    ("sentence", "figure"), [("2022年末公司员工2,022人[5]。", "2,022"), ("公司员工1,950人[5]。", "1,950")]
)
def test_comma_grouped_amount_is_not_a_year(analyzer: Analyzer, sentence: str, figure: str) -> None:
    checked, _ = verify(analyzer, sentence)
    assert checked.unsupported == [figure]


def test_negative_amount_after_chinese_text_is_not_the_positive_one(analyzer: Analyzer) -> None:
    checked, _ = verify(analyzer, "2022年商汤营业利润为-38亿元[1]。")
    assert not checked.ok


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("Revenue in 2022 was 人民币38亿元 [1].", "Revenue in 2022 was RMB 3.8 billion [1]."),
        ("Overseas revenue was 38亿美元 [7].", "Overseas revenue was US$3.8 billion [7]."),
    ],
)
def test_currency_words_are_localised(analyzer: Analyzer, sentence: str, shown: str) -> None:
    _, rendered = verify(analyzer, sentence, "en")
    assert rendered == shown


def test_every_supporting_citation_is_kept(analyzer: Analyzer) -> None:
    checked, _ = verify(analyzer, "SenseTime's revenue in 2022 was RMB 3.8 billion [1][6].", "en")
    assert checked.cited == [1, 6]
    assert checked.notes == []


def test_an_answer_to_how_much_that_states_no_figure_falls_back_to_the_passages(analyzer: Analyzer) -> None:
    hits, units = hits_and_units()
    question = "SenseCore有多少块GPU？"
    llm = ScriptedLLM("SenseCore拥有大量GPU[2]。")  # no figure
    *_, final = generate_answer(question, "zh", hits, units, llm, analyzer, Settings(), asks_figure=True)
    assert isinstance(final, Answer) and final.answer.startswith("根据文件")
    assert any("states no figure" in flag for flag in final.flags)
    # a small count with its measure word is a figure to check: 8家 is in no passage
    llm = ScriptedLLM("SenseCore的GPU服务了8家客户[2]。")
    *_, counted = generate_answer(question, "zh", hits, units, llm, analyzer, Settings(), asks_figure=True)
    assert isinstance(counted, Answer) and counted.answer.startswith("根据文件")
    assert any("unsupported figure 8" in flag for flag in counted.flags)
    *_, kept = generate_answer(
        question, "zh", hits, units, ScriptedLLM("SenseCore拥有2.7万块GPU[2]。"), analyzer, Settings()
    )
    assert isinstance(kept, Answer) and "2.7万" in kept.answer and not kept.answer.startswith("根据文件")


@pytest.mark.parametrize(
    ("question", "sentence", "restates"),
    [
        (
            "把业务合作重心转向前装产品的那家全球汽车OEM厂商是哪家？",
            "把业务合作重心转向前装产品的那家全球汽车OEM厂商是全球汽车OEM厂商",
            True,
        ),
        (
            "2022年智慧生活的客户数增长和单客户收入增长哪个更快？",
            "2022年智慧生活的客户数增长和单客户收入增长哪个更快？",
            True,
        ),
        (
            "Which two smartphone chipmakers did SenseTime partner with to run large language models on phones?",
            "SenseTime partnered with two smartphone chipmakers to run large language models on phones",
            True,
        ),
        # one word of its own is an answer; so is a figure
        (
            "与商汤合作研发AI传感器的全球领先传感器公司是哪家？",
            "与商汤合作研发AI传感器的全球领先传感器公司是索尼",
            False,
        ),
        (
            "Which models did InternLM-123B outperform?",
            "InternLM-123B outperformed GPT-3.5-turbo and LLaMA-2-70B",
            False,
        ),
        ("商汤2022年营业收入是多少？", "商汤2022年营业收入是38亿元", False),
    ],
)
def test_a_sentence_that_only_says_the_question_back_is_no_answer(
    analyzer: Analyzer, question: str, sentence: str, restates: bool
) -> None:
    assert Verifier(PASSAGES, "zh", analyzer, question).restates_question(sentence) is restates


def test_an_answer_that_only_restates_the_question_is_a_refusal(analyzer: Analyzer) -> None:
    hits, units = hits_and_units()
    question = "商汤2022年营业收入是多少？"
    llm = ScriptedLLM("商汤2022年营业收入是多少？[1]")
    *_, final = generate_answer(question, "zh", hits, units, llm, analyzer, Settings())
    # as if the model found nothing: the filings do not say, or a strong passage sentence is quoted
    assert isinstance(final, Answer) and (final.abstained or final.answer.startswith("根据文件"))
    assert any("only restates the question" in flag for flag in final.flags)


@pytest.mark.parametrize(
    ("question", "sentence", "language", "ok"),
    [
        ("InternLM的参数量是多少？", "InternLM的参数量是1230亿[1]。", "zh", False),  # InternLM-123B's
        ("InternLM的参数量是多少？", "InternLM的参数量是1040亿[1]。", "zh", True),
        ("How many parameters does InternLM-123B have?", "It has 104 billion parameters [1].", "en", False),
        ("How many parameters does InternLM-123B have?", "It has 123 billion parameters [1].", "en", True),
        ("商汤的参数量是多少？", "参数量为1230亿[1]。", "zh", True),  # no version named: not judged
    ],
)
def test_a_figure_of_another_version_of_the_asked_name_is_misbound(
    analyzer: Analyzer, question: str, sentence: str, language: str, ok: bool
) -> None:
    passages = {1: "8月新模型InternLM-123B完成训练,新模型参数量提升至1230亿。6月,基模型InternLM发布,参数量1040亿。"}
    checked = Verifier(passages, language, analyzer, question).check(sentence)
    assert checked.ok is ok and (ok or checked.misbound)


def test_an_english_sentence_is_backed_by_the_everyday_chinese_words_of_its_passage(analyzer) -> None:
    # no term of the term map, no figure: "headquarters" is found as 总部
    checked, _ = verify(analyzer, "The headquarters is in Shanghai [5].", "en")
    assert checked.cited == [5]
    checked, _ = verify(analyzer, "The headquarters is in Shanghai [4].", "en")
    assert checked.cited == [5]  # the passage that says so, not the one cited


def test_chinese_words_in_an_english_answer_are_written_in_english(analyzer) -> None:
    checked, shown = verify(analyzer, "The headquarters of SenseTime is in Shanghai, with 3,400+员工 [5].", "en")
    assert "员工" not in shown and "3,400+ employee" in shown and checked.cited == [5]
    assert any("in English" in note for note in checked.notes)


@pytest.mark.parametrize(
    ("sentence", "backed"),
    [
        ("与商汤合作的全球领先传感器公司是英伟达[1]。", False),  # a name the passage does not have
        ("与商汤合作的全球领先传感器公司是恩智浦[1]。", False),
        ("商汤与全球领先传感器公司合作研发AI传感器[1]。", True),  # what the passage says
    ],
)
def test_what_an_answer_adds_to_the_question_must_be_in_its_passage(
    analyzer: Analyzer, sentence: str, backed: bool
) -> None:
    """Most of the sentence's words are the question's, and the passage has those: the name the
    answer adds must be the passage's too."""
    passage = {1: "主要由于作为公司与全球领先传感器公司合作其中一环的AI传感器研发工作的贡献增加。"}
    verifier = Verifier(passage, "zh", analyzer, "与商汤合作研发AI传感器的全球领先传感器公司是哪家？")
    assert bool(verifier.check(sentence).cited) == backed
