"""The `minsheng` command line: parse options, call the core, render, exit.

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


def _exit(message: str, code: int = 2) -> typer.Exit:
    """Say why the run stops (on stderr) and return the exit to raise: 2 for usage, 1 for problems."""
    typer.echo(f"minsheng: {message}", err=True)
    return typer.Exit(code)


def _as_of(text: str | None) -> dt.date:
    from minsheng_cli import values

    if text is None:
        return values.today()
    try:
        return values.parse_date(text)  # the same forms a report accepts
    except values.ValueProblem as problem:
        raise _exit(f"--as-of：{problem.message}（应为 YYYY-MM-DD，如 2025-09-30）") from None


def _plan_path(plan: Path | None) -> Path:
    from minsheng_cli.paths import default_plan

    if plan is None:
        try:
            return default_plan()
        except UsageError as e:
            raise _exit(str(e)) from None
    if not plan.is_file():
        raise _exit(f"计划文件不存在或不是文件：{plan}")
    return plan


def _load_plan(plan_option: Path | None) -> tuple[Path, Plan]:
    """The plan, or exit 1 after printing its problems."""
    from minsheng_cli.plan import load_plan
    from minsheng_cli.reporter import report_text

    path = _plan_path(plan_option)
    plan, problems = load_plan(path)
    if plan is None:
        report_text(problems, sys.stderr)
        raise _exit("计划文件有错误，请先修正（minsheng validate 可查看全部问题）", 1)
    return path, plan


def _progress_folder(plan_path: Path, progress_option: Path | None) -> Path | None:
    from minsheng_cli.paths import progress_folder

    try:
        return progress_folder(plan_path, progress_option)
    except UsageError as e:
        raise _exit(str(e)) from None


def _load_progress(plan_path: Path, plan: Plan, progress_option: Path | None) -> Progress:
    """Progress from valid reports; reports with errors are left out, with a warning."""
    from minsheng_cli.progress import Progress, load_progress

    folder = _progress_folder(plan_path, progress_option)
    if folder is None:
        return Progress()
    progress, problems = load_progress(plan, [folder])
    errors = [p for p in problems if p.is_error]
    if errors:
        files = len({p.path for p in errors})
        command = "minsheng validate" + (f" --progress {progress_option}" if progress_option is not None else "")
        typer.echo(f"注意：{files} 份报告有 {len(errors)} 处错误，出错的报告未计入；运行 {command} 查看详情", err=True)
    return progress


def _settings(tolerance: float, due_soon_days: int, stale_days: int) -> Settings:
    from minsheng_cli.status import Settings

    return Settings(tolerance=tolerance / 100, due_soon_days=due_soon_days, stale_days=stale_days)


def _statuses(
    plan_option: Path | None, progress_option: Path | None, as_of: str | None, tolerance: float, due_soon_days: int, stale_days: int
) -> tuple[Plan, StatusReport]:
    """The plan and every item's status: where `status`, `overdue` and `show` all start."""
    from minsheng_cli.status import compute_status

    day = _as_of(as_of)
    plan_path, plan = _load_plan(plan_option)
    progress = _load_progress(plan_path, plan, progress_option)
    return plan, compute_status(plan, progress, day, _settings(tolerance, due_soon_days, stale_days))


def _render(view: View, fmt: OutputFormat) -> None:
    from minsheng_cli.render import render

    render(view, fmt.value, sys.stdout)


@app.command("plan")
def plan_command(plan: PlanOption = None, format: FormatOption = OutputFormat.table) -> None:
    """列出全部事项 — list every item of the plan, grouped by category."""
    from minsheng_cli.views import plan_view

    _, loaded = _load_plan(plan)
    _render(plan_view(loaded), format)


@app.command("show")
def show_command(
    number: Annotated[int, typer.Argument(metavar="N", help="事项序号 item number")],
    plan: PlanOption = None,
    progress: ProgressOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    tolerance: ToleranceOption = 10.0,
    due_soon_days: DueSoonOption = 30,
    stale_days: StaleOption = 45,
) -> None:
    """查看一项的全部信息与进度 — everything about item N: text, units, targets, history, status."""
    from minsheng_cli.views import show_view

    loaded, report = _statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days)
    status = next((s for s in report.tasks if s.task.number == number), None)
    if status is None:
        raise _exit(f"没有第 {number} 项（本计划共 {len(loaded.tasks)} 项）")
    _render(show_view(loaded, status.task, status, report.as_of), format)


