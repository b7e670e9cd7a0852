"""Which sentences of a cited passage are highlighted as supporting the answer, and which
sentences the extractive answer picks when the document's title names the subject."""

from __future__ import annotations

from rag.answer.evidence import best_units, score_units, states_a_figure
from rag.answer.result import Answer, Citation
from rag.answer.support import mark_support
from rag.chunk.chunker import Chunk
from rag.retrieve.hybrid import Hit, Query
from rag.text.analyzer import Analyzer

PASSAGE = (
    "商汤集团 2023年中期业绩。\n收入实现14.33亿元，同比下降1.4%。\n"
    "毛利率由22H1的66.0%下跌至23H1的45.3%。\n生成式AI收入同比增长670%。"
)


def cited(text: str) -> list[str]:
    answer = Answer("q", text, "zh", False, [Citation(1, "d", "d#0", PASSAGE, 0.03)], "local", "m")
    mark_support(answer, Analyzer())
    return [PASSAGE[start:end] for start, end in answer.citations[0].support]


def test_the_sentence_stating_the_answers_figure_is_highlighted() -> None:
    assert cited("2023年上半年毛利率为45.3%[1]。") == ["毛利率由22H1的66.0%下跌至23H1的45.3%。"]


def test_figures_in_other_units_and_languages_are_found() -> None:
    answer = Answer(
        "q", "Revenue was RMB 1.43 billion [1].", "en", False, [Citation(1, "d", "d#0", PASSAGE, 0.03)], "local", "m"
    )
    mark_support(answer, Analyzer())
    assert [PASSAGE[s:e] for s, e in answer.citations[0].support] == ["收入实现14.33亿元，同比下降1.4%。"]


def test_marks_after_the_full_stop_belong_to_the_sentence_before() -> None:
    assert cited("- 生成式AI收入同比增长670%。 [1]") == ["生成式AI收入同比增长670%。"]


def test_a_sentence_without_figures_is_matched_by_its_words() -> None:
    assert cited("生成式AI收入大幅增长[1]。") == ["生成式AI收入同比增长670%。"]


def test_an_uncited_passage_gets_no_highlight() -> None:
    assert cited("毛利率为45.3%。") == []


def test_a_sentence_need_not_repeat_its_documents_title(analyzer: Analyzer) -> None:
    text = "示例科技2024年全年营业收入为12.5亿元，同比增长18%。\n研发投入为3.2亿元，占营业收入的25.6%。"
    chunk = Chunk("x#0", "x", "示例科技 2024 年度业绩公告", "x.md", 0, 0, len(text), None, "", text, text)
    hit = Hit(1, chunk, 0.9, 5.0, 0.03, 1, 1)
    question = "示例科技2024年研发投入是多少？"
    query = Query(question, (), tuple(analyzer.tokens(question)), question)
    common = {"年", "num:2024"}  # in nearly every passage of a 2024 filing: low idf

    def idf(tokens: tuple[str, ...]) -> dict[str, float]:
        return {token: 0.1 if token in common else 1.0 for token in tokens}

    units = score_units([hit], query, analyzer, idf)
    best = best_units(units, 1)[0]
    assert best.text == "研发投入为3.2亿元，占营业收入的25.6%。"
    assert 0 < best.stated < best.score  # on its own words alone it answers less of the question


def test_a_number_written_to_the_cent_is_no_count() -> None:
    # a table's 期末账面价值 30,152,123.50 is money, not how many patents there are
    assert not states_a_figure("专利权及非专利技术：期末账面价值 30,152,123.50", "count")
    assert states_a_figure("专利权及非专利技术：期末账面价值 30,152,123.50")
    assert states_a_figure("累计赋能 / 4个海外城市", "count")


def test_english_stop_words_are_not_stemmed_into_words() -> None:
    assert "doe" not in Analyzer().tokens("How many GPUs does SenseCore have?")


def test_a_whole_list_quoted_highlights_its_items() -> None:
    passage = "KEY\n\n- 刷脸开车门\n- 哨兵模式\n\nAPP\n\n- 虚拟伴侣\n- 绝影智拍\n- 健康管理\n\n智能汽车"
    quoted = "- APP：虚拟伴侣、绝影智拍、健康管理 [1]"
    answer = Answer("q", quoted, "zh", False, [Citation(1, "d", "d#0", passage, 0.03)], "none", None)
    mark_support(answer, Analyzer())
    shown = "".join(passage[start:end] for start, end in answer.citations[0].support)
    assert all(item in shown for item in ("虚拟伴侣", "绝影智拍", "健康管理")) and "刷脸开车门" not in shown
