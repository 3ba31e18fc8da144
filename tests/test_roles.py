"""Who reports what (model/roles.py): each unit's role per target, and one rule stated alike by
the form, the 催报 text and the engine — for a lead, a co-unit with a part, a co-unit without,
and a district with and without a quota."""

from __future__ import annotations

import datetime as dt

import pytest

from breakdown import AS_OF, breakdown_plan, readings
from minsheng_cli.collect.forms import asked_units, build_form
from minsheng_cli.collect.xlsxform import guide_lines
from minsheng_cli.engine.missing import find_missing
from minsheng_cli.model.office import Office
from minsheng_cli.outputs.notices import notice
from minsheng_cli.engine.status import compute_status, task_status
from minsheng_cli.model.progress import Progress
from minsheng_cli.model.roles import RULE_NONE, RULE_PART, RULE_SHARE, RULE_TOTAL, duties_of, duty_of, rule_paragraph, unasked

PLAN = breakdown_plan()


def roles(unit: str) -> dict[str, tuple[str, object]]:
    return {d.target_id: (d.role, d.quota) for d in duties_of(PLAN, unit)}


def test_roles_by_unit() -> None:
    # The lead reports every target of its item, the city-wide 1c included; on item 2 it is a
    # co-unit with no part, so nothing.
    assert roles("市甲局") == {"1a": ("total", None), "1b": ("total", None), "1c": ("total", None)}
    assert roles("市乙局") == {"1b": ("part", None), "2a": ("total", None)}
    assert roles("市丙局") == {} and unasked(PLAN, "市丙局") == [1]
    # A district: its quota on 1a, its own figure of 2a without one; neither 1b (市乙局's part)
    # nor 1c (a level set city-wide).
    assert roles("东区政府") == {"1a": ("share", 50), "2a": ("share", None)}


def test_no_role_for_a_unit_not_responsible() -> None:
    assert duty_of(PLAN, PLAN.targets["2a"], "市丙局") is None


def test_the_forms_rows_name_their_role_and_quota() -> None:
    form = build_form(PLAN, Progress(), "东区政府", AS_OF)
    assert [(line.target_id, line.asks) for line in form.lines] == [
        ("1a", "【本县（市、区）数】任务数 50 个（全市不少于 100 个）"),
        ("2a", "【本县（市、区）数】本单位自己的数（全市超过 20 公里）"),
    ]
    part = build_form(PLAN, Progress(), "市乙局", AS_OF)
    assert [(line.target_id, line.role) for line in part.lines] == [("1b", "配合·报本单位部分"), ("2a", "牵头·报全市数")]
    assert "市丙局" not in asked_units(PLAN)


# Each case: a unit, a target, the words its form uses, what the engine makes of that unit's
# figure when it alone has reported, whether it owes a report while the target is not met.
CASES = [
    ("lead", "市甲局", "1a", RULE_TOTAL, "牵头·报全市数", "total", True),
    ("co-unit with a part", "市乙局", "1b", RULE_PART, "配合·报本单位部分", "part", True),
    ("co-unit without a part", "市丙局", "1a", RULE_NONE.replace("这些事项", "第 1 项"), None, "none", False),
    ("district with a quota", "东区政府", "1a", RULE_SHARE, "本县（市、区）数", "none", True),
    ("district without a quota", "东区政府", "2a", RULE_SHARE, "本县（市、区）数", "none", True),
]


