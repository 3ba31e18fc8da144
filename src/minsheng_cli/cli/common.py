"""What every `minsheng` command shares: the Typer app, the common options, and loading the
plan, the reports and the statuses. Each group of commands lives in its own module beside this.

Commands stay thin. Heavy modules (pydantic, PyYAML, rich tables) are imported inside the
commands that use them, so `minsheng --help` and `--version` start at once.

Exit codes: 0 clean, 1 problems found (or overdue items with --fail-on-overdue), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from minsheng_cli import __version__
from minsheng_cli.problems import UsageError

if TYPE_CHECKING:
    from minsheng_cli.plan import Plan
    from minsheng_cli.progress import Progress
    from minsheng_cli.status import Settings, StatusReport
    from minsheng_cli.views import View

app = typer.Typer(
    help="民生实事进度跟踪 — track a city's yearly livelihood commitments against targets and deadlines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich's help formatter imports more than the commands themselves do.
    rich_markup_mode=None,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ProblemFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


class Grouping(str, Enum):
    category = "category"
    leader = "leader"
    unit = "unit"
    district = "district"


PlanOption = Annotated[Optional[Path], typer.Option("--plan", metavar="FILE", help="计划文件 plan file [默认 data/tasks_YYYY.yaml，或内置的 2025 计划]")]
ProgressOption = Annotated[Optional[Path], typer.Option("--progress", metavar="DIR", help="进度报告目录 progress reports [默认：计划旁的 progress/]")]
YearOption = Annotated[Optional[int], typer.Option("--year", min=2000, max=2100, metavar="YYYY", help="计划年度 plan year [默认 --as-of 所在年度，即今年]")]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="截至日期 as-of date [默认今天]")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 output format")]
ToleranceOption = Annotated[float, typer.Option("--tolerance", min=0, max=100, help="完成度低于序时进度多少个百分点算“进度滞后” behind tolerance, percentage points")]
DueSoonOption = Annotated[int, typer.Option("--due-soon-days", min=0, help="距完成时间几天内标“临期” due-soon window, days")]
StaleOption = Annotated[int, typer.Option("--stale-days", min=0, help="最近填报早于几天标“数据陈旧” stale after, days")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"minsheng {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 show version")] = False,
) -> None:
    """民生实事进度跟踪 — track a city's yearly livelihood commitments (民生实事)."""


def fail(message: str, code: int = 2) -> typer.Exit:
    """Say why the run stops (on stderr) and return the exit to raise: 2 for usage, 1 for problems."""
    typer.echo(f"minsheng: {message}", err=True)
    return typer.Exit(code)


def resolve_as_of(text: str | None) -> dt.date:
    """The --as-of date: today (in China) unless given, in any form a report accepts."""
    from minsheng_cli import values

    if text is None:
        return values.today()
    try:
        return values.parse_date(text)
    except values.ValueProblem as problem:
        raise fail(f"--as-of：{problem.message}（应为 YYYY-MM-DD，如 2025-09-30）") from None


def find_plan(option: Path | None, year: int | None = None, *, exact: bool = False) -> Path:
    """The plan file: --plan if given, else the plan of `year` (`exact`: the user named the
    year, so it must exist; see `paths.default_plan`)."""
    from minsheng_cli.paths import default_plan

    if option is None:
        try:
            return default_plan(year, exact=exact)
        except UsageError as e:
            raise fail(str(e)) from None
    if year is not None and exact:
        raise fail("--plan 与 --year 只能选一个")
    if not option.is_file():
        raise fail(f"计划文件不存在或不是文件：{option}")
    return option


def open_plan(option: Path | None, year: int | None = None, *, exact: bool = False) -> tuple[Path, Plan]:
    """The plan's path and the plan, or exit 1 after printing its problems."""
    from minsheng_cli.plan import load_plan
    from minsheng_cli.reporter import report_text

    path = find_plan(option, year, exact=exact)
    plan, problems = load_plan(path)
    if plan is None:
        report_text(problems, sys.stderr)
        raise fail("计划文件有错误，请先修正（minsheng validate 可查看全部问题）", 1)
    return path, plan


def find_progress(plan_file: Path, option: Path | None) -> Path | None:
    """The folder of reports: --progress if given, else the plan's (None if it has none yet)."""
    from minsheng_cli.paths import progress_folder

    try:
        return progress_folder(plan_file, option)
    except UsageError as e:
        raise fail(str(e)) from None


def open_progress(plan_file: Path, plan: Plan, option: Path | None) -> Progress:
    """Progress from valid reports; reports with errors are left out, with a warning."""
    from minsheng_cli.progress import Progress, load_progress

    folder = find_progress(plan_file, option)
    if folder is None:
        return Progress()
    from minsheng_cli.years import reports_for

    progress, problems = load_progress(plan, reports_for(plan_file, plan.year, folder))
    errors = [p for p in problems if p.is_error]
    if errors:
        files = len({p.path for p in errors})
        command = "minsheng validate" + (f" --progress {option}" if option is not None else "")
        typer.echo(f"注意：{files} 份报告有 {len(errors)} 处错误，出错的报告未计入；运行 {command} 查看详情", err=True)
    return progress


def rules(tolerance: float, due_soon_days: int, stale_days: int) -> Settings:
    from minsheng_cli.status import Settings

    return Settings(tolerance=tolerance / 100, due_soon_days=due_soon_days, stale_days=stale_days)


def open_statuses(
    plan_option: Path | None, progress_option: Path | None, as_of: str | None, tolerance: float, due_soon_days: int, stale_days: int,
    year: int | None = None,
) -> tuple[Plan, StatusReport]:
    """The plan and every item's status: where `status`, `overdue` and `show` all start. The
    plan is --plan's, else --year's, else that of --as-of's year; a past year's plan is read
    at its last day unless --as-of says otherwise, so a closed year shows its final statuses."""
    from minsheng_cli.status import compute_status
    from minsheng_cli.years import year_end

    day = resolve_as_of(as_of)
    plan_file, plan = open_plan(plan_option, year if year is not None else day.year, exact=year is not None)
    if as_of is None and plan.year < day.year:
        day = year_end(plan.year)
        typer.echo(f"注意：{plan.year} 年度已结束，显示截至 {day} 的最终状态（已逾期即年内未完成）；另选日期用 --as-of", err=True)
    progress = open_progress(plan_file, plan, progress_option)
    return plan, compute_status(plan, progress, day, rules(tolerance, due_soon_days, stale_days))


def emit(view: View, fmt: OutputFormat) -> None:
    """Write a command's view to stdout in the chosen format."""
    from minsheng_cli.render import render

    render(view, fmt.value, sys.stdout)
