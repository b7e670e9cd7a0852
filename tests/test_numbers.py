from decimal import Decimal

import pytest

from rag.text.numbers import find_quantities


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
