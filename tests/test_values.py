"""Numbers and dates as office staff type them: read exactly, or refused with a hint."""

from __future__ import annotations

import datetime as dt

import pytest

from minsheng_cli.reading.values import ValueProblem, parse_date, parse_number
from minsheng_cli.reading.yamlsource import Suspect

INT, FLOAT, BOOL = ("tag:yaml.org,2002:" + t for t in ("int", "float", "bool"))


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        (1500, 1500),
        (38.5, 38.5),
        ("１５００", 1500),
        ("1,500", 1500),
        ("1，500", 1500),
        ("12,345,678", 12345678),
        ("3.13万", 31300),
        ("3.13 万", 31300),
        ("0.9万", 9000),
        ("33.48万", 334800),
        ("1.234567万", 12345.67),
        ("0", 0),
    ],
)
def test_accepted_numbers_are_exact(typed: object, number: float) -> None:
    result = parse_number(typed)
    assert result == number
    assert type(result) is type(number)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1500人", "unit-in-value"),
        ("40%", "unit-in-value"),
        (-5, "negative-value"),
        ("-5", "negative-value"),
        (float("nan"), "not-a-number"),
        (float("inf"), "not-a-number"),
        ("NaN", "not-a-number"),
        (None, "empty-value"),
        ("", "empty-value"),
        (True, "not-a-number"),
        ("1,50", "ambiguous-number"),
        ("15,00", "ambiguous-number"),
        ("约 1500", "not-a-number"),
        ("0o17", "ambiguous-number"),
        ("1e3", "ambiguous-number"),
        (Suspect("010", INT), "ambiguous-number"),
        (Suspect("12:30", INT), "ambiguous-number"),
        (Suspect("1_500", INT), "ambiguous-number"),
        (Suspect(".inf", FLOAT), "not-a-number"),
        (Suspect("yes", BOOL), "not-a-number"),
        (Suspect("+15", INT), "plus-sign"),
        (Suspect("+1.5", FLOAT), "plus-sign"),
        ("+15", "plus-sign"),
        ("＋1.5万", "plus-sign"),
        (Suspect(".5", FLOAT), "ambiguous-number"),
        (Suspect("5.", FLOAT), "ambiguous-number"),
        (".5", "ambiguous-number"),
        ("2025-10-31", "date-not-number"),  # a date typed where the figure goes, not 2025 with a unit
        ("2025/10/31", "date-not-number"),
        ("2025年10月31日", "date-not-number"),
        ("10月31日", "date-not-number"),
    ],
)
def test_refused_numbers_have_a_code_and_a_hint(typed: object, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_number(typed)
    assert caught.value.code == code
    assert caught.value.hint


@pytest.mark.parametrize(("typed", "hint"), [(Suspect(".5", FLOAT), "写 0.5"), (Suspect("5.", FLOAT), "写 5"), ("+15", "写 15")])
def test_hint_says_what_to_write(typed: object, hint: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_number(typed)
    assert hint in caught.value.hint


def test_octal_hint_gives_the_decimal_reading() -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_number(Suspect("010", INT))
    assert "写 10" in caught.value.hint


@pytest.mark.parametrize(
    "typed", ["2025-06-30", "2025-6-30", "2025/6/30", "2025.6.30", "2025年6月30日", "２０２５-０６-３０", dt.date(2025, 6, 30)]
)
def test_accepted_dates(typed: object) -> None:
    assert parse_date(typed) == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("typed", "words"),
    [("6月30日", "缺少年份"), ("2025-06-31", "不是存在的日期"), ("下周", "不是可识别的日期"), (dt.datetime(2025, 6, 30, 12), "只写日期"), (None, "日期为空")],
)
def test_refused_dates(typed: object, words: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_date(typed)
    assert words in caught.value.message + caught.value.hint
