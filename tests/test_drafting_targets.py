"""Candidate targets found in an item's text: one rule per case."""

from __future__ import annotations

import pytest

from minsheng_cli.setup.draft_targets import extract


def found(text: str) -> list[tuple]:
    return [(c.kind, c.op, c.value, c.unit, c.baseline, c.part_of) for c in extract(text).candidates]


def left(text: str) -> list[str]:
    return [f"{x.text}|{x.reason}" for x in extract(text).leftovers]


@pytest.mark.parametrize(("text", "expected"), [
    ("为至少 1500 名失能老年人提供服务。", [("count", "at_least", 1500, "名", None, None)]),
    ("聘请 19 名专家。", [("count", "at_least", 19, "名", None, None)]),
    ("开展培训超 1000 人次。", [("count", "more_than", 1000, "人次", None, None)]),
    ("服务率超过 40%，管理率达到 65%。", [("rate", "more_than", 40, "%", None, None), ("rate", "at_least", 65, "%", None, None)]),
    ("建有率达到 80%以上。", [("rate", "at_least", 80, "%", None, None)]),
    ("培训 3000 人次以上。", [("count", "at_least", 3000, "人次", None, None)]),
    ("岗位不少于3000个，储备超100个岗位。", [("count", "at_least", 3000, "个", None, None), ("count", "more_than", 100, "个", None, None)]),
])
def test_comparison_words(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("抽检不少于 3.13 万批次。", 31300, "批次"),
    ("快检不少于 33.48 万批次。", 334800, "批次"),
    ("服务超 5 万人次。", 50000, "人次"),
    ("为 1.66 万名孕妇筛查。", 16600, "名"),
    ("居民医保限额 5 千元。", 5000, "元"),
    ("新增 7 万个插座。", 70000, "个"),
])
def test_wan_and_qian_scale_exactly(text: str, value: int, unit: str) -> None:
    ((_, _, got, got_unit, _, _),) = found(text)
    assert (got, got_unit) == (value, unit) and isinstance(got, int)


def test_part_of_after_qizhong_or_han() -> None:
    assert found("新改扩建充电桩 1600 个，其中服务区充电桩 70 个。") == [
        ("count", "at_least", 1600, "个", None, None), ("count", "at_least", 70, "个", None, 0)]
    assert found("完成不少于 3.13 万批次（含农业农村部门 0.9 万批次）食品抽检。")[1][5] == 0
    # A parenthesis about something else, closed before the number, makes no part.
    assert found("孤儿（含感染儿童）标准提高至 2375 元/人月。")[0][5] is None


def test_raised_from_x_to_y_is_a_standard_with_baseline() -> None:
    assert found("限额由原来 56 万元提高至 58 万元。") == [("standard", "at_least", 580000, "元", 560000, None)]
    assert found("经费最低标准从每生每年 6000 元提高至 7000 元。") == [("standard", "at_least", 7000, "元/生/年", 6000, None)]


def test_per_person_units_and_standards() -> None:
    assert found("低保标准为每人每月950元。") == [("standard", "at_least", 950, "元/人/月", None, None)]
    assert found("补贴标准分别为每人每月 220 元、280 元。") == [
        ("standard", "at_least", 220, "元/人/月", None, None), ("standard", "at_least", 280, "元/人/月", None, None)]
    assert found("保障标准统一提高至 2375 元/人月。") == [("standard", "at_least", 2375, "元/人/月", None, None)]
    assert found("检验量达到每千人 6.5 批次。") == [("rate", "at_least", 6.5, "批次/千人", None, None)]


def test_reduction() -> None:
    assert found("重复犯罪率下降 5%。") == [("reduction", "at_least", 5, "%", None, None)]
    assert found("能耗下降 2 个百分点。") == [("reduction", "at_least", 2, "个百分点", None, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("城镇登记失业率控制在3%以内。", ("rate", "at_most", 3, "%")),
    ("失业率控制在 5.5% 以内。", ("rate", "at_most", 5.5, "%")),
    ("事故起数不超过 8 起。", ("count", "at_most", 8, "起")),
    ("收费不高于每人每月 300 元。", ("rate", "at_most", 300, "元/人/月")),
    ("空置率下降到5%以下。", ("rate", "at_most", 5, "%")),
    ("发生率降至 2%。", ("rate", "at_most", 2, "%")),
    ("较大事故低于 1 起。", ("count", "less_than", 1, "起")),
    ("等候时间少于 30 分钟。", ("standard", "less_than", 30, "分钟")),
    ("覆盖率不低于 90%。", ("rate", "at_least", 90, "%")),  # 不低于 is no 低于
    ("培训不少于 30 人次。", ("count", "at_least", 30, "人次")),  # nor 不少于 a 少于
    ("新增就业超过 3000 人。", ("count", "more_than", 3000, "人")),  # 不超过 is read before 超过, not this
])
def test_upper_bounds(text: str, expected: tuple) -> None:
    assert [c[:4] for c in found(text)] == [expected]


def test_an_upper_bound_keeps_both_words_as_evidence() -> None:
    (c,) = extract("城镇登记失业率控制在3%以内。").candidates
    assert (c.word, c.evidence) == ("控制在…以内", "控制在3%以内")


def test_numbers_that_are_no_target_are_listed_with_why() -> None:
    text = "通过线上12355 热线转接或 12345-5 热线，优化已建成的 134 个驿站，实现 65 岁老人服务，每个团队 3-5 人。（牵头单位：团市委）"
    assert found(text) == []
    assert left(text) == [
        "12355 热线|后面不是计量单位", "12345-5|范围或编号，不是可累计的数", "134 个|已有的数量，不是要完成的目标",
        "65 岁老|后面不是计量单位", "3-5|范围或编号，不是可累计的数"]


def test_the_lead_unit_is_not_read() -> None:
    assert extract("办好 260 处服务点。（牵头单位：市12345中心）").leftovers == []
