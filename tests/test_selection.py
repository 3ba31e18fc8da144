"""Selections: names checked against the plan, in the words people type."""

from __future__ import annotations

import pytest

from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import UsageError
from minsheng_cli.engine.selection import select


def test_items_and_targets_by_number(plan: Plan) -> None:
    chosen = select(plan, ids=["12", "７", "7a"])
    assert chosen.numbers == (12, 7) and chosen.targets == ("7a",)  # full-width digits read too
    assert not chosen.filters and chosen.describe() == "事项 7a"


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("市教育局", "市教育局"), ("台山市", "台山市政府"), ("台山市政府", "台山市政府"), (" 市 教育局 ", "市教育局")],
)
def test_units_as_people_type_them(plan: Plan, typed: str, unit: str) -> None:
    assert select(plan, units=[typed]).units == (unit,)


def test_statuses_and_flags_in_chinese_or_english(plan: Plan) -> None:
    assert select(plan, statuses=["进度滞后", "behind", "临期"]).statuses == ("behind", "due_soon")


def test_categories_by_number_numeral_or_word(plan: Plan) -> None:
    assert select(plan, categories=["3", "三", "青少年"]).categories == (3,)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("ids", "99", "没有第 99 项"),
        ("ids", "7z", "既不是事项序号，也不是目标编号"),
        ("units", "市教育", "是否想写 `市教育局`"),
        ("leaders", "张三", "本计划的分管市领导"),
        ("statuses", "红色", "可选："),
        ("categories", "服务", "写序号或标题中的词"),  # in six titles: ambiguous
    ],
)
def test_a_name_that_matches_nothing_is_refused_with_a_hint(plan: Plan, field: str, typed: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        select(plan, **{field: [typed]})
