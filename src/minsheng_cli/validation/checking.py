"""`minsheng validate` in the core: check a plan and its reports, return the problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from minsheng_cli.reading import values
from minsheng_cli.model.adjustments import adjustments_file, is_adjustments_file, load_adjustments
from minsheng_cli.model.candidates import load_candidates
from minsheng_cli.model.congress_files import congress_kind
from minsheng_cli.validation.congress_checks import check_congress_file, own_files
from minsheng_cli.repository.files import temp_files
from minsheng_cli.repository.paths import is_plan_file, plan_year, resolved
from minsheng_cli.repository.office import is_office_file, load_office, office_file
from minsheng_cli.reading.text import display
from minsheng_cli.model.plan import Plan, load_plan
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.model.progress import Progress, load_progress, report_files
from minsheng_cli.engine.rules import Settings, settings_for
from minsheng_cli.engine.status import compute_status
from minsheng_cli.repository.years import report_year, reports_for, reports_without_plan, several_years


@dataclass
class CheckResult:
    problems: list[Problem]
    plans: int
    reports: int
    adjustments: int = 0
    #: Warnings not shown because the plan's `rules: ignore_warnings` names their code, by code.
    silenced: dict[str, int] = field(default_factory=dict)
    #: Files of the people's congress loop checked (candidates, inspections, survey).
    congress: int = 0

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    def failed(self, *, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        """One line; it starts with 检查通过 whenever there is no error, warnings or not."""
        checked = f"{self.plans} 个计划、{self.reports} 份报告" + (f"、{self.adjustments} 个延期文件" if self.adjustments else "")
        checked += f"、{self.congress} 个票决、视察或测评文件" if self.congress else ""
        silenced = sum(self.silenced.values())
        quiet = f"；另有 {silenced} 个警告按计划 rules 的 ignore_warnings 未显示（{'、'.join(sorted(self.silenced))}）" if silenced else ""
        if not self.errors:
            return f"检查通过：{checked}" + (f"；{self.warnings} 个警告（见上）" if self.warnings else "") + quiet
        return f"检查了 {checked}：{self.errors} 个错误，{self.warnings} 个警告" + quiet


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
    named_adjustments = [p for p in given if is_adjustments_file(p)]
    named_congress = [p for p in given if congress_kind(p)]
    named_offices = [p for p in given if is_office_file(p)]
    given = [p for p in given if p not in named_adjustments and p not in named_congress and p not in named_offices]
    plans = [p for p in given if is_plan_file(p) or resolved(p) == resolved(plan_path)]
    reports = [p for p in given if p not in plans]
    plan_named = not files or any(resolved(p) == resolved(plan_path) for p in plans)
    if files and not given:  # only adjustments, the office profile or the congress loop's files named: check them, not the reports
        plan_named = False
    plan, plan_problems = load_plan(plan_path)
    problems = plan_problems if plan_named or plan is None else []
    others = [p for p in plans if resolved(p) != resolved(plan_path)]
    for other in others:
        problems += load_plan(other)[1]
    if plan is None:
        ballots = [p for p in named_congress if congress_kind(p)[0] == "candidates"]  # a ballot needs no plan
        return CheckResult(sorted(problems + [q for p in ballots for q in load_candidates(p)[1]]), 1 + len(others), 0, congress=len(ballots))
    everything = reports_for(plan_path, plan.year, progress_dir)
    if reports:  # named files not already among them (resolving paths only then: it costs)
        seen = {resolved(p) for p in everything}
        everything = everything + [p for p in reports if resolved(p) not in seen]
    today = today or values.today()
    progress, report_problems = load_progress(plan, everything, today=today)
    report_problems += stale_reports(plan, progress, today, settings_for(plan.rules))
    report_problems += evidence_problems(plan_path, progress, whole=plan_named)
    problems += signoff_problems(plan_path, plan, progress, adjustments_file(plan_path, progress_dir, plan.year), named_adjustments, today,
                                 whole=plan_named)
    own = adjustments_file(plan_path, progress_dir, plan.year)
    adjustment_files = named_adjustments + ([own] if plan_named and own.is_file() and resolved(own) not in {resolved(p) for p in named_adjustments} else [])
    for path in adjustment_files:
        problems += load_adjustments(path, plan, today=today)[1]
    named = {p.resolve() for p in named_congress}
    congress_files = named_congress + ([p for p in own_files(plan_path, progress_dir, plan) if p.resolve() not in named] if plan_named else [])
    for path in congress_files:
        problems += check_congress_file(path, plan, today=today)
    problems += office_problems(plan_path, progress_dir, named_offices, everything=plan_named)
    if plan_named:
        count = len(everything)
        report_problems += _temp_files(progress_dir)
    else:
        named = {display(p) for p in reports}
        report_problems = [p for p in report_problems if p.path in named or p.related in named]
        count = len(reports)
    shown, silenced = silence(problems + report_problems, plan.rules.ignore_warnings if plan.rules else None)
    return CheckResult(sorted(shown), 1 + len(others), count, len(adjustment_files), silenced, len(congress_files))


def silence(problems: list[Problem], codes: list[str] | None) -> tuple[list[Problem], dict[str, int]]:
    """The problems to show, and how many warnings of each code in `codes` were held back."""
    if not codes:
        return problems, {}
    shown, silenced = [], {}
    for p in problems:
        if p.severity is Severity.WARNING and p.code in codes:
            silenced[p.code] = silenced.get(p.code, 0) + 1
        else:
            shown.append(p)
    return shown, silenced


def office_problems(plan_path: Path, progress_dir: Path | None, named: list[Path], *, everything: bool) -> list[Problem]:
    """The office profile's problems: the named ones', and the repository's own when all is checked."""
    paths = list(named)
    own = office_file(plan_path, progress_dir)
    if everything and own.is_file() and own.resolve() not in {p.resolve() for p in paths}:
        paths.append(own)
    return [problem for path in paths for problem in load_office(path)[1]]


