"""The conversation as a library object: follow-ups made standalone from the turn before, asked in
the language they were typed in, and remembered; what `rag chat`, the web page and `rag eval` use."""

from __future__ import annotations

from rag.answer.result import Answer
from rag.conversation import Conversation
from rag.evaluate.dataset import Item


def test_follow_ups_are_rewritten_against_the_last_turn_and_remembered() -> None:
    conversation = Conversation()
    assert conversation.add("商汤2022年营业收入是多少？").asked == "商汤2022年营业收入是多少？"
    assert conversation.standalone("那2023年上半年呢？") == "商汤2023年上半年营业收入是多少？"
    conversation.add("那2023年上半年呢？")
    assert conversation.last_question == "商汤2023年上半年营业收入是多少？"
    assert conversation.standalone("同比增长多少？") == "商汤2023年上半年营业收入是多少？同比增长多少？"
    conversation.clear()
    assert conversation.last_question is None and conversation.standalone("那2023年上半年呢？") == "那2023年上半年呢？"


def test_the_eval_rewrites_multi_turn_items_as_the_conversation_does() -> None:
    item = Item("m", "en", "multi_turn", "What about Smart Life?", "", [], [], [],
                turns=["2023年上半年智慧商业收入占总收入的比例是多少？", "What about Smart Life?"])  # fmt: skip
    assert item.asked() == "2023年上半年智慧生活收入占总收入的比例是多少？"


def test_a_follow_up_typed_in_english_is_answered_in_english(bundled) -> None:
    conversation = Conversation()
    *_, first = conversation.ask_stream(bundled, "2023年上半年智慧商业收入占总收入的比例是多少？", llm="none")
    events = list(conversation.ask_stream(bundled, "What about Smart Life?", llm="none"))
    answer = events[-1]
    assert isinstance(first, Answer) and isinstance(answer, Answer)
    assert answer.language == "en" and "21.8%" in answer.answer
    assert [turn.asked for turn in conversation.turns][-1] == "2023年上半年智慧生活收入占总收入的比例是多少？"
    assert conversation.turns[-1].answer is answer
