"""Retrieval over the real bundled filings with the real model."""

import pytest

from rag.evaluate.dataset import Item, load_set
from rag.evaluate.scoring import relevant
from rag.text.question import without_format

pytestmark = pytest.mark.slow

QA = load_set(None).items


def evidence_rank(pipeline, item: Item, k: int = 10, mode: str = "hybrid") -> int | None:
    _, hits = pipeline.search(item.asked(), k, mode)
    return next((hit.rank for hit in hits if relevant(item, hit.chunk.doc_id, hit.chunk.text)), None)


@pytest.mark.parametrize(
    "question",
    [
        "商汤2022年营业收入是多少？",
        "What was SenseTime's revenue in 2022?",
        "2023年上半年的毛利率是多少？",
        "How many GPUs does SenseCore have?",
        "How many vehicles entered mass production in 2022?",
    ],
)
def test_the_answering_passage_is_in_the_top_5(bundled, question: str) -> None:
    item = next(item for item in QA if item.question == question)
    rank = evidence_rank(bundled, item)
    assert rank is not None and rank <= 5, f"evidence at rank {rank}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_recall_at_5_over_the_question_set(bundled, language: str) -> None:
    items = [item for item in QA if item.language == language and item.evidence]
    ranks = [evidence_rank(bundled, item) for item in items]
    recall = sum(1 for r in ranks if r and r <= 5) / len(items)
    assert recall >= 0.85, [(i.id, r) for i, r in zip(items, ranks, strict=True) if not r or r > 5]


def test_term_map_bridges_english_questions(bundled) -> None:
    """Without the bilingual term map, English questions lose most of their Chinese evidence."""
    items = [item for item in QA if item.language == "en" and item.evidence]
    with_map = sum(1 for item in items if (evidence_rank(bundled, item, mode="keyword") or 99) <= 5)
    retriever = bundled.retriever
    original = retriever.settings
    retriever.settings = original.model_copy(update={"expand_query": False, "expand_dense": False})
    try:
        without = sum(1 for item in items if (evidence_rank(bundled, item, mode="keyword") or 99) <= 5)
    finally:
        retriever.settings = original
    assert with_map >= without + len(items) // 4


def test_search_reports_all_scores(bundled) -> None:
    _, hits = bundled.search("2023年上半年的毛利率", 3)
    assert [h.rank for h in hits] == [1, 2, 3]
    assert all(h.dense_rank and h.fused > 0 for h in hits)
    assert hits[0].fused >= hits[1].fused >= hits[2].fused


@pytest.mark.parametrize(
    "question",
    [
        "2023年上半年的毛利率是多少？请保留两位小数。",
        "What was the gross margin in H1 2023, rounded to two decimal places?",
    ],
)
def test_answer_format_instructions_are_not_taken_for_missing_topics(bundled, question: str) -> None:
    assert "小数" not in without_format(question) and "decimal" not in without_format(question)
    answer = bundled.ask(question, llm="none")
    assert not answer.abstained and "45.3%" in answer.answer


def test_a_later_year_the_filings_only_forecast_is_not_a_period_they_report(bundled) -> None:
    """The 2023 H1 call says 到24年 … 30%以上 (an outlook): what 2024 revenue *was* is not in the
    filings, what was expected for 2024 is."""
    was = bundled.ask("What was SenseTime's revenue in 2024?", llm="none")
    assert was.abstained and "2024" in was.answer
    expected = bundled.retriever.prepare("商汤预计2024年生成式AI收入占比是多少？")
    assert expected.periods and not bundled.retriever.uncovered_periods(expected, outlooks=True)


