"""Several plan years in one repository: which plan a report belongs to.

A repository keeps one plan per year, `data/tasks_YYYY.yaml`, and the reports of every year in
`data/progress/`, flat or in year folders (`data/progress/2025/`). A report belongs to the plan
of its year: the year folder it is in, else the year of its `date:`, else the year its file
name starts with. A report whose year cannot be told goes with the plan in use, where its
missing or broken date is reported.

With one plan in the folder every report is checked against it, as in a single-year
repository: a report of another year is then an error of that report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from minsheng_cli.repository.paths import plan_year, plans_in, resolved
from minsheng_cli.reading.text import display
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import report_files

_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
#: The top-level `date:` of a report, read without parsing the YAML: enough to sort reports
#: into years; the report's own check reads the date properly.
_DATE_LINE = re.compile(rb"^date:[ \t]*['\"]?[ \t]*((?:19|20)[0-9]{2})(?![0-9])", re.MULTILINE)
_NAME_START = re.compile(r"((?:19|20)[0-9]{2})(?=[-_.年 ]|[0-9]{4}(?![0-9]))")
_HEAD = 64 * 1024


def report_year(path: Path, folder: Path | None = None) -> tuple[int | None, int]:
    """The year a report belongs to and the line of its `date:` (0 if not from the date)."""
    if folder is not None:
        try:
            parts = resolved(path).relative_to(resolved(folder)).parts[:-1]
        except ValueError:
            parts = ()
        for part in reversed(parts):
            if _YEAR.fullmatch(part):
                return int(part), 0
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError:
        head = b""
    match = _DATE_LINE.search(head)
    if match:
        return int(match.group(1)), head.count(b"\n", 0, match.start()) + 1
    return year_in_name(path.name), 0


def year_in_name(name: str) -> int | None:
    """The year a file's name starts with (`2025-10-31_市教育局.xlsx`, `2025年…`), if any."""
    match = _NAME_START.match(name)
    return int(match.group(1)) if match else None


def several_years(plan_file: Path) -> dict[int, Path] | None:
    """The plans beside `plan_file` by year when there are several and it is one of them, else
    None (a single-year repository, or a plan named from elsewhere)."""
    plans = plans_in(plan_file.parent)
    year = plan_year(plan_file)
    if len(plans) < 2 or year not in plans or resolved(plans[year]) != resolved(plan_file):
        return None
    return plans


def reports_for(plan_file: Path, year: int, folder: Path | None) -> list[Path]:
    """The reports under `folder` that the plan of `year` reads: all of them in a single-year
    repository; with several plans, those of its year and those whose year cannot be told."""
    if folder is None:
        return []
    files = report_files([folder])
    if several_years(plan_file) is None:
        return files
    return [f for f in files if report_year(f, folder)[0] in (year, None)]


def reports_without_plan(plan_file: Path, folder: Path | None, files: list[Path] | None = None) -> list[Problem]:
    """An error for each report (under `folder`, or among `files`) of a year that has no plan,
    when the repository keeps several plans: such a report is checked against none."""
    plans = several_years(plan_file)
    if plans is None:
        return []
    problems = []
    for path in report_files(files if files is not None else [folder] if folder is not None else []):
        if plan_year(path) is not None:
            continue
        year, line = report_year(path, folder)
        if year is not None and year not in plans:
            have = "、".join(str(y) for y in plans)
            problems.append(Problem(
                display(path), max(line, 1), 1, "no-plan-for-year",
                f"报告属于 {year} 年，仓库中没有 {year} 年的计划 tasks_{year}.yaml",
                f"检查报告日期或所在的年份目录；现有计划年度：{have}",
            ))
    return problems


def year_end(year: int) -> dt.date:
    """The last day of a plan year: the date its final statuses are read at."""
    return dt.date(year, 12, 31)


def period_end(today: dt.date, plan_year: int) -> dt.date:
    """The end of the reporting period a month's round is about when no date is given: the
    last month-end on or before `today` (today itself on a month's last day), and no later
    than the plan year's last day, so a closed year's round is its year-end round."""
    last = today if (today + dt.timedelta(days=1)).day == 1 else today.replace(day=1) - dt.timedelta(days=1)
    return min(last, year_end(plan_year))
