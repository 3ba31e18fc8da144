"""延期: where extensions are kept, when they count, and what every output shows.

Item 1 of the warning plan is due 2025-04-11.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from earlywarning import WARNING_PLAN, d, readings, report, warning_plan
from conftest import csv_rows, write
from minsheng_cli.model.adjustments import Extension, adjustments_file, load_adjustments, rulings
from minsheng_cli.engine.rules import Settings
from minsheng_cli.engine.status import task_status

NO_ESCALATION = Settings(escalation_months=12)


def ext(approved: str, deadline: str = "2025-05-31", task: int = 1) -> Extension:
    return Extension(task=task, deadline=d(deadline), approved=d(approved), document="督办函〔2025〕1号", reason="场地调整")


def test_approved_on_the_deadline_day_counts_one_day_after_does_not() -> None:
    task = warning_plan().task(1)
    [on_time], deadline = rulings(task, [ext("2025-04-11")], d("2025-06-30"))
    assert on_time.counts and deadline == d("2025-05-31")
    [late], deadline = rulings(task, [ext("2025-04-12")], d("2025-06-30"))
    assert not late.counts and late.before == d("2025-04-11") and deadline == d("2025-04-11")


def test_an_extension_is_unknown_before_its_approval() -> None:
    task = warning_plan().task(1)
    assert rulings(task, [ext("2025-04-01")], d("2025-03-31")) == ((), d("2025-04-11"))


def test_a_second_extension_counts_against_the_first_ones_date() -> None:
    task = warning_plan().task(1)
    first, second, third = ext("2025-04-01", "2025-05-31"), ext("2025-05-31", "2025-06-30"), ext("2025-07-01", "2025-08-31")
    judged, deadline = rulings(task, [third, second, first], d("2025-12-31"))
    assert [r.counts for r in judged] == [True, True, False] and deadline == d("2025-06-30")


def test_statuses_use_the_deadline_in_force() -> None:
    plan = warning_plan()
    task = plan.task(1)
    done_in_may = readings(("2025-05-20", "1a", 100))
    on_time = task_status(plan, task, done_in_may, d("2025-06-30"), NO_ESCALATION, [ext("2025-04-11")])
    assert (on_time.status, on_time.deadline, on_time.light) == ("done", d("2025-05-31"), "blue")
    late = task_status(plan, task, done_in_may, d("2025-06-30"), NO_ESCALATION, [ext("2025-04-12")])
    assert (late.status, late.deadline) == ("done_late", d("2025-04-11"))
    # Not done by 06-30: 30 days past the new deadline, not 80 past the original.
    nothing = task_status(plan, task, readings(("2025-03-01", "1a", 50)), d("2025-06-30"), NO_ESCALATION, [ext("2025-04-11")])
    assert (nothing.status, nothing.days_overdue) == ("overdue", 30)
    # 序时 runs to the new deadline: day 60 of 150.
    assert task_status(plan, task, readings(), d("2025-04-20"), NO_ESCALATION, [ext("2025-04-11")]).expected == pytest.approx(109 / 150)


ADJUSTMENTS = """year: 2025
note: 测试用
extensions:
  - task: 1
    deadline: 2025-05-31
    approved: 2025-04-12
    document: 督办函〔2025〕1号
    reason: 场地调整