@app.command("status")
def status_command(
    by: Annotated[Grouping, typer.Option("--by", help="分组 group rows by")] = Grouping.category,
    plan: PlanOption = None,
    progress: ProgressOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    tolerance: ToleranceOption = 10.0,
    due_soon_days: DueSoonOption = 30,
    stale_days: StaleOption = 45,
) -> None:
    """各项进度 — completion of every item against its targets, 序时进度 and deadline."""
    from minsheng_cli.views import status_view

    loaded, report = _statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days)
    _render(status_view(loaded, report, by.value), format)


@app.command("overdue")
def overdue_command(
    by_unit: Annotated[bool, typer.Option("--by-unit", help="按责任单位分组 group by responsible unit")] = False,
    by_leader: Annotated[bool, typer.Option("--by-leader", help="按分管市领导分组 group by leader")] = False,
    include_behind: Annotated[bool, typer.Option("--include-behind", help="同时列出进度滞后的事项 also list behind items")] = False,
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="有逾期事项时以 1 退出（用于定时 CI） exit 1 if anything is overdue")] = False,
    plan: PlanOption = None,
    progress: ProgressOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    tolerance: ToleranceOption = 10.0,
    due_soon_days: DueSoonOption = 30,
    stale_days: StaleOption = 45,
) -> None:
    """逾期事项及责任人 — overdue items with days past deadline, lead unit, person and leader."""
    from minsheng_cli.views import overdue_view

    if by_unit and by_leader:
        raise _exit("--by-unit 与 --by-leader 只能选一个")
    loaded, report = _statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days)
    by = "unit" if by_unit else "leader" if by_leader else None
    _render(overdue_view(loaded, report, by=by, include_behind=include_behind), format)
    if fail_on_overdue and report.summary["overdue"]:
        raise typer.Exit(1)


@app.command("validate")
def validate_command(
    files: Annotated[Optional[list[Path]], typer.Argument(metavar="[FILES]...", help="要检查的计划或报告文件、目录 files or folders [默认：计划与全部报告]")] = None,
    plan: PlanOption = None,
    progress: ProgressOption = None,
    format: Annotated[Optional[ProblemFormat], typer.Option("--format", "-f", help="text | github | json [在 GitHub Actions 中默认 github]")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="警告也算失败 warnings fail too")] = False,
) -> None:
    """检查计划与进度报告 — check the plan and progress reports; exit 0 clean, 1 problems, 2 usage error."""
    from minsheng_cli.checking import check
    from minsheng_cli.reporter import REPORTERS

    plan_path = _plan_path(plan)
    missing = [str(f) for f in files or [] if not f.exists()]
    if missing:
        raise _exit(f"文件不存在：{', '.join(missing)}")
    result = check(plan_path, _progress_folder(plan_path, progress), files or [])
    fmt = format or (ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ProblemFormat.text)
    color = fmt is ProblemFormat.text and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    failed = result.failed(strict=strict)
    REPORTERS[fmt.value](result.problems, sys.stdout, color=color, ok=not failed)
    if fmt is ProblemFormat.text:
        typer.echo(result.summary(), err=True)
    raise typer.Exit(1 if failed else 0)


@app.command("schema")
def schema_command(
    kind: Annotated[str, typer.Argument(metavar="plan|progress", help="哪种文件的 JSON Schema which file's JSON Schema")],
) -> None:
    """打印 JSON Schema（draft-07），供编辑器校验与补全 — print a JSON Schema for editors."""
    from minsheng_cli.jsonschema import SCHEMAS, schema_json

    if kind not in SCHEMAS:
        raise _exit(f"只有 plan 与 progress 两种，没有 `{kind}`")
    typer.echo(schema_json(kind))


def _utf8_output() -> None:
    """Write UTF-8 when output goes to a file or a pipe. On Chinese Windows Python would
    otherwise encode in GBK, which cannot hold the table's bar characters, and the README
    promises UTF-8 JSON and CSV. A console is left alone: Python writes to it in Unicode."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def main() -> None:
    _utf8_output()
    app()
