"""`minsheng validate` in the core: check a plan and its reports, return the problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli import values
from minsheng_cli.paths import display, is_plan_file
from minsheng_cli.plan import Plan, load_plan
from minsheng_cli.problems import Problem, Severity
from minsheng_cli.progress import Progress, load_progress, report_files
from minsheng_cli.status import Settings, compute_status


@dataclass
class CheckResult:
    problems: list[Problem]
    plans: int
    reports: int

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        checked = f"{self.plans} 个计划、{self.reports} 份报告"
        if not self.problems:
            return f"检查通过：{checked}"
        return f"检查了 {checked}：{self.errors} 个错误，{self.warnings} 个警告"


def check(plan_path: Path, progress_dir: Path | None, files: list[Path], *, today: dt.date | None = None) -> CheckResult:
    """Check the plan and reports.

    With no `files`, the plan and every report in `progress_dir`. With `files` (as pre-commit
    passes them), the files are read together with the reports already in `progress_dir`,
    because a report can only be judged against the history before it. Then the problems
    returned are those of the named files (including a named report repeating or contradicting
    an unnamed one), and the plan's when it has errors; when the plan itself is named, every
    report is checked against it and all problems are returned.
    """
    given = report_files(files)
    plans = [p for p in given if is_plan_file(p) or p.resolve() == plan_path.resolve()]
    reports = [p for p in given if p not in plans]
    plan_named = not files or any(p.resolve() == plan_path.resolve() for p in plans)
    plan, plan_problems = load_plan(plan_path)
    problems = plan_problems if plan_named or plan is None else []
    others = [p for p in plans if p.resolve() != plan_path.resolve()]
    for other in others:
        problems += load_plan(other)[1]
    if plan is None:
        return CheckResult(sorted(problems), 1 + len(others), 0)
    everything = report_files([progress_dir, *reports]) if progress_dir is not None else reports
    today = today or values.today()
    progress, report_problems = load_progress(plan, everything, today=today)
    report_problems += stale_reports(plan, progress, today)
    if plan_named:
        count = len(everything)
    else:
        named = {display(p) for p in reports}
        report_problems = [p for p in report_problems if p.path in named or p.related in named]
        count = len(reports)
    return CheckResult(sorted(problems + report_problems), 1 + len(others), count)


def stale_reports(plan: Plan, progress: Progress, today: dt.date, settings: Settings = Settings()) -> list[Problem]:
    """Warnings for items of this year's plan, not done, whose latest report is older than the
    stale limit, placed at that report so the office knows whom to remind. A past year's plan
    gets none: its reports are history, not late."""
    if today.year != plan.year:
        return []
    warnings = []
    for item in compute_status(plan, progress, today, settings).tasks:
        if "stale" not in item.flags:
            continue
        # The same readings the status counts, so the warning and the flag agree.
        latest = max((t.reading for t in item.targets if t.reading is not None), key=lambda r: r.date)
        days = (today - latest.date).days
        warnings.append(Problem(
            latest.path, latest.line, latest.column, "stale-report",
            f"第 {item.task.number} 项尚未完成，计入进度的最近一次填报是 {latest.date}（{days} 天前，{latest.unit}）",
            f"请督促{item.task.lead_unit}更新进度；超过 {settings.stale_days} 天未更新视为数据陈旧",
            severity=Severity.WARNING,
        ))
    return warnings