"""


def _problems(tmp_path: Path, text: str) -> list:
    path = write(tmp_path / "adjustments_2025.yaml", text)
    return load_adjustments(path, warning_plan(), today=d("2026-01-15"))[1]


def test_a_late_extension_is_recorded_with_a_warning_at_its_line(tmp_path: Path) -> None:
    adjustments, problems = load_adjustments(write(tmp_path / "adjustments_2025.yaml", ADJUSTMENTS), warning_plan(), today=d("2026-01-15"))
    assert adjustments is not None and len(adjustments.extensions) == 1
    [warning] = problems
    assert (warning.code, warning.line, warning.is_error) == ("late-extension", 6, False)


@pytest.mark.parametrize(("change", "code", "line"), [
    (("task: 1", "task: 9"), "unknown-task", 4),
    (("deadline: 2025-05-31", "deadline: 2025-04-01"), "not-later", 5),
    (("approved: 2025-04-12", "approved: 2026-02-01"), "future-date", 6),
    (("year: 2025", "year: 2024"), "wrong-year", 1),
    (("reason:", "reasn:"), "unknown-field", 8),
    (("approved: 2025-04-12", "approved: 2025-13-01"), "bad-date", 6),
])
def test_mistakes_are_named_at_their_line(tmp_path: Path, change: tuple[str, str], code: str, line: int) -> None:
    problems = _problems(tmp_path, ADJUSTMENTS.replace(*change))
    assert (code, line) in {(p.code, p.line) for p in problems if p.is_error}, problems


def test_the_file_sits_beside_the_progress_folder() -> None:
    assert adjustments_file(Path("data/tasks_2025.yaml"), Path("data/progress"), 2025) == Path("data/adjustments_2025.yaml")
    assert adjustments_file(Path("x/tasks_2025.yaml"), None, 2025) == Path("x/adjustments_2025.yaml")


def _setup(tmp_path: Path, approved: str) -> tuple[str, ...]:
    write(tmp_path / "adjustments_2025.yaml", ADJUSTMENTS.replace("2025-04-12", approved))
    write(tmp_path / "progress" / "r.yaml", report("2025-03-01", "甲局", **{"1a": 50}))
    return ("--plan", str(WARNING_PLAN), "--progress", str(tmp_path / "progress"), "--as-of", "2025-04-20")


def test_outputs_show_both_dates(run, tmp_path: Path) -> None:
    args = _setup(tmp_path, "2025-04-10")
    rows = csv_rows(run("status", "--format", "csv", *args).stdout)
    assert (rows[1][rows[0].index("完成时间")], rows[1][rows[0].index("延期至")]) == ("2025-04-11", "2025-05-31")
    item = json.loads(run("status", "--format", "json", *args).stdout)["tasks"][0]
    assert (item["deadline"], item["original_deadline"], item["status"]) == ("2025-05-31", "2025-04-11", "behind")
    assert item["extensions"] == [{"deadline": "2025-05-31", "approved": "2025-04-10", "document": "督办函〔2025〕1号",
                                   "reason": "场地调整", "counts": True, "before": "2025-04-11"}]
    show = run("show", "1", *args).output
    assert "完成时间：原定 2025-04-11，延期至 2025-05-31" in show
    assert "延期：原定 2025-04-11，延期至 2025-05-31（督办函〔2025〕1号，2025-04-10 批准：场地调整）已计入" in show


def test_a_late_extension_is_shown_but_the_item_is_judged_by_the_original_date(run, tmp_path: Path) -> None:
    args = _setup(tmp_path, "2025-04-12")
    item = json.loads(run("status", "--format", "json", *args).stdout)["tasks"][0]
    assert (item["status"], item["deadline"], item["days_overdue"]) == ("overdue", "2025-04-11", 9)
    assert item["extensions"][0]["counts"] is False
    assert "不计入，仍按原定时间考核" in run("show", "1", *args).output


def test_validate_checks_the_file_and_a_broken_one_stops_status(run, tmp_path: Path) -> None:
    args = _setup(tmp_path, "2025-04-12")
    result = run("validate", *args[:4])
    assert "adjustments_2025.yaml:6:15: 警告" in result.output and "1 个延期文件" in result.output
    write(tmp_path / "adjustments_2025.yaml", ADJUSTMENTS.replace("task: 1", "task: 9"))
    result = run("validate", *args[:4])
    assert result.exit_code == 1 and "adjustments_2025.yaml:4:11: 错误: 计划中没有第 9 项" in result.output
    # Named alone, as pre-commit passes it: checked as adjustments, not read as a report.
    named = run("validate", *args[:4], str(tmp_path / "adjustments_2025.yaml"))
    assert named.exit_code == 1 and "unknown-task" in named.output and "report" not in named.output
    stopped = run("status", *args)
    assert stopped.exit_code == 1 and "延期文件有错误" in stopped.output


def test_the_status_table_says_deadlines_were_moved(run, tmp_path: Path) -> None:
    out = run("status", *_setup(tmp_path, "2025-04-10")).stdout
    assert "第 1 项经批准延期，按延期后的完成时间考核（完成时间栏注明原定日期）" in out
    assert "第 1 项的延期批准晚于完成时间，不计入" in run("status", *_setup(tmp_path, "2025-04-12")).stdout


def test_month_ends_are_judged_against_the_deadline_in_force_then() -> None:
    plan = warning_plan()
    task = plan.task(1)
    sixty = readings(("2025-03-01", "1a", 60))
    # Past 04-11 and not done at the end of April and May: 连续滞后.
    assert "persistently_behind" in task_status(plan, task, sixty, d("2025-05-31")).flags
    # Extended on 04-10 to 06-30: at 04-30 序时 is 119/180 = 66%, 60% is 6 points below; not behind.
    extended = task_status(plan, task, sixty, d("2025-05-31"), Settings(), [ext("2025-04-10", "2025-06-30")])
    assert extended.status == "behind" and "persistently_behind" not in extended.flags
