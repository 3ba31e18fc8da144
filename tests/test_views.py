"""What each command shows, as data: numbers and percentages as users read them."""

from __future__ import annotations

import pytest

from minsheng_cli.views import number, percent


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1500, "1,500"), (38.5, "38.5"), (1234567.5, "1,234,567.5"), (0.000001, "0.000001"), (True, "已完成"), (False, "未完成"), (None, "—")],
)
def test_numbers_are_never_in_scientific_notation(value, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(("ratio", "shown"), [(0.0, "0%"), (0.898, "89%"), (0.99, "99%"), (0.996, "99%"), (1.0, "100%"), (0.29, "29%")])
def test_percentages_round_down(ratio: float, shown: str) -> None:
    assert percent(ratio) == shown
