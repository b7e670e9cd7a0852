from decimal import Decimal

import pytest

from rag.text.numbers import Quantity, chinese_amount, digits, english_amount, find_quantities, same_amount


def keys(text: str) -> list[str]:
    return [q.key for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("38亿元", "RMB 3.8 billion"),
        ("38 亿元", "3,800 million"),
        ("2.7万块GPU", "27,000 GPUs"),
        ("1,040亿", "104 billion"),
        ("1040亿参数", "104 bn parameters"),
        ("14.33亿元", "1.433 billion"),
        ("0.839亿元", "83.9 million"),
        ("1.6万亿token", "1.6 trillion tokens"),
        ("毛利率67%", "67 percent"),
        ("45.3％", "45.3 per cent"),
    ],
)
def test_same_amount_in_chinese_and_english_units(left: str, right: str) -> None:
    assert keys(left) == keys(right)


def test_different_amounts_differ() -> None:
    assert keys("38亿") != keys("3.8 million")
    assert keys("67%") != keys("67")


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [
        ("5.0+ exaFlops", Decimal("5.0"), "5.0+"),
        ("1,500万+ m²", Decimal("15000000"), "1,500万+"),
        ("3,400+ 研发人员", Decimal("3400"), "3,400+"),
        ("(同比 -19%)", Decimal("-19"), "-19%"),
    ],
)
def test_value_and_span(text: str, value: Decimal, shown: str) -> None:
    [quantity] = find_quantities(text)
    assert quantity.value == value
    assert quantity.text == shown
    assert text[quantity.start : quantity.end] == shown


def test_hyphen_inside_a_name_is_not_a_minus_sign() -> None:
    [quantity] = find_quantities("GPT-3.5-turbo")
    assert quantity.value == Decimal("3.5")


def test_sign_is_ignored_by_the_key() -> None:
    assert keys("-19%") == keys("19%")


# ---------------------------------------------------------------------------------------------
# same_amount, both directions: an answer may restate a passage's figure in any unit, Chinese or
# English, and the passage's figure in turn supports the answer's form.
# ---------------------------------------------------------------------------------------------


def one(text: str) -> Quantity:
    [quantity] = find_quantities(text)
    return quantity


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # 亿 / billion / million
        ("38亿元", "RMB 3.8 billion"),
        ("38亿", "3,800 million"),
        ("38.0亿", "3.8 billion"),
        ("38 亿元", "3.8bn"),
        ("38亿", "3.8 BN"),
        ("14.33亿", "1.433 billion"),
        ("14.33亿", "1,433 million"),
        ("1.433 billion", "1,433 million"),
        ("1,040亿", "104 billion"),
        ("1,040亿", "104,000 million"),
        ("1040亿", "1,040亿"),
        ("166亿元", "16.6 billion"),
        ("0.839亿元", "83.9 million"),
        ("8390万元", "83.9 mn"),
        ("8,390万", "0.839亿"),
        # 万 / 千 / 百万 / thousand, and plain digits
        ("2.7万", "27,000"),
        ("2.7万", "27 thousand"),
        ("2.7万", "27000"),
        ("1万", "10,000"),
        ("0.1万", "1 thousand"),
        ("1.2千", "1,200"),
        ("3百万", "3 million"),
        ("3百万", "3,000,000"),
        ("5千万", "50 million"),
        ("1.6万亿", "1,600 billion"),
        ("1.6万亿", "1.6 tn"),
        ("38.5 mln", "38.5 million"),
        # "more than" figures: the "+" does not change the amount
        ("1,500万+", "15 million+"),
        ("1,500万+", "15,000,000"),
        ("1,500万+", "1500万"),
        ("5.0+", "5"),
        ("5.0+", "5.0"),
        ("3,400+", "3400"),
        # percentages and percentage points
        ("45.3%", "45.3 %"),
        ("45.3%", "45.3％"),
        ("45.3%", "45.3 percent"),
        ("3个百分点", "3 pp"),
        ("67%", "67.0%"),
        # full-width digits (as copied from some filings)
        ("３８亿元", "38亿元"),
        ("３.８ billion", "38亿"),
        ("４５.３％", "45.3%"),
    ],
)
def test_same_amount_both_directions(left: str, right: str) -> None:
    assert same_amount(one(left), one(right))
    assert same_amount(one(right), one(left))


# A figure written with fewer digits than the passage is the passage's figure rounded; the other
# way round it is not: an answer must not state more precision than its source.
@pytest.mark.parametrize(
    ("stated", "source"),
    [
        ("1.43 billion", "14.33亿"),
        ("1.4 billion", "14.33亿"),
        ("14.3亿", "1,433 million"),
        ("RMB 3.8 billion", "37.6亿"),
        ("38亿", "3,759 million"),
        ("84 million", "0.839亿"),
        ("45%", "45.3%"),
        ("27 thousand", "26,800"),
        ("1.04 trillion", "10,432亿"),
    ],
)
def test_rounded_figure_is_supported_by_the_precise_one(stated: str, source: str) -> None:
    assert same_amount(one(stated), one(source))
    assert not same_amount(one(source), one(stated))


@pytest.mark.parametrize(
    ("stated", "source"),
    [
        ("1.44 billion", "14.33亿"),  # off by more than half the last digit
        ("1.5 billion", "14.33亿"),
        ("27,000", "26,800"),  # written to the unit: no tolerance
        ("46%", "45.3%"),
        ("3.9 billion", "38亿"),
    ],
)
def test_rounding_tolerance_is_half_the_last_written_digit(stated: str, source: str) -> None:
    assert not same_amount(one(stated), one(source))


