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
