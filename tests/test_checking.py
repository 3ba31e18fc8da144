"""What `validate` checks when pre-commit names files, and when it names none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import PLAN_FILE, TODAY, write
from minsheng_cli.validation.checking import check


def report(date: str, value: int, unit: str = "市卫生健康局") -> str:
    return f"unit: {unit}\ndate: {date}\nvalues:\n  1a: {value}\n"


def test_a_named_report_that_repeats_an_existing_one_is_caught(tmp_path: Path) -> None:
    existing = write(tmp_path / "progress" / "b_existing.yaml", report("2025-06-30", 820))
    new = write(tmp_path / "progress" / "a_new.yaml", report("2025-06-30", 830))
    result = check(PLAN_FILE, tmp_path / "progress", [new], today=TODAY)
    assert result.errors == 1 and result.reports == 1
    assert {Path(result.problems[0].path).name, Path(result.problems[0].related).name} == {existing.name, new.name}


def test_a_named_report_lower_than_an_existing_later_one_is_caught(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "later.yaml", report("2025-07-31", 800))
    new = write(tmp_path / "progress" / "earlier.yaml", report("2025-06-30", 820))
    result = check(PLAN_FILE, tmp_path / "progress", [new], today=TODAY)
    assert [p.code for p in result.problems] == ["count-decreased"]


def test_problems_of_files_not_named_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "broken.yaml", "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 1500人\n")
    new = write(tmp_path / "progress" / "fine.yaml", report("2025-07-31", 900))
    assert check(PLAN_FILE, tmp_path / "progress", [new], today=TODAY).problems == []
    assert check(PLAN_FILE, tmp_path / "progress", [], today=TODAY).errors == 1


def test_a_named_plan_is_checked_against_every_report(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "r.yaml", report("2025-06-30", 820))
    plan = write(tmp_path / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8").replace("市卫生健康局", "市卫生健康委"))
    result = check(plan, tmp_path / "progress", [plan], today=TODAY)
    assert [p.code for p in result.problems] == ["unknown-unit"]


def test_nothing_named_checks_the_plan_and_all_reports(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "a.yaml", report("2025-06-30", 820))
    write(tmp_path / "progress" / "b.yaml", report("2025-07-31", 900))
    result = check(PLAN_FILE, tmp_path / "progress", [], today=TODAY)
    assert (result.plans, result.reports, result.problems) == (1, 2, [])
    assert result.summary() == "检查通过：1 个计划、2 份报告"


def test_a_stale_report_is_a_warning_in_the_plan_year(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "old.yaml", report("2025-03-31", 300))
    result = check(PLAN_FILE, tmp_path / "progress", [], today=dt.date(2025, 6, 30))
    assert [(p.code, p.line, p.severity.value) for p in result.problems] == [("stale-report", 4, "warning")]
    assert "第 1 项" in result.problems[0].message and "91 天前" in result.problems[0].message
    assert not result.failed() and result.failed(strict=True)


def test_no_stale_warnings_for_a_past_years_plan(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "old.yaml", report("2025-03-31", 300))
    assert check(PLAN_FILE, tmp_path / "progress", [], today=dt.date(2026, 3, 1)).problems == []


def test_the_stale_warning_is_about_the_figures_the_status_counts(tmp_path: Path) -> None:
    write(tmp_path / "progress" / "lead.yaml", "unit: 市市场监管局\ndate: 2025-03-31\nvalues:\n  9a: 5000\n")
    fresh = write(tmp_path / "progress" / "agri.yaml", "unit: 市农业农村局\ndate: 2025-06-25\nvalues:\n  9b: 3000\n")
    # A fresh figure for one of the item's targets: the item is not stale, and nothing warns.
    assert check(PLAN_FILE, tmp_path / "progress", [], today=dt.date(2025, 6, 30)).problems == []
    write(fresh, "unit: 市农业农村局\ndate: 2025-04-10\nvalues:\n  9b: 3000\n")
    stale = check(PLAN_FILE, tmp_path / "progress", [], today=dt.date(2025, 6, 30)).problems
    # Placed at the newest counted report, whose date the message gives.
    assert [(Path(p.path).name, p.code) for p in stale] == [("agri.yaml", "stale-report")]
    assert "2025-04-10（81 天前，市农业农村局）" in stale[0].message
