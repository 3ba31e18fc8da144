"""`minsheng validate` in the core: check a plan and its reports, return the problems."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli.paths import display
from minsheng_cli.plan import load_plan
from minsheng_cli.problems import Problem, Severity
from minsheng_cli.progress import load_progress, report_files

_PLAN_FILE = re.compile(r"tasks_[0-9]{4}\.ya?ml")


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


def check(plan_path: Path, progress_dir: Path, files: list[Path], *, today: dt.date | None = None) -> CheckResult:
    """Check the plan and reports.

    With no `files`, the plan and every report in `progress_dir`. With `files` (as pre-commit
    passes them), those files, but read together with the reports already in `progress_dir`,
    because a report can only be judged against the history before it; only the named files'
    problems are returned, and the plan's when it has errors or is named.
    """
    given = report_files(files)
    plans = [p for p in given if _PLAN_FILE.fullmatch(p.name)]
    reports = [p for p in given if not _PLAN_FILE.fullmatch(p.name)]
    plan_named = not files or any(p.resolve() == plan_path.resolve() for p in plans)
    plan, plan_problems = load_plan(plan_path)
    problems = plan_problems if plan_named or plan is None else []
    for other in plans:
        if other.resolve() != plan_path.resolve():
            problems += load_plan(other)[1]
    checked_plans = 1 + sum(p.resolve() != plan_path.resolve() for p in plans)
    if plan is None:
        return CheckResult(sorted(problems), checked_plans, 0)
    history = report_files([progress_dir]) if progress_dir.is_dir() else []
    seen = {p.resolve() for p in history}
    everything = history + [p for p in reports if p.resolve() not in seen]
    progress, report_problems = load_progress(plan, everything, today=today)
    if files:
        named = {display(p) for p in reports}
        report_problems = [p for p in report_problems if p.path in named]
        count = len(reports)
    else:
        count = len(everything)
    return CheckResult(sorted(problems + report_problems), checked_plans, count)
