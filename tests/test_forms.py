"""A unit's form as data and as YAML: which targets, what each asks, and that it validates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import TODAY
from minsheng_cli.collect.forms import build_form, reporting_units, requirement, resolve_unit
from minsheng_cli.collect.yamlform import form_yaml
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import UsageError
from minsheng_cli.model.progress import Progress, Reading, load_progress

DATE = dt.date(2025, 10, 31)
#: 市教育局 leads items 7, 12, 13 and 14; it co-handles 15 with no part of its own, so 15 is not on its form.
EDUCATION = ["7a", "7b", "12a", "12b", "13a", "13b", "13c", "14a", "14b"]


def test_a_form_lists_every_target_the_unit_may_report(plan: Plan) -> None:
    form = build_form(plan, Progress(), "市教育局", DATE)
    assert (form.unit, form.person, form.date) == ("市教育局", "梁凤琼", DATE)
    assert [line.target_id for line in form.lines] == EDUCATION
    assert form.file_stem == "2025-10-31_市教育局"


def test_a_district_gets_the_items_of_all_districts_without_city_wide_levels(plan: Plan) -> None:
    form = build_form(plan, Progress(), "台山市政府", DATE)
    items = {line.task for line in form.lines}
    shared = {t.number for t in plan.tasks if plan.all_districts in t.units}
    named = {t.number for t in plan.tasks if "台山市政府" in t.units}
    # Item 5 is three 医保 limits set city-wide: nothing for a district to report.
    assert items == (shared | named) - {5} and 1 in shared and 4 in named
    ids = {line.target_id for line in form.lines}
    assert not ids & {"5a", "5b", "5c", "8a", "8b", "8c", "8d", "8e", "14a"}
    # 9b is 市农业农村局's part: a district reports its own 9a, not 9b.
    assert "9a" in ids and "9b" not in ids
    assert all(line.role == "本县（市、区）数" for line in form.lines)
    (quota,) = [line for line in form.lines if line.target_id == "13a"]
    assert (quota.quota, quota.asks) == (1, "【本县（市、区）数】任务数 1 所（全市不少于 7 所）")


def test_reporting_units_are_each_district_never_the_group(plan: Plan) -> None:
    units = reporting_units(plan)
    assert "各县（市、区）政府" not in units
    assert set(plan.districts.values()) <= set(units)
    assert units[0] == "市卫生健康局" and len(units) == 40


@pytest.mark.parametrize(
    ("name", "message"),
    [("市教育", "是否想写 `市教育局`"), ("各县（市、区）政府", "统称"), ("市财政", "市财政局")],
)
def test_an_unknown_unit_is_a_usage_error_with_a_hint(plan: Plan, name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        resolve_unit(plan, name)


def test_requirements_in_words(plan: Plan) -> None:
    targets = plan.targets
    assert requirement(targets["7a"].target) == "超过 1000 人次"
    assert requirement(targets["15b"].target) == "不少于 5%"
    assert requirement(targets["13c"].target) == "完成"


def test_upper_bounds_in_words() -> None:
    from minsheng_cli.model.plan import Target
    from minsheng_cli.outputs.views import target_requirement

    at_most = Target(name="失业率", kind="rate", at_most=3, unit="%")
    less_than = Target(name="等候", kind="standard", less_than=30, unit="分钟")
    assert (requirement(at_most), requirement(less_than)) == ("不超过 3%", "低于 30 分钟")
    assert (target_requirement(at_most), target_requirement(less_than)) == ("不超过 3%", "低于 30 分钟")


def test_the_yaml_form_comments_each_target_with_last_value(plan: Plan) -> None:
    progress = Progress({"7a": [Reading(dt.date(2025, 7, 31), "7a", "市教育局", 1000), Reading(dt.date(2025, 8, 31), "7a", "市卫生健康局", 1500)]})
    text = form_yaml(build_form(plan, progress, "市教育局", DATE))
    assert "unit: 市教育局\ndate: 2025-10-31\nreporter:        # 填报人\n" in text
    assert "values:\n  # 第 7 项 维护青少年心理健康（完成时间 2025-07-31）\n" in text
    assert "  # 7a 心理健康教师培训：【牵头·报全市数】超过 1000 人次；填累计值；上次 1000（2025-07-31）\n  7a:\n" in text
    assert "  # 13c 保障上述幼儿园正常运转：【牵头·报全市数】完成；填 true（已完成）或 false（未完成）；此前未填报\n  13c:\n" in text


def _check(plan: Plan, folder: Path, text: str):
    (folder / "2025-10-31_市教育局.yaml").write_text(text, encoding="utf-8")
    return load_progress(plan, [folder], today=TODAY)


def test_the_unfilled_form_validates_and_reports_nothing(plan: Plan, tmp_path: Path) -> None:
    progress, problems = _check(plan, tmp_path, form_yaml(build_form(plan, Progress(), "市教育局", DATE)))
    assert problems == [] and progress.readings == {} and progress.reports == 1


def test_a_half_filled_form_reports_what_was_filled(plan: Plan, tmp_path: Path) -> None:
    text = form_yaml(build_form(plan, Progress(), "市教育局", DATE))
    text = text.replace("  7a:\n", "  7a: 1001\n").replace("  13c:\n", "  13c: true\n")
    progress, problems = _check(plan, tmp_path, text)
    assert problems == []
    assert {tid: [r.value for r in rs] for tid, rs in progress.readings.items()} == {"7a": [1001], "13c": [True]}


def test_an_editor_checking_the_schema_accepts_the_unfilled_form(plan: Plan) -> None:
    import jsonschema
    import yaml

    from minsheng_cli.model.schemas import schema_of

    data = yaml.safe_load(form_yaml(build_form(plan, Progress(), "市教育局", DATE)))
    data["date"] = str(data["date"])
    assert data["values"]["7a"] is None
    jsonschema.validate(data, schema_of("progress"))