def test_a_year_s_年_before_a_noun_is_the_period_s_not_a_missing_term(bundled) -> None:
    # jieba cuts 2022年收入 as 2022 + 年收入, a word the filings never write
    query = bundled.retriever.prepare("智慧商业2022年收入同比变化多少？")
    assert bundled.retriever.missing_terms(query) == []
    assert bundled.retriever.missing_terms(bundled.retriever.prepare("商汤的首席财务官是谁？")) == ["首席财务官"]


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("哪些类型的客户在SenseCore大装置上进行大模型训练？", []),  # 类型: the kind asked for
        ("商汤的总现金储备包括哪些项目？", []),
        ("商汤派发了什么股息？", ["股息"]),  # a term of the trade after a question word is still looked for
        ("商汤的审计师是哪家会计师事务所？", ["会计师事务所", "审计师"]),
    ],
)
def test_the_everyday_word_naming_what_kind_is_asked_is_not_a_missing_term(bundled, question, missing) -> None:
    assert bundled.retriever.missing_terms(bundled.retriever.prepare(question)) == missing


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("商汤智能车舱的DMS包括哪些功能？", ["驾驶身份识别", "疲劳监测", "分心监测", "驾驶员离岗监测"]),
        ("商汤智能车舱的OMS包括哪些功能？", ["遗留物体检测", "猫狗检测", "安全带检测", "智能救援"]),
        # `KEY` / its list / `APP` / its list: APP's caption stands over its own list
        ("商汤智能车舱方案的APP功能有哪些？", ["虚拟伴侣", "绝影智拍", "健康管理", "隔空手势"]),
    ],
)
def test_a_question_for_which_things_there_are_is_answered_with_the_whole_list(bundled, question, items) -> None:
    # the slide lists them one bullet per line, with its caption (DMS) under the list
    answer = bundled.ask(question, llm="none")
    first = answer.answer.splitlines()[1]
    caption = next(word for word in ("DMS", "OMS", "APP") if word in question)
    assert all(item in first for item in items) and first.startswith(f"- {caption}："), first


def test_a_small_figure_with_its_unit_answers_a_how_much_question(bundled) -> None:
    # 5.0+ exaFlops is a figure though it is under 10; "8 家" alone is a small count
    answer = bundled.ask("截至2023年3月28日，商汤的自有算力是多少？", llm="none")
    assert not answer.abstained and "5.0+" in answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("What total offline area do SenseMARS scenarios cover?", "1,500万+ m²"),  # 线下场景覆盖总面积
        ("How long was the intercity highway test that SenseAuto Pilot completed with zero takeovers?", "100公里"),
    ],
)
def test_an_english_question_s_everyday_words_find_the_chinese_sentence(bundled, question, figure) -> None:
    # no term of the term map names "offline", "area" or "highway": the dictionary's Chinese words do
    query = bundled.retriever.prepare(question)
    assert query.everyday and figure in bundled.ask(question, llm="none").answer


@pytest.mark.parametrize(
    "question",
    [
        "2022年商汤的现金循环周期是多少天？",  # only a footnote's formula: 乘以365天 is no figure the filings report
        "What was SenseTime's cash conversion cycle in 2022?",
        "商汤2023年上半年的每股亏损是多少？",  # no per-share figure anywhere (净亏损 is another measure)
        "What was SenseTime's loss per share in H1 2023?",
    ],
)
def test_a_measure_the_filings_state_no_figure_of_is_not_answered_with_another(bundled, question: str) -> None:
    answer = bundled.ask(question, llm="none")
    assert answer.abstained, answer.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a slide's `800万` (new design wins) is unitless beside the write-up's `500多万台`: one measure
        ("智能汽车2023年上半年的新增定点数量与2022年相比如何？", ["800万", "500多万台", "约300万"]),
        ("How did SenseAuto's new design wins in H1 2023 compare with 2022?", ["8 million", "more than 5 million"]),
        (
            "How did the number of cities served by the smart city business change from end-2022 to H1 2023?",
            ["162", "163", "up 1"],
        ),
    ],
)
def test_counts_compared_across_periods_are_computed(bundled, question: str, expected: list[str]) -> None:
    answer = bundled.ask(question, llm="none")
    assert answer.backend == "figures" and all(figure in answer.answer for figure in expected), answer.answer