def check_years(plan_path: Path, progress_dir: Path | None, files: list[Path], *, today: dt.date | None = None) -> CheckResult:
    """`check` for a repository with a plan per year: every year's plan and reports, or (with
    `files`) each named file with the plan of its year. A report of a year with no plan is an
    error, checked against no plan. With one plan this is `check`."""
    plans = several_years(plan_path)
    if plans is None:
        return check(plan_path, progress_dir, files, today=today)
    # The congress loop's files are no reports: each goes with the plan of the year in its name.
    orphans = reports_without_plan(plan_path, progress_dir, [f for f in files if not congress_kind(f)] if files else None)
    groups: dict[int, list[Path]] = {year: [] for year in plans} if not files else {}
    orphaned = {p.path for p in orphans}
    by_file = {resolved(p): year for year, p in plans.items()}
    for path in report_files(files):
        if display(path) in orphaned:
            continue
        year = by_file.get(resolved(path))
        if year is None and congress_kind(path):
            year = congress_kind(path)[1]
        if year is None and not is_plan_file(path):
            year = report_year(path, progress_dir)[0]
        groups.setdefault(year if year in plans else plan_year(plan_path), []).append(path)
    results = [check(plans[year], progress_dir, named, today=today) for year, named in groups.items()]
    problems = [p for result in results for p in result.problems]
    silenced: dict[str, int] = {}
    for result in results:
        for code, n in result.silenced.items():
            silenced[code] = silenced.get(code, 0) + n
    return CheckResult(sorted(problems + orphans), sum(r.plans for r in results), sum(r.reports for r in results) + len(orphaned),
                       sum(r.adjustments for r in results), silenced, sum(r.congress for r in results))


def _temp_files(folder: Path | None) -> list[Problem]:
    """Warnings naming what interrupted writes left among the reports: never read as reports,
    but `git add -A` would commit them."""
    if folder is None or not folder.is_dir():
        return []
    return [Problem(display(path), 0, 0, "stray-temp-file", "中断的写入留下的临时文件，没有作为报告读取",
                    "可以删去，minsheng 下次写入这个文件夹时也会清理；不要提交到 git", severity=Severity.WARNING)
            for path in temp_files(folder)]


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


def evidence_problems(plan_path: Path, progress: Progress, *, whole: bool) -> list[Problem]:
    """Errors for evidence a report names that is missing or fails its hash; with `whole`
    (every report read), warnings for files in the evidence folder no report names."""
    from minsheng_cli.repository.evidence import check_links, repository_root, unreferenced

    root = repository_root(plan_path)
    return check_links(root, progress.evidence) + (unreferenced(root, progress.evidence) if whole else [])


def signoff_problems(plan_path: Path, plan: Plan, progress: Progress, own: Path, named: list[Path], today: dt.date, *,
                     whole: bool) -> list[Problem]:
    """The sign-offs of the adjustments files checked (the named ones; the plan's own too with
    `whole`), judged as of today (a past year's at its last day)."""
    from minsheng_cli.engine.signoffs import judge_signoffs
    from minsheng_cli.model.adjustments import load_signoffs
    from minsheng_cli.repository.evidence import repository_root
    from minsheng_cli.repository.years import year_end

    paths = list(dict.fromkeys([*named, *([own] if whole and own.is_file() else [])]))
    problems = []
    for path in paths:
        placed, _ = load_signoffs(path, plan, today=today)
        if not placed:
            continue
        extensions = load_adjustments(path, plan, today=today)[0]
        judged = judge_signoffs(plan, progress, placed, min(today, year_end(plan.year)), root=repository_root(plan_path),
                                settings=settings_for(plan.rules), extensions=extensions.extensions if extensions else ())
        problems += judged.problems
    return problems
