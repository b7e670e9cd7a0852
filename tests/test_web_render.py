"""What the web page shows, without a browser: citation links, sources with highlights, notes."""

from __future__ import annotations

import re

from rag.answer.result import Answer, Citation
from rag.web.render import answer_markdown, answer_notes, failure_note, rewritten_note, sources_html

PASSAGE = "收入实现14.33亿元。\n\n\n毛利率为45.3%。<b>"


def citation(n: int = 1, support: list[tuple[int, int]] | None = None) -> Citation:
    return Citation(
        n,
        "sensetime-2023-h1",
        "sensetime-2023-h1#004",
        PASSAGE,
        0.0325,
        "SenseTime 2023 H1",
        "Profitability",
        None,
        120,
        150,
        "2023H1",
        support or [],
        {"dense": 0.9, "keyword": 7.5, "fused": 0.0325, "dense_rank": 2, "keyword_rank": 1},
    )


SUPPORT = (PASSAGE.index("毛利率"), PASSAGE.index("<b>"))


def answer(text: str = "毛利率为45.3%[1]。", **changes) -> Answer:
    result = Answer("q", text, "zh", False, [citation(support=[SUPPORT])], "local", "m")
    for name, value in changes.items():
        setattr(result, name, value)
    return result


def test_citations_become_links_to_their_turns_sources() -> None:
    html = answer_markdown("Revenue was RMB 1.43 billion [1][2] <script>.", turn=3)
    assert '<a class="cite" href="#source-3-1">[1]</a><a class="cite" href="#source-3-2">[2]</a>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_sources_show_document_period_position_scores_and_the_supporting_sentence() -> None:
    html = sources_html(answer(), turn=2, opened=1)
    assert '<details class="source" id="source-2-1" open>' in html
    assert "sensetime-2023-h1 · 2023H1 · chars 120–150 · Profitability" in html
    assert "fused 0.0325 · dense 0.900 (#2) · keyword 7.50 (#1)" in html
    assert "<mark>毛利率为45.3%。</mark>&lt;b&gt;" in html
    assert "\n\n" not in html  # slide blank lines closed up
    assert "<h3>来源</h3>" in html


def test_the_first_source_is_unfolded_unless_another_is_asked_for() -> None:
    two = answer("毛利率为45.3%[1][2]。", citations=[citation(1), citation(2)])
    assert re.findall(r'id="source-0-(\d)"( open)?', sources_html(two, turn=0)) == [("1", " open"), ("2", "")]
    assert re.findall(r'id="source-0-(\d)"( open)?', sources_html(two, 0, opened=2)) == [("1", ""), ("2", " open")]
    assert "Ask a question" in sources_html(None, 0)


def test_abstention_lists_the_nearest_passages() -> None:
    html = sources_html(answer("文件中没有找到……", abstained=True, citations=[], related=[citation()]), 0)
    assert "相关段落（未找到答案）" in html and 'id="source-0-1"' in html


def test_notes_are_in_the_questions_language() -> None:
    down = answer(unavailable="the hosted API at http://x is unreachable")
    assert "模型暂时无法使用（the hosted API at http://x is unreachable）" in answer_notes(down, "")
    down.language = "en"
    assert "The model could not answer (the hosted API" in answer_notes(down, "")
    drafted = answer("From the filings …", rejected_draft="33.3%")
    assert "模型的草稿中有未通过核对的数字（33.3%）" in answer_notes(drafted, "")  # even before anything streamed
    drafted.language = "en"
    assert "had a figure that failed the check (33.3%)" in answer_notes(drafted, "Revenue was 33.3%.")
    overruled = answer("From the filings …")  # the model refused, a passage matched well
    overruled.language = "en"
    assert "The model found no answer" in answer_notes(overruled, "The filings do not mention it.")
    assert answer_notes(answer(), "毛利率为45.3%[1]。") == ""


def test_rewritten_question_is_shown_only_when_rewritten() -> None:
    assert rewritten_note("那2023年上半年呢？", "那2023年上半年呢？") == ""
    note = rewritten_note("那2023年上半年呢？", "商汤2023年上半年营业收入是多少？")
    assert "按上下文理解为: 商汤2023年上半年营业收入是多少？" in note
    assert "Asked as: What was SenseTime's gross margin in 2022?" in rewritten_note(
        "And the gross margin?", "What was SenseTime's gross margin in 2022?"
    )


def test_a_failure_reads_as_one_line_in_the_questions_language() -> None:
    note = failure_note("zh", RuntimeError("index changed <meanwhile>\ntraceback..."))
    assert "出错了，未能回答：index changed &lt;meanwhile&gt;。" in note and "traceback" not in note
    assert "Something went wrong" in failure_note("en", KeyError())
