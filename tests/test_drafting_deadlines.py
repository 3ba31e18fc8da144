"""Deadline words read as dates in the plan's year: one case per form offices write."""

from __future__ import annotations

import datetime as dt

import pytest

from minsheng_cli.setup.draft_deadlines import read_deadline


@pytest.mark.parametrize(("cell", "date", "exact"), [
    ("12 月 10 日", dt.date(2026, 12, 10), True),
    ("2026-12-10", dt.date(2026, 12, 10), True),
    ("2026年12月10日", dt.date(2026, 12, 10), True),
    ("12月底前", dt.date(2026, 12, 31), False),
    ("年底前", dt.date(2026, 12, 31), False),
    ("年内", dt.date(2026, 12, 31), False),
    ("6月底前完成", dt.date(2026, 6, 30), False),
    ("2 月底", dt.date(2026, 2, 28), False),
    ("9月投入使用", dt.date(2026, 9, 30), False),
    ("第三季度", dt.date(2026, 9, 30), False),
    ("一季度", dt.date(2026, 3, 31), False),
    ("第4季度", dt.date(2026, 12, 31), False),
    ("上半年", dt.date(2026, 6, 30), False),
    ("下半年", dt.date(2026, 12, 31), False),
    ("2026年10月", dt.date(2026, 10, 31), False),
    ("十一月底前", dt.date(2026, 11, 30), False),
    ("6月上旬", dt.date(2026, 6, 10), False),
    ("6月中旬", dt.date(2026, 6, 20), False),
    ("6月下旬", dt.date(2026, 6, 30), False),
    ("7月前", dt.date(2026, 6, 30), False),  # before July begins
    ("2027年底", dt.date(2027, 12, 31), False),  # another year: the draft marks it
])
def test_deadline_words(cell: str, date: dt.date, exact: bool) -> None:
    (found,), unread = read_deadline(cell, 2026)
    assert (found.date, found.exact, found.node, found.words, unread) == (date, exact, "", cell, [])


def test_a_node_and_the_completion_in_one_cell() -> None:
    found, _ = read_deadline("5月底前动工，12月底前建成", 2026)
    assert [(d.date, d.node) for d in found] == [(dt.date(2026, 5, 31), "动工"), (dt.date(2026, 12, 31), "")]
    (start,), _ = read_deadline("3月启动", 2026)
    assert start.node == "启动"


def test_words_that_are_no_date() -> None:
    assert read_deadline("2 月 30 日", 2026) == ([], ["2 月 30 日"])
    assert read_deadline("按计划推进", 2026) == ([], [])
    assert read_deadline("", 2026) == ([], [])