# Same digits, different amounts: the unit mistakes a model makes. None of these may match.
@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("38亿", "38 billion"),
        ("38亿", "38 million"),
        ("3.8亿", "38亿"),
        ("3.8", "38"),
        ("67%", "6.7%"),
        ("19%", "1.9%"),
        ("45.3%", "4.53%"),
        ("67%", "67"),
        ("2.7万", "2,700"),
        ("2.7万", "270,000"),
        ("2.7万", "27"),
        ("1,040亿", "1.04 billion"),
        ("1,040亿", "1,040 billion"),
        ("104 billion", "104亿"),
        ("14.33亿", "14.33 billion"),
        ("1,500万+", "1,500"),
        ("1,500万", "1.5 billion"),
        ("3.8 million", "3.8 billion"),
        ("1.6万亿", "1.6 billion"),
        ("5.0+", "50"),
    ],
)
def test_different_amounts_never_match(left: str, right: str) -> None:
    assert not same_amount(one(left), one(right))
    assert not same_amount(one(right), one(left))


# Decreases: "下降19%" / "down 19%" state the passage's "-19%", and a loss of 38亿 states "-38亿";
# but an amount written negative is not the positive amount.
@pytest.mark.parametrize(
    ("stated", "source"),
    [
        ("下降19%", "同比 -19%"),
        ("down 19%", "(−19%)"),
        ("-19%", "下降19%"),
        ("−19 %", "–19%"),
        ("净亏损38亿元", "净利润 -38亿元"),
        ("a loss of RMB 3.8 billion", "(同比 -38亿)"),
    ],
)
def test_decreases_match_by_magnitude(stated: str, source: str) -> None:
    assert same_amount(one(stated), one(source))


def test_a_negative_amount_is_not_the_positive_amount() -> None:
    assert not same_amount(one("-38亿"), one("38亿"))
    assert not same_amount(one("−3.8 billion"), one("38亿元"))


# Where a figure starts and ends, and its value: the span is what the verifier replaces.
@pytest.mark.parametrize(
    ("text", "value", "shown", "percent"),
    [
        ("数据中心面积1,500万+平方米", Decimal("15000000"), "1,500万+", False),
        ("covers 15 million+ m²", Decimal("15000000"), "15 million+", False),
        ("2.7万块GPU", Decimal("27000"), "2.7万", False),
        ("２.７万块GPU", Decimal("27000"), "２.７万", False),
        ("RMB 3.8 billion.", Decimal("3800000000"), "3.8 billion", False),
        ("US$3.8bn", Decimal("3800000000"), "3.8bn", False),
        ("人民币38 亿元", Decimal("3800000000"), "38 亿", False),
        ("1,040亿参数", Decimal("104000000000"), "1,040亿", False),
        ("1,433 million yuan", Decimal("1433000000"), "1,433 million", False),
        ("毛利率45.3 %。", Decimal("45.3"), "45.3 %", True),
        ("提升3个百分点", Decimal("3"), "3个百分点", True),
        ("营收同比下降19%", Decimal("19"), "19%", True),  # the word, not the number, says "down"
        ("(−19%)", Decimal("-19"), "−19%", True),
        ("净利润 -38亿元", Decimal("-3800000000"), "-38亿", False),
        ("5.0+ EFLOPS", Decimal("5"), "5.0+", False),
    ],
)
def test_span_value_and_kind(text: str, value: Decimal, shown: str, percent: bool) -> None:
    quantity = one(text)
    assert quantity.value == value
    assert quantity.text == shown
    assert text[quantity.start : quantity.end] == shown
    assert quantity.percent is percent


def test_every_number_in_a_sentence_is_found_in_order() -> None:
    text = "2022年营业收入38亿元（同比 -19%），毛利率67%，SenseCore拥有2.7万块GPU。"
    assert [q.text for q in find_quantities(text)] == ["2022", "38亿", "-19%", "67%", "2.7万"]


# digits(): the written significant digits, which the verifier uses to spot a unit mistake.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.33亿", "1433"),
        ("1,433 million", "1433"),
        ("1.433 billion", "1433"),
        ("3,800 million", "38"),
        ("38 billion", "38"),
        ("0.839亿", "839"),
        ("1,500万+", "15"),
        ("5.0+", "5"),
        ("2.7万", "27"),
        ("27,000", "27"),
        ("6.7%", "67"),
    ],
)
def test_digits(text: str, expected: str) -> None:
    assert digits(one(text)) == expected


# english_amount / chinese_amount write a value the way each language does; reading the result
# back gives the same value.
@pytest.mark.parametrize(
    ("value", "english", "chinese"),
    [
        ("3.8E+9", "3.8 billion", "38亿"),
        ("2.7E+4", "27,000", "2.7万"),
        ("1.04E+11", "104 billion", "1040亿"),
        ("1.433E+9", "1.433 billion", "14.33亿"),
        ("8.39E+7", "83.9 million", "8390万"),
        ("1.66E+10", "16.6 billion", "166亿"),
        ("1.6E+12", "1.6 trillion", "1.6万亿"),
        ("1.5E+7", "15 million", "1500万"),
        ("3400", "3,400", "3400"),
        ("5", "5", "5"),
        ("0.5", "0.5", "0.5"),
        ("-3.8E+9", "-3.8 billion", "-38亿"),
    ],
)
def test_amount_written_in_each_language(value: str, english: str, chinese: str) -> None:
    amount = Decimal(value)
    assert english_amount(amount) == english
    assert chinese_amount(amount) == chinese
    assert one(english).value == amount
    assert one(chinese).value == amount


@pytest.mark.parametrize(
    ("text", "value"),
    [("净利润为-38亿元", Decimal("-3800000000")), ("经调整净亏损-3.8 billion", Decimal("-3800000000"))],
)
def test_minus_after_chinese_text(text: str, value: Decimal) -> None:
    assert one(text).value == value
