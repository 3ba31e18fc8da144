"""Several plan years in one repository: each report with its year's plan, every command."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import PLAN_FILE, ROOT, write
from minsheng_cli.repository.years import period_end, report_year, reports_for

FIXTURE = ROOT / "tests" / "data" / "two_years"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository keeping the 2025 and 2026 plans and reports of both years; today is in 2026."""
    text = PLAN_FILE.read_text(encoding="utf-8")
    write(tmp_path / "data" / "tasks_2025.yaml", text)
    write(tmp_path / "data" / "tasks_2026.yaml", text.replace("2025", "2026"))
    shutil.copytree(FIXTURE / "progress", tmp_path / "data" / "progress")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("minsheng_cli.reading.values.today", lambda: dt.date(2026, 5, 1))
    return tmp_path


def status_json(run, *args: str) -> dict:
    result = run("status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    assert "未计入" not in result.stderr
    return json.loads(result.stdout)


def target(data: dict, tid: str) -> dict:
    return next(t for task in data["tasks"] for t in task["targets"] if t["id"] == tid)


def test_the_as_of_year_chooses_the_plan_and_its_reports(run, repo: Path) -> None:
    data = status_json(run, "--as-of", "2025-09-30")
    assert target(data, "1a")["actual"] == 1600 and target(data, "5c")["actual"] == 580000
    data = status_json(run, "--as-of", "2026-03-31")
    assert target(data, "1a")["actual"] == 200 and target(data, "5c")["actual"] is None
    assert data["tasks"][0]["deadline"] == "2026-12-10"


def test_by_default_the_plan_of_today_s_year(run, repo: Path) -> None:
    assert json.loads(run("plan", "--format", "json").stdout)["year"] == 2026
    assert target(status_json(run), "1a")["actual"] == 200


def test_a_closed_year_shows_its_final_statuses_at_its_last_day(run, repo: Path) -> None:
    result = run("status", "--year", "2025", "--format", "json")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-12-31"
    assert "2025 年度已结束" in result.stderr
    statuses = {t["no"]: t["status"] for t in data["tasks"]}
    assert statuses[1] == "done" and statuses[5] == "done" and statuses[2] == "overdue"
    assert data["summary"]["done"] == 2 and data["summary"]["overdue"] == 24


def test_year_for_plan_show_and_overdue(run, repo: Path) -> None:
    assert json.loads(run("plan", "--year", "2025", "--format", "json").stdout)["year"] == 2025
    shown = json.loads(run("show", "1", "--year", "2025", "--format", "json").stdout)
    assert shown["status"] == "done" and shown["done_on"] == "2025-09-30"
    overdue = json.loads(run("overdue", "--year", "2025", "--format", "json").stdout)
    assert 1 not in {t["no"] for t in overdue["tasks"]} and len(overdue["tasks"]) == 24


def test_a_year_without_a_plan_or_two_choices_are_usage_errors(run, repo: Path) -> None:
    result = run("status", "--year", "2027")
    assert result.exit_code == 2 and "没有 2027 年的计划" in result.output and "tasks_2026.yaml" in result.output
    assert run("plan", "--year", "2025", "--plan", "data/tasks_2025.yaml").exit_code == 2


def test_validate_checks_every_year_each_report_with_its_plan(run, repo: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "2 个计划、3 份报告" in result.stderr


def test_validate_names_a_report_of_a_year_without_a_plan(run, repo: Path) -> None:
    write(repo / "data" / "progress" / "2024-12-01_市民政局.yaml", "unit: 市民政局\ndate: 2024-12-01\nvalues:\n  3a: 10\n")
    result = run("validate")
    assert result.exit_code == 1
    assert "data/progress/2024-12-01_市民政局.yaml:2:1: 错误: 报告属于 2024 年" in result.stdout
    assert "[no-plan-for-year]" in result.stdout and "[date-outside-year]" not in result.stdout


def test_a_report_in_another_year_s_folder_is_checked_against_that_year(run, repo: Path) -> None:
    moved = repo / "data" / "progress" / "2026" / "2025-09-30_市卫生健康局.yaml"
    shutil.move(repo / "data" / "progress" / "2025-09-30_市卫生健康局.yaml", moved)
    result = run("validate")
    assert result.exit_code == 1
    assert "data/progress/2026/2025-09-30_市卫生健康局.yaml:3:7: 错误: 报告日期 2025-09-30 不在计划年度 2026 内" in result.stdout


def test_named_files_are_checked_with_their_year_s_plan(run, repo: Path) -> None:
    """As pre-commit passes them: a 2025 and a 2026 report in one commit."""
    new = write(repo / "data" / "progress" / "2026" / "2026-04-30_市卫生健康局.yaml", "unit: 市卫生健康局\ndate: 2026-04-30\nvalues:\n  1a: 150\n")
    old = write(repo / "data" / "progress" / "2025-10-31_市医保局.yaml", "unit: 市医保局\ndate: 2025-10-31\nvalues:\n  5c: 580000\n")
    result = run("validate", str(new.relative_to(repo)), str(old.relative_to(repo)))
    assert result.exit_code == 1
    # The 2026 count went down from March's 200 (2026 history); the 2025 report is clean.
    assert "2026-04-30_市卫生健康局.yaml:4:3: 错误:" in result.stdout and "[count-decreased]" in result.stdout
    assert "2025-10-31" not in result.stdout
    assert "2 个计划、2 份报告" in result.stderr


def test_year_option_validates_one_year(run, repo: Path) -> None:
    result = run("validate", "--year", "2026")
    assert result.exit_code == 0 and "1 个计划、1 份报告" in result.stderr


def test_a_single_year_repository_is_unchanged(run, repo: Path) -> None:
    (repo / "data" / "tasks_2026.yaml").unlink()
    result = run("validate")
    assert result.exit_code == 1
    assert "[date-outside-year]" in result.stdout and "2026/2026-03-31_市卫生健康局.yaml" in result.stdout


@pytest.mark.parametrize(("relative", "text", "expected"), [
    ("2025/r.yaml", "date: 2026-01-01\n", (2025, 0)),
    ("a/2026/b/r.yaml", "", (2026, 0)),
    ("r.yaml", "# 注释\nunit: x\ndate: '2025/6/30'\n", (2025, 3)),
    ("2024-06-30_x.yaml", "unit: x\n", (2024, 0)),
    ("20240630_x.yaml", "unit: x\n", (2024, 0)),
    ("x.yaml", "unit: x\n  date: 2025-01-01\n", (None, 0)),
    ("202406_x.yaml", "unit: x\n", (None, 0)),
])
def test_report_year(tmp_path: Path, relative: str, text: str, expected: tuple) -> None:
    path = write(tmp_path / relative, text)
    assert report_year(path, tmp_path) == expected


def test_reports_for_a_plan_from_elsewhere_are_all_reports(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE / "progress", tmp_path / "progress")
    assert len(reports_for(PLAN_FILE, 2025, tmp_path / "progress")) == 3


def test_forms_records_and_reminders_use_the_plan_of_their_date(run, repo: Path) -> None:
    form = run("form", "市卫生健康局", "--date", "2025-10-31")
    assert form.exit_code == 0, form.output
    assert "data/tasks_2025.yaml" in form.stderr and "date: 2025-10-31" in form.stdout
    assert "data/tasks_2026.yaml" in run("form", "市卫生健康局", "--date", "2026-04-30").stderr
    recorded = run("record", "--unit", "市卫生健康局", "--date", "2025-10-31", "1a=1700")
    assert recorded.exit_code == 0, recorded.output
    assert (repo / "data" / "progress" / "2025-10-31_市卫生健康局.yaml").is_file()
    reminder = run("missing", "--since", "2025-10-01", "--as-of", "2025-10-31")
    assert reminder.exit_code == 0 and "data/tasks_2025.yaml" in reminder.stderr


def test_import_checks_a_form_against_the_plan_of_its_year(run, repo: Path) -> None:
    form = repo / "2025-11-30_市卫生健康局.yaml"
    form.write_text("unit: 市卫生健康局\ndate: 2025-11-30\nvalues:\n  1a: 1800\n", encoding="utf-8")
    result = run("import", str(form))
    assert result.exit_code == 0, result.output
    assert "data/tasks_2025.yaml" in result.stderr
    assert (repo / "data" / "progress" / "2025-11-30_市卫生健康局.yaml").is_file()


@pytest.mark.parametrize(
    ("today", "plan_year", "end"),
    [
        ("2025-11-03", 2025, "2025-10-31"),  # the round of October, done in early November
        ("2025-10-31", 2025, "2025-10-31"),  # a month's last day is its own period end
        ("2025-03-01", 2025, "2025-02-28"),
        ("2024-03-01", 2024, "2024-02-29"),
        ("2026-01-06", 2025, "2025-12-31"),  # December's round, in January
        ("2026-12-03", 2025, "2025-12-31"),  # a closed year: its year-end round
    ],
)
def test_the_period_end_is_the_last_month_end_within_the_plan_year(today: str, plan_year: int, end: str) -> None:
    assert period_end(dt.date.fromisoformat(today), plan_year) == dt.date.fromisoformat(end)
