"""The bundled 2025 plan against facts read off the source document by hand.

Source: ../shared/seed/000_f38ec3ef43ec3704.txt, 附件2 2025年市十件民生实事任务分解表（共10件，26项）.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from minsheng_cli.model.plan import Plan


def test_ten_projects_twenty_six_items(plan: Plan) -> None:
    assert plan.year == 2025
    assert [c.number for c in plan.categories] == list(range(1, 11))
    assert [t.number for t in plan.tasks] == list(range(1, 27))
    assert [len(c.tasks) for c in plan.categories] == [3, 2, 2, 1, 3, 5, 2, 4, 3, 1]


def test_category_titles(plan: Plan) -> None:
    assert [c.title for c in plan.categories] == [
        "加大老年人关怀服务力度",
        "提升基层医疗服务水平和推进医保服务便捷化",
        "加强青少年心理健康服务",
        "提高困难群众兜底保障和关爱服务水平",
        "强化食品、药品安全监管",
        "推动城乡教育均衡和科普教育创新",
        "因地制宜统筹推进城镇和农村生活污水治理",
        "提供稳定就业保障和温馨暖心服务",
        "深入推进“四好农村路”建设和公共充电设施建设",
        "开展关爱孕产妇、新生儿健康服务",
    ]


def test_items_per_leader(plan: Plan) -> None:
    assert Counter(t.leader for t in plan.tasks) == {"周佩珊": 12, "曹阳": 8, "林健生": 2, "郑晓毅": 2, "夏天": 1, "冯小钢": 1}
    assert plan.task(6).leader == "夏天"
    assert plan.task(15).leader == "冯小钢"
    assert [t.number for t in plan.tasks if t.leader == "林健生"] == [18, 24]
    assert [t.number for t in plan.tasks if t.leader == "郑晓毅"] == [23, 25]


def test_deadlines(plan: Plan) -> None:
    assert Counter(t.deadline for t in plan.tasks) == {
        dt.date(2025, 12, 10): 22,
        dt.date(2025, 9, 30): 2,
        dt.date(2025, 8, 31): 1,
        dt.date(2025, 7, 31): 1,
    }
    assert plan.task(5).deadline == dt.date(2025, 8, 31)
    assert plan.task(7).deadline == dt.date(2025, 7, 31)
    assert {plan.task(13).deadline, plan.task(17).deadline} == {dt.date(2025, 9, 30)}


@pytest.mark.parametrize(
    ("number", "lead"),
    [(1, "市卫生健康局"), (2, "市民政局"), (5, "市医保局"), (6, "团市委"), (7, "市教育局"), (9, "市市场监管局"),
     (15, "市公安局"), (16, "市科协"), (17, "市农业农村局"), (18, "市城市管理综合执法局"), (19, "市人力资源社会保障局"),
     (22, "市总工会"), (23, "市发展改革局"), (24, "市交通运输局"), (25, "市消防救援支队"), (26, "市卫生健康局")],
)
def test_lead_units(plan: Plan, number: int, lead: str) -> None:
    task = plan.task(number)
    assert task.lead_unit == lead
    assert task.units[0] == lead


def test_units_and_persons_in_source_order(plan: Plan) -> None:
    def pairs(n: int) -> list[tuple[str, str]]:
        return [(u, plan.person(u)) for u in plan.task(n).units]

    assert pairs(8) == [
        ("市民政局", "杨蕾"), ("市委组织部", "宋岩"), ("市委社会工作部", "陈军凯"), ("市委老干部局", "谢思敏"),
        ("市财政局", "王远林"), ("市人力资源社会保障局", "文丽"), ("市退役军人事务局", "李广义"),
        ("市总工会", "蔡汉文"), ("市残联", "叶芳华"), ("各县（市、区）政府", "各县（市、区）长"),
    ]
    assert pairs(25) == [
        ("市消防救援支队", "周飞"), ("市工业和信息化局", "李健中"), ("市自然资源局", "刘建新"),
        ("市住房城乡建设局", "江宁进"), ("市应急管理局", "易陟"), ("市城市管理综合执法局", "周志东"),
        ("江门供电局", "赖颖东"), ("各县（市、区）政府", "各县（市、区）长"),
    ]
    assert pairs(16) == [
        ("市科协", "灵君"), ("市科普工作联席会议成员单位", "市科普工作联席会议成员单位主要负责同志"),
        ("江海区政府", "郑丹辉"), ("开平市政府", "陈小曼"),
    ]
    assert pairs(6) == [("团市委", "李金元"), ("市政务和数据局", "元小文"), ("市妇联", "颜海娜")]
    assert [u for u in plan.task(12).units] == ["市教育局", "蓬江区政府", "新会区政府", "台山市政府", "开平市政府", "鹤山市政府", "恩平市政府"]
    assert [u for u in plan.task(4).units] == ["市卫生健康局", "蓬江区政府", "台山市政府", "开平市政府", "鹤山市政府", "恩平市政府"]


def test_names_have_no_alignment_spaces(plan: Plan) -> None:
    assert not [c for c in plan.units.values() if " " in c.person]
    assert {plan.person("市民政局"), plan.person("市人力资源社会保障局"), plan.person("市交通运输局")} == {"杨蕾", "文丽", "王平"}
    assert "曹阳" in {t.leader for t in plan.tasks}


def test_seven_districts(plan: Plan) -> None:
    assert list(plan.districts) == ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"]
    assert plan.all_districts == "各县（市、区）政府"


def test_texts_are_joined_and_end_with_the_lead_unit(plan: Plan) -> None:
    for task in plan.tasks:
        assert "\n" not in task.text
        assert task.text.endswith(f"（牵头单位：{task.lead_unit}）")
    assert plan.task(1).text.startswith("为至少 1500 名失能老年人免费提供健康管理")
    assert "由原来 56 万元提高至 58 万元。" in plan.task(5).text


@pytest.mark.parametrize(
    ("tid", "op", "value", "unit", "kind"),
    [
        ("1a", ">=", 1500, "名", "count"),  # 为至少 1500 名
        ("1b", ">", 40, "%", "rate"),  # 超过 40%
        ("1c", ">=", 65, "%", "rate"),  # 达到 65%
        ("2a", ">=", 2800, "人次", "count"),  # 不少于 2800 人次
        ("2c", ">=", 80, "%", "rate"),  # 达到 80%以上
        ("3a", ">=", 260, "处", "count"),
        ("5a", ">=", 10000, "元", "standard"),  # 职工医保 1 万元
        ("5b", ">=", 5000, "元", "standard"),  # 居民医保 5 千元
        ("5c", ">=", 580000, "元", "standard"),  # 由 56 万元提高至 58 万元
        ("6b", ">", 80, "场次", "count"),  # 超 80 场次
        ("6c", ">", 10000, "人次", "count"),  # 超 1 万人次
        ("7a", ">", 1000, "人次", "count"),  # 超 1000 人次
        ("8a", ">=", 950, "元/人/月", "standard"),
        ("8c", ">=", 2375, "元/人/月", "standard"),
        ("9a", ">=", 31300, "批次", "count"),  # 不少于 3.13 万批次
        ("9b", ">=", 9000, "批次", "count"),  # 含农业农村部门 0.9 万批次
        ("9c", ">=", 6.5, "批次/千人", "rate"),
        ("10a", ">=", 334800, "批次", "count"),  # 33.48 万批次
        ("11b", ">=", 100, "%", "rate"),
        ("14a", ">=", 7000, "元/生/年", "standard"),
        ("14b", ">", 2000, "名", "count"),
        ("15a", ">=", 100, "人", "count"),  # 不低于 100 人
        ("15b", ">=", 5, "%", "reduction"),  # 下降 5%
        ("17a", ">", 50, "个", "count"),
        ("21a", ">=", 3000, "个", "count"),
        ("21b", ">", 100, "个", "count"),
        ("22c", ">", 50000, "人次", "count"),  # 超 5 万人次
        ("23b", ">=", 70, "个", "count"),
        ("24a", ">", 50, "公里", "count"),
        ("25a", ">=", 70000, "个", "count"),  # 7 万个
        ("26a", ">=", 16600, "名", "count"),  # 1.66 万名
        ("26b", ">=", 19700, "名", "count"),  # 1.97 万名
    ],
)
def test_sample_targets(plan: Plan, tid: str, op: str, value: float, unit: str, kind: str) -> None:
    target = plan.targets[tid].target
    assert (target.op, target.value, target.unit, target.kind) == (op, value, unit, kind)


def test_sub_targets_and_baselines(plan: Plan) -> None:
    assert plan.targets["9b"].target.part_of == "9a"
    assert plan.targets["23b"].target.part_of == "23a"
    assert plan.targets["5c"].target.baseline == 560000
    assert plan.targets["14a"].target.baseline == 6000


def test_milestones(plan: Plan) -> None:
    milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
    assert {"2b", "8g", "10b", "20b"} <= milestones
    assert all(plan.targets[t].target.op is None and plan.targets[t].target.value is None for t in milestones)


def test_every_strictly_more_wording_is_more_than(plan: Plan) -> None:
    # The source says 超/超过 nine times; each is a strict comparison.
    assert sorted(tid for tid, ref in plan.targets.items() if ref.target.op == ">") == sorted(
        ["1b", "6b", "6c", "7a", "14b", "17a", "21b", "22c", "24a"]
    )


def test_a_target_is_an_upper_bound_exactly_where_the_source_words_one(plan: Plan) -> None:
    """The 2025 source sets no ceiling: 下降 5% is a fall of at least 5, 最高支付限额达到 1 万元 a
    standard raised to at least that. An item whose text says 以内/不超过/不高于/低于/控制在/降至
    would need an at_most or less_than target."""
    import re

    ceiling = re.compile(r"以内|不超过|不高于|(?<!不)低于|控制在|降至|下降到|[0-9]\s*%?\s*以下")
    worded = {t.number for t in plan.tasks if ceiling.search(t.text)}
    bounded = {t.number for t in plan.tasks if any(g.upper_bound for g in t.targets.values())}
    assert worded == bounded == set()
    assert [tid for tid, ref in plan.targets.items() if ref.target.kind == "reduction"] == ["15b", "15c"]