@pytest.mark.parametrize(("case", "unit", "tid", "sentence", "row", "source", "owes"), CASES, ids=[c[0] for c in CASES])
def test_the_forms_rule_is_the_engines(case: str, unit: str, tid: str, sentence: str, row: str | None, source: str, owes: bool) -> None:
    form = build_form(PLAN, Progress(), unit, AS_OF)
    # What the form says: the rule in its 填报说明 and the row's role.
    assert sentence in form.rule and form.rule in guide_lines(form)
    rows = {line.target_id: line.role for line in form.lines}
    assert rows.get(tid) == row
    # What the engine does with that unit's figure, when it alone has reported.
    number = PLAN.targets[tid].task.number
    alone = readings(("2025-06-30", tid, unit, 5))
    figure = next(t for t in task_status(PLAN, PLAN.task(number), alone, AS_OF).targets if t.id == tid)
    assert figure.source == source
    # "报全市数" and "报本单位部分" are exactly the figures that stand for the city.
    assert (figure.actual == 5) == (row in ("牵头·报全市数", "配合·报本单位部分"))
    # With a quota, the unit's own completion; without, none.
    share = next((s for s in figure.shares if s.unit == unit), None)
    if "任务数" in (next((line.asks for line in form.lines if line.target_id == tid), "")):
        assert share is not None and share.ratio == 5 / PLAN.targets[tid].target.quotas[unit]
    elif share is not None:
        assert share.ratio is None
    # Who owes a report: the 催报 list and the form agree, and the reminder states the same rule.
    report = compute_status(PLAN, Progress(), AS_OF)
    missing = find_missing(PLAN, Progress(), report, dt.date(2025, 6, 1))
    owed = {m.unit: m for m in missing.units}
    assert (unit in owed and any(tid in t.targets for t in owed[unit].tasks)) == owes
    if unit in owed:
        assert f"填报分工：{rule_paragraph(PLAN, unit)}" in notice(owed[unit], Office(), dt.date(2025, 6, 1), AS_OF, "f.xlsx")


def test_a_district_that_met_its_quota_owes_no_more_for_it() -> None:
    progress = readings(("2025-06-30", "1a", "东区政府", 50))
    missing = find_missing(PLAN, progress, compute_status(PLAN, progress, AS_OF), dt.date(2025, 7, 1))
    east = next(m for m in missing.units if m.unit == "东区政府")
    assert [t.targets for t in east.tasks] == [("2a",)]


def test_a_no_new_figure_report_clears_the_unit() -> None:
    progress = readings(("2025-06-30", "2a", "东区政府", None), ("2025-06-30", "1a", "东区政府", None))
    missing = find_missing(PLAN, progress, compute_status(PLAN, progress, AS_OF), dt.date(2025, 6, 1))
    assert "东区政府" in missing.expected and "东区政府" not in {m.unit for m in missing.units}


def test_the_guides_and_the_readme_state_the_same_rule() -> None:
    from conftest import ROOT
    from minsheng_cli.engine.cityfigure import PARTIAL_LABEL, SUM_LABEL
    from minsheng_cli.model.roles import ROLE_LABELS

    unit_guide = (ROOT / "docs" / "填报单位指南.md").read_text(encoding="utf-8")
    office_guide = (ROOT / "docs" / "办公室指南.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for label in ROLE_LABELS.values():
        assert f"【{label}】" in unit_guide and label in readme
    for text in (unit_guide, office_guide, readme):
        assert SUM_LABEL in text and PARTIAL_LABEL in text and "本月无新进展" in text
    assert "牵头单位未报全市数" in unit_guide and "牵头单位未报全市数" in readme


def test_a_co_unit_with_a_quota_reports_its_own_part() -> None:
    from minsheng_cli.model.plan import plan_from_document
    from minsheng_cli.model.roles import RULE_UNIT_SHARE
    from minsheng_cli.reading.yamlsource import parse_yaml

    from breakdown import PLAN as TEXT

    text = TEXT.replace("quotas: {东区政府: 50, 西区政府: 30, 南区政府: 20}", "quotas: {东区政府: 40, 西区政府: 30, 南区政府: 20, 市丙局: 10}")
    doc, _ = parse_yaml(text.encode(), "p.yaml")
    plan, problems = plan_from_document(doc)
    assert plan is not None and problems == []
    form = build_form(plan, Progress(), "市丙局", AS_OF)
    assert [(line.target_id, line.asks) for line in form.lines] == [("1a", "【配合·报本单位部分】任务数 10 个（全市不少于 100 个）")]
    assert RULE_UNIT_SHARE in form.rule
    # Its own 10 of 10 is its quota met, never the city's figure.
    t = task_status(plan, plan.task(1), readings(("2025-06-30", "1a", "市丙局", 10)), AS_OF).targets[0]
    assert (t.actual, t.source) == (None, "none")
    assert [(s.place, s.ratio, s.light) for s in t.shares if s.unit == "市丙局"] == [("市丙局", 1.0, "blue")]
