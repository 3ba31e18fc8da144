"""Each kind of plan mistake gives a problem at the exact line, and the plan is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PLAN_FILE, write
from minsheng_cli.model.plan import load_plan
from minsheng_cli.reading.problems import Severity

ORIGINAL = PLAN_FILE.read_text(encoding="utf-8")


def check(tmp_path: Path, old: str, new: str, *, marker: str | None = None) -> tuple[list, int]:
    """Load the real plan with `old` replaced by `new` once; return its problems and the line
    where `marker` (default: `new`) stands in the changed file."""
    assert ORIGINAL.count(old) >= 1, old
    text = ORIGINAL.replace(old, new, 1)
    path = write(tmp_path / "tasks_2025.yaml", text)
    plan, problems = load_plan(path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        assert plan is None
    line = text[: text.index(marker or new.strip().splitlines()[0])].count("\n") + 1
    return errors, line


CASES = [
    # (what, old, new, code)
    ("typo in a key", "        deadline: 2025-08-31", "        deadlne: 2025-08-31", "unknown-field"),
    ("unknown comparison", "1a: {name: 失能老年人免费上门服务, kind: count, at_least: 1500", "1a: {name: 失能老年人免费上门服务, kind: count, atleast: 1500", "unknown-field"),
    ("kind not allowed", "3a: {name: 老年助餐服务点, kind: count", "3a: {name: 老年助餐服务点, kind: counts", "not-allowed"),
    ("number as text", "at_least: 31300, unit: 批次}", "at_least: 3.13万, unit: 批次}", "not-a-number"),
    ("deadline not a date", "        deadline: 2025-07-31", "        deadline: 7月31日", "bad-date"),
    ("duplicate item number", "      - number: 3\n", "      - number: 2\n", "numbering"),
    ("item number gap", "      - number: 26\n", "      - number: 27\n", "numbering"),
    ("lead unit not listed", "        units: [市医保局, 市政务和数据局, 各县（市、区）政府]", "        units: [市政务和数据局, 各县（市、区）政府]", "lead-not-listed"),
    ("text without lead unit", "。（牵头单位：团市委）", "。", "no-lead-unit"),
    ("deadline outside the year", "        deadline: 2025-09-30", "        deadline: 2026-09-30", "deadline-outside-year"),
    ("duplicate target id", "          3a: {name: 老年助餐服务点", "          2a: {name: 老年助餐服务点", "duplicate-target-id"),
    ("target id YAML reads as a number", "          3a: {name: 老年助餐服务点", '          "3.10": {name: 老年助餐服务点', "unsafe-target-id"),
    ("zero value", "kind: count, at_least: 260, unit: 处}", "kind: count, at_least: 0, unit: 处}", "not-positive"),
    ("negative value", "kind: count, at_least: 700, unit: 批次}", "kind: count, at_least: -700, unit: 批次}", "not-positive"),
    ("two comparisons", "kind: count, at_least: 260, unit: 处}", "kind: count, at_least: 260, more_than: 250, unit: 处}", "comparison"),
    ("a floor and a ceiling", "kind: count, at_least: 260, unit: 处}", "kind: count, at_least: 260, at_most: 300, unit: 处}", "comparison"),
    ("negative ceiling", "kind: count, at_least: 260, unit: 处}", "kind: count, at_most: -1, unit: 处}", "not-positive"),
    ("zero strict ceiling", "kind: count, at_least: 260, unit: 处}", "kind: count, less_than: 0, unit: 处}", "not-positive"),
    ("lead field against the text", "        units: [市医保局, 市政务和数据局, 各县（市、区）政府]", "        lead: 市政务和数据局\n        units: [市医保局, 市政务和数据局, 各县（市、区）政府]", "lead-disagrees"),
    ("no comparison", "kind: count, at_least: 260, unit: 处}", "kind: count, unit: 处}", "comparison"),
    ("milestone with a value", "{name: 及时公示快检信息, kind: milestone}", "{name: 及时公示快检信息, kind: milestone, at_least: 1}", "milestone-with-value"),
    ("unknown unit", "        units: [市消防救援支队, 市工业和信息化局,", "        units: [市消防救援支队, 市工信局,", "unknown-unit"),
    ("duplicate key", "        leader: 夏天\n", "        leader: 夏天\n        leader: 夏天\n", "duplicate-key"),
    ("part_of elsewhere", "part_of: 23a}", "part_of: 9a}", "bad-part-of"),
    ("leader missing", "        leader: 冯小钢\n", "", "missing-field"),
]


@pytest.mark.parametrize(("what", "old", "new", "code"), CASES, ids=[c[0] for c in CASES])
def test_plan_mistake_points_at_its_line(tmp_path: Path, what: str, old: str, new: str, code: str) -> None:
    marker = {
        "duplicate key": "        leader: 夏天\n        leader: 夏天",
        "text without lead unit": "跟进重点危机干预个案。",
        "leader missing": "      - number: 15",
        "duplicate item number": "      - number: 2\n        text: 全面健全",
        "part_of elsewhere": "70, unit: 个, part_of: 9a}",
    }.get(what)
    errors, line = check(tmp_path, old, new, marker=marker)
    codes = [(p.code, p.line) for p in errors]
    if what == "duplicate key":
        line += 1  # the second occurrence is the mistake
    if what == "text without lead unit":
        line = ORIGINAL[: ORIGINAL.index("通过线上12355")].count("\n") + 1
    assert (code, line) in codes, codes


def test_unknown_comparison_suggests_the_right_key(tmp_path: Path) -> None:
    errors, _ = check(tmp_path, "kind: count, at_least: 1500", "kind: count, atleast: 1500")
    assert "at_least" in errors[0].hint


def test_all_problems_of_a_file_in_one_run(tmp_path: Path) -> None:
    text = ORIGINAL.replace("      - number: 26\n", "      - number: 28\n").replace("        deadline: 2025-07-31", "        deadline: 2024-07-31")
    plan, problems = load_plan(write(tmp_path / "tasks_2025.yaml", text))
    assert plan is None
    assert {p.code for p in problems} >= {"numbering", "deadline-outside-year"}


def test_the_bundled_plan_is_clean() -> None:
    plan, problems = load_plan(PLAN_FILE)
    assert plan is not None
    assert problems == []


@pytest.mark.parametrize("ceiling", ["at_most: 3", "less_than: 3", "at_most: 0"])
def test_an_upper_bound_is_a_comparison_of_its_own(tmp_path: Path, ceiling: str) -> None:
    errors, _ = check(tmp_path, "kind: count, at_least: 260, unit: 处}", f"kind: rate, {ceiling}, unit: \"%\"}}")
    assert errors == []


def test_a_lead_field_stands_for_the_closing_lead_unit(tmp_path: Path) -> None:
    """A table with a 牵头单位 column: the text stays as the table has it, the lead is a field."""
    old = "跟进重点危机干预个案。（牵头单位：团市委）\n        leader:"
    errors, _ = check(tmp_path, old, "跟进重点危机干预个案。\n        lead: 团市委\n        leader:")
    assert errors == []
    errors, _ = check(tmp_path, old, "跟进重点危机干预个案。\n        lead: 市教育局\n        leader:")
    assert [p.code for p in errors] == ["lead-not-listed"]


# --- 填报分工: reported_by, quotas, city_only -----------------------------------------------

QUOTAS_9A = "9a: {name: 食品抽检, kind: count, at_least: 31300, unit: 批次}"


def _quotas(mapping: str) -> str:
    return f"9a: {{name: 食品抽检, kind: count, at_least: 31300, unit: 批次, quotas: {mapping}}}"


ROLE_CASES = [
    # (what, old, new, code, marker: the text the problem points at)
    ("reported_by a unit not responsible", "part_of: 9a, reported_by: 市农业农村局}", "part_of: 9a, reported_by: 市教育局}", "role-not-responsible", "市教育局}"),
    ("reported_by an unknown unit", "part_of: 9a, reported_by: 市农业农村局}", "part_of: 9a, reported_by: 市农业局}", "unknown-unit", "市农业局}"),
    ("reported_by the lead", "part_of: 9a, reported_by: 市农业农村局}", "part_of: 9a, reported_by: 市市场监管局}", "role-is-lead", "市市场监管局}"),
    ("quota of an unknown unit", QUOTAS_9A, _quotas("{台山市政府: 31000, 台山政府: 300}"), "unknown-unit", "台山政府: 300"),
    ("quota of a unit not responsible", QUOTAS_9A, _quotas("{台山市政府: 31000, 市教育局: 300}"), "role-not-responsible", "市教育局: 300"),
    ("quota for the group name", QUOTAS_9A, _quotas("{各县（市、区）政府: 31300}"), "quota-for-group", "各县（市、区）政府: 31300"),
    ("quotas on a rate", "9c: {name: 食品检验量, kind: rate, at_least: 6.5, unit: 批次/千人}", "9c: {name: 食品检验量, kind: rate, at_least: 6.5, unit: 批次/千人, quotas: {台山市政府: 6.5}}", "quotas-not-count", "quotas: {台山市政府: 6.5}"),
    ("quotas on a city-only target", QUOTAS_9A, "9a: {name: 食品抽检, kind: count, at_least: 31300, unit: 批次, city_only: true, quotas: {台山市政府: 31300}}", "quotas-city-only", "quotas: {台山市政府: 31300}"),
]


@pytest.mark.parametrize(("what", "old", "new", "code", "marker"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_a_role_mistake_points_at_its_line_and_column(run, tmp_path: Path, what: str, old: str, new: str, code: str, marker: str) -> None:
    text = ORIGINAL.replace(old, new, 1)
    path = write(tmp_path / "tasks_2025.yaml", text)
    result = run("validate", "--plan", str(path), "--progress", str(tmp_path))
    assert result.exit_code == 1, result.output
    before = text[: text.index(marker)]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    assert f"tasks_2025.yaml:{line}:{column}: " in result.stdout and f"[{code}]" in result.stdout, result.stdout


def test_quotas_that_do_not_add_up_are_a_warning_with_the_difference(tmp_path: Path) -> None:
    text = ORIGINAL.replace(QUOTAS_9A, _quotas("{台山市政府: 20000, 开平市政府: 11000}"), 1)
    plan, problems = load_plan(write(tmp_path / "tasks_2025.yaml", text))
    assert plan is not None  # a warning: the plan is used
    (warning,) = [p for p in problems if p.code == "quotas-sum"]
    assert warning.severity is Severity.WARNING
    assert warning.message == "`9a` 各单位任务数合计 31000，与全市目标 31300 相差 300（少 300）"
    assert warning.line == text[: text.index("quotas: {台山市政府: 20000")].count("\n") + 1


def test_city_only_defaults_by_kind(plan) -> None:
    assert plan.targets["8a"].target.is_city_only and not plan.targets["8f"].target.is_city_only
    assert not plan.targets["9a"].target.is_city_only


def test_the_real_plan_names_only_the_breakdown_its_source_gives(plan) -> None:
    parts = {tid: ref.target.reported_by for tid, ref in plan.targets.items() if ref.target.reported_by}
    quotas = {tid: ref.target.quotas for tid, ref in plan.targets.items() if ref.target.quotas}
    # 9 含农业农村部门 0.9 万批次; 13 “7 个县（市、区）各 1 所”. Nothing else in the source is broken down.
    assert parts == {"9b": "市农业农村局"}
    assert quotas == {"13a": dict.fromkeys(plan.districts.values(), 1)}
