"""What every `minsheng` command shares: the Typer app, the common options, and loading the
plan, the reports and the statuses. Each group of commands lives in its own module beside this.

Commands stay thin. Heavy modules (pydantic, PyYAML, rich tables) are imported inside the
commands that use them, so `minsheng --help` and `--version` start at once.

Exit codes: 0 clean, 1 problems found (or overdue items with --fail-on-overdue), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from minsheng_cli import __version__
from minsheng_cli.cli.chinese import ChineseGroup, current_context
from minsheng_cli.reading.problems import UsageError

if TYPE_CHECKING:
    from minsheng_cli.model.plan import Plan
    from minsheng_cli.model.progress import Progress
    from minsheng_cli.engine.selection import Selection
    from minsheng_cli.engine.signoffs import Judged
    from minsheng_cli.engine.status import Settings, StatusReport
    from minsheng_cli.outputs.views import View

#: Where a command records the reports it had to leave out, so the run ends with exit 1.
LEFT_OUT = "minsheng.left_out"


class Group(ChineseGroup):
    """The `minsheng` group. A command whose output left out reports with errors still prints
    it, then the run exits 1 (unless --allow-invalid), so a scheduled job notices."""

    def invoke(self, ctx: typer.Context) -> object:
        result = super().invoke(ctx)
        if ctx.meta.get(LEFT_OUT):
            raise typer.Exit(1)
        return result


app = typer.Typer(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
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


PlanOption = Annotated[Optional[Path], typer.Option("--plan", metavar="FILE", help="计划文件 plan file [默认 data/tasks_YYYY.yaml，或内置的 2025 计划]")]
ProgressOption = Annotated[Optional[Path], typer.Option("--progress", metavar="DIR", help="进度报告目录 progress reports [默认：计划旁的 progress/]")]
YearOption = Annotated[Optional[int], typer.Option("--year", min=2000, max=2100, metavar="YYYY", help="计划年度 plan year [默认 --as-of 所在年度，即今年]")]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="截至日期 as-of date [默认今天]")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="输出格式 output format")]
# No fixed defaults: left out, the plan's `rules:` apply, else the defaults of `Settings` (10/30/45).
ToleranceOption = Annotated[Optional[float], typer.Option("--tolerance", min=0, max=100, metavar="POINTS", help="完成度低于序时进度多少个百分点算“进度滞后” behind tolerance, percentage points (0–100) [默认：计划 rules，或 10]")]
DueSoonOption = Annotated[Optional[int], typer.Option("--due-soon-days", min=0, metavar="DAYS", help="距完成时间几天内标“临期” due-soon window, days [默认：计划 rules，或 30]")]
StaleOption = Annotated[Optional[int], typer.Option("--stale-days", min=0, metavar="DAYS", help="最近填报早于几天标“数据陈旧” stale after, days [默认：计划 rules，或 45]")]
ByOption = Annotated[Optional[str], typer.Option("--by", metavar="unit|leader|category|district", help="分组：unit 单位、leader 分管市领导、category 类别、district 县（市、区），也可写中文 group rows by")]
ByUnitOption = Annotated[bool, typer.Option("--by-unit", help="按责任单位分组，同 --by unit group by unit")]
ByLeaderOption = Annotated[bool, typer.Option("--by-leader", help="按分管市领导分组，同 --by leader group by leader")]
UnitFilter = Annotated[Optional[list[str]], typer.Option("--unit", metavar="UNIT", help="只看该单位负责的事项，可重复 only items of this unit")]
LeaderFilter = Annotated[Optional[list[str]], typer.Option("--leader", metavar="NAME", help="只看该市领导分管的事项，可重复 only items of this leader")]
StatusFilter = Annotated[Optional[list[str]], typer.Option("--status", metavar="STATUS", help="只看该状态或标记（已逾期/overdue、进度滞后/behind、临期/due_soon…），可重复 only items with this status or flag")]
CategoryFilter = Annotated[Optional[list[str]], typer.Option("--category", metavar="CATEGORY", help="只看该类别（序号，或标题中的词），可重复 only this category")]
AllowInvalidOption = Annotated[bool, typer.Option("--allow-invalid", help="有报告因错误未计入时仍以 0 退出（默认以 1 退出） exit 0 even when reports were left out")]


@dataclass(frozen=True)
class InputOptions:
    """The options every command that reads statuses shares, as one value: which plan and
    reports, which day, which rules and which items (`@input_options` declares them)."""

    plan: Optional[Path] = None
    year: Optional[int] = None
    progress: Optional[Path] = None
    as_of: Optional[str] = None
    allow_invalid: bool = False
    tolerance: Optional[float] = None
    due_soon_days: Optional[int] = None
    stale_days: Optional[int] = None
    unit: Optional[list[str]] = None
    leader: Optional[list[str]] = None
    status: Optional[list[str]] = None
    category: Optional[list[str]] = None

    @property
    def filtered(self) -> bool:
        return bool(self.unit or self.leader or self.status or self.category)


#: The shared options in the order help lists them, each with its declaration.
_INPUT_OPTIONS = {
    "unit": (UnitFilter, None), "leader": (LeaderFilter, None), "status": (StatusFilter, None), "category": (CategoryFilter, None),
    "plan": (PlanOption, None), "year": (YearOption, None), "progress": (ProgressOption, None), "as_of": (AsOfOption, None),
    "allow_invalid": (AllowInvalidOption, False), "tolerance": (ToleranceOption, None), "due_soon_days": (DueSoonOption, None),
    "stale_days": (StaleOption, None),
}


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """Declare the shared options on `command`, which takes them as one `opts: InputOptions`
    (as sqlite-utils shares option groups with a decorator): each command then lists only its own."""
    import functools
    import inspect
    import typing

    hints = typing.get_type_hints(command, include_extras=True)
    own = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in inspect.signature(command).parameters.values() if p.name != "opts"]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=kind, default=default)
              for name, (kind, default) in _INPUT_OPTIONS.items()]
    own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD else p for p in own]

    @functools.wraps(command)
    def wrapper(**kwargs: object) -> None:
        opts = InputOptions(**{name: kwargs.pop(name) for name in _INPUT_OPTIONS})
        return command(opts=opts, **kwargs)

    del wrapper.__wrapped__  # typer reads the signature below, not the command's own
    wrapper.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in wrapper.__signature__.parameters.values()}
    return wrapper


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
    from minsheng_cli.reading import values

    if text is None:
        return values.today()
    try:
        return values.parse_date(text)
    except values.ValueProblem as problem:
        raise fail(f"--as-of：{problem.message}（应为 YYYY-MM-DD，如 2025-09-30）") from None


def find_plan(option: Path | None, year: int | None = None, *, exact: bool = False) -> Path:
    """The plan file: --plan if given, else the plan of `year` (`exact`: the user named the
    year, so it must exist; see `paths.default_plan`)."""
    from minsheng_cli.repository.paths import default_plan

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
    from minsheng_cli.model.plan import load_plan
    from minsheng_cli.outputs.problem_formats import report_text

    path = find_plan(option, year, exact=exact)
    plan, problems = load_plan(path)
    if plan is None:
        report_text(problems, sys.stderr)
        raise fail("计划文件有错误，请先修正（minsheng validate 可查看全部问题）", 1)
    return path, plan


def find_progress(plan_file: Path, option: Path | None) -> Path | None:
    """The folder of reports: --progress if given, else the plan's (None if it has none yet)."""
    from minsheng_cli.repository.paths import progress_folder

    try:
        return progress_folder(plan_file, option)
    except UsageError as e:
        raise fail(str(e)) from None


#: A folder not looked for yet (None is "no folder").
_FIND = Path("\0find")


def open_progress(plan_file: Path, plan: Plan, option: Path | None, *, allow_invalid: bool = False, period: str = "",
                  folder: Path | None = _FIND) -> Progress:
    """Progress from the valid reports of `folder` (found from `option` unless the caller has,
    see `find_progress`). Says on stderr which plan and reports it used (with reports not yet
    committed to git, and the reporting `period` a command works on); a report with errors is
    left out and named, and the run will exit 1 unless `allow_invalid`."""
    from minsheng_cli.repository.paths import is_bundled
    from minsheng_cli.reading.text import display
    from minsheng_cli.model.progress import Progress, load_progress, report_name

    if folder is _FIND:
        folder = find_progress(plan_file, option)
    plan_said = f"内置的 {plan.year} 年计划（当前目录及上级目录中没有 data/tasks_YYYY.yaml）" if is_bundled(plan_file) else display(plan_file)
    if folder is None:
        say(f"数据：计划 {plan_said}；进度报告 0 份" + (f"；{period}" if period else ""))
        say(f"注意：没有进度报告目录 {display(Path.cwd() / 'data' / 'progress')}，全部事项按未填报计算（请在保存计划与报告的目录中运行，或用 --progress 指定）")
        return Progress()
    from minsheng_cli.repository.gitstate import uncommitted_note
    from minsheng_cli.repository.years import reports_for, several_years

    progress, problems = load_progress(plan, reports_for(plan_file, plan.year, folder))
    of_year = f"{plan.year} 年的 " if several_years(plan_file) else ""
    said = f"数据：计划 {plan_said}；进度报告 {display(folder)}/ 中 {of_year}{progress.reports} 份{uncommitted_note(folder)}"
    say(said + (f"；{period}" if period else ""))
    errors: dict[str, int] = {}
    for p in problems:
        if p.is_error:
            errors[p.path] = errors.get(p.path, 0) + 1
    if errors:
        for path, count in errors.items():
            named = report_name(Path(path).name)
            say(f"未计入：{path}（{named[1] + '，' if named else ''}{count} 处错误）")
        command = "minsheng validate" + (f" --progress {option}" if option is not None else "")
        ending = "" if allow_invalid else "；本次以退出码 1 结束（确认后可加 --allow-invalid）"
        say(f"注意：{len(errors)} 份报告有错误，未计入本次结果；运行 {command} 查看详情{ending}")
        if not allow_invalid:
            current_context().meta[LEFT_OUT] = list(errors)
    return progress


def save_file(path: Path, data: bytes, *, replace: bool, refused: str = "加 --replace 覆盖", written: str = "") -> None:
    """Write a document the user asked for through `files.write_file`, saying what became of it
    (`written` after the path); exit 1 when it cannot be written or would replace other content
    unasked (`refused` says how to ask)."""
    from minsheng_cli.repository.files import Outcome, write_file

    try:
        outcome = write_file(path, data, replace=replace)
    except OSError as e:
        raise fail(f"无法写入 {path}：{e.strerror or e}", 1) from None
    if outcome is Outcome.REFUSED:
        raise fail(f"未写入：{path} 已存在且内容不同（{refused}）", 1)
    said = {Outcome.WRITTEN: "已写入", Outcome.REPLACED: "已覆盖", Outcome.UNCHANGED: "内容相同，未改动"}[outcome]
    say(f"{said}：{path}{written}")


def say(message: str) -> None:
    """A line about the run itself (what was used, left out or written), on stderr so that
    JSON and CSV on stdout stay clean."""
    typer.echo(message, err=True)


def grouping(by: str | None, by_unit: bool, by_leader: bool, default: str | None) -> str | None:
    """The grouping asked for by `--by X`, `--by-unit` or `--by-leader` (one of them)."""
    from minsheng_cli.outputs.views import GROUPINGS

    asked = [g for g, on in (("unit", by_unit), ("leader", by_leader)) if on]
    if by is not None:
        key = GROUPINGS.get(by.strip().lower())
        if key is None:
            raise fail(f"--by 的值无效：“{by}”（可选：unit 单位、leader 分管市领导、category 类别、district 县（市、区））")
        asked.append(key)
    if len(set(asked)) > 1:
        raise fail("分组只能选一种：--by、--by-unit、--by-leader 不能同时指定不同的分组")
    return asked[0] if asked else default


def selection(plan: Plan, *, ids: list[str] | None = None, units: list[str] | None = None, leaders: list[str] | None = None,
              statuses: list[str] | None = None, categories: list[str] | None = None) -> Selection:
    """The filters, checked against the plan (exit 2 with a suggestion on a wrong name)."""
    from minsheng_cli.engine.selection import select

    try:
        return select(plan, ids=ids or (), units=units or (), leaders=leaders or (), statuses=statuses or (), categories=categories or ())
    except UsageError as e:
        raise fail(str(e)) from None


def selected(plan: Plan, report: StatusReport, chosen: Selection) -> StatusReport:
    """The statuses of the selected items only, saying what was selected."""
    from minsheng_cli.engine.status import StatusReport

    if not chosen:
        return report
    tasks = tuple(s for s in report.tasks if chosen.selects(plan, s))
    if chosen.filters:
        say(f"筛选：{chosen.describe()}（{len(report.tasks)} 项中 {len(tasks)} 项）")
    return StatusReport(report.as_of, tasks)


def rules(plan: Plan, tolerance: float | None, due_soon_days: int | None, stale_days: int | None) -> Settings:
    """The status rules: options given over the plan's `rules:` over the defaults."""
    from minsheng_cli.engine.rules import settings_for

    return settings_for(plan.rules, tolerance=tolerance, due_soon_days=due_soon_days, stale_days=stale_days)


def open_extensions(plan_file: Path, plan: Plan, progress_option: Path | None, *, folder: Path | None = _FIND) -> list:
    """The approved extensions (延期) of the plan's year, or exit 1 after printing the file's errors."""
    from minsheng_cli.model.adjustments import adjustments_file, load_adjustments
    from minsheng_cli.outputs.problem_formats import report_text

    if folder is _FIND:
        folder = find_progress(plan_file, progress_option)
    path = adjustments_file(plan_file, folder, plan.year)
    if not path.is_file():
        return []
    adjustments, problems = load_adjustments(path, plan)
    if adjustments is None:
        report_text(problems, sys.stderr)
        raise fail("延期文件有错误，请先修正（minsheng validate 可查看全部问题）", 1)
    from minsheng_cli.reading.text import display

    say(f"延期：{display(path)}（{len(adjustments.extensions)} 条）")
    return list(adjustments.extensions)


def open_office(plan_file: Path, folder: Path | None):
    """The office profile (`office.yaml` beside the reports' folder or the plan), an empty one
    when there is none, or exit 1 after printing the file's errors."""
    from minsheng_cli.model.office import Office
    from minsheng_cli.outputs.problem_formats import report_text
    from minsheng_cli.reading.text import display
    from minsheng_cli.repository.office import load_office, office_file

    path = office_file(plan_file, folder)
    if not path.is_file():
        say(f"注意：没有办公室信息文件 {display(path)}，文件不写发文机关、期号和联系电话（minsheng init 会生成）")
        return Office()
    office, problems = load_office(path)
    if office is None:
        report_text(problems, sys.stderr)
        raise fail("办公室信息文件有错误，请先修正（minsheng validate 可查看全部问题）", 1)
    say(f"办公室信息：{display(path)}")
    return office


@dataclass(frozen=True)
class Inputs:
    """What a command that computes statuses reads: the plan, the day, the reports, the extensions."""

    plan_file: Path
    plan: Plan
    day: dt.date
    folder: Path | None
    progress: Progress
    extensions: list
    settings: Settings
    #: The office's 销号 that stand on the day (see `engine/signoffs.py`).
    signoffs: Judged | None = None


def open_signoffs(plan_file: Path, plan: Plan, folder: Path | None, progress: Progress, day: dt.date, settings: Settings,
                  extensions: list, *, allow_invalid: bool = False) -> Judged:
    """The sign-offs of the adjustments file judged on `day`; a refused one (or a correction
    that undoes one) is said on stderr, and the run will exit 1 unless `allow_invalid`."""
    from minsheng_cli.engine.signoffs import Judged, judge_signoffs
    from minsheng_cli.model.adjustments import adjustments_file, load_signoffs
    from minsheng_cli.outputs.problem_formats import report_text
    from minsheng_cli.repository.evidence import repository_root

    path = adjustments_file(plan_file, folder, plan.year)
    if not path.is_file():
        return Judged({}, [])
    placed, _ = load_signoffs(path, plan)  # the file's own errors were said by open_extensions
    judged = judge_signoffs(plan, progress, placed, day, root=repository_root(plan_file), settings=settings, extensions=extensions)
    if placed:
        say(f"销号：{len(judged.accepted)} 项有效" + (f"，{len(placed) - len(judged.accepted)} 条未计入" if len(placed) > len(judged.accepted) else ""))
    errors = [p for p in judged.problems if p.is_error]
    if errors:
        report_text(judged.problems, sys.stderr)
        say("注意：有销号被拒绝或被后来的更正推翻（见上）；运行 minsheng validate 查看详情" + ("" if allow_invalid else "；本次以退出码 1 结束（确认后可加 --allow-invalid）"))
        if not allow_invalid:
            current_context().meta[LEFT_OUT] = [*current_context().meta.get(LEFT_OUT, []), str(path)]
    return judged


def open_inputs(opts: InputOptions) -> Inputs:
    """The one loading path of every command that reads statuses. The plan is --plan's, else
    --year's, else that of --as-of's year; a past year's plan is read at its last day unless
    --as-of says otherwise, so a closed year shows its final statuses. The reports' folder is
    found once. Says on stderr what was used."""
    from minsheng_cli.repository.years import year_end

    day = resolve_as_of(opts.as_of)
    plan_file, plan = open_plan(opts.plan, opts.year if opts.year is not None else day.year, exact=opts.year is not None)
    if opts.as_of is None and plan.year < day.year:
        day = year_end(plan.year)
        say(f"注意：{plan.year} 年度已结束，显示截至 {day} 的最终状态（已逾期即年内未完成）；另选日期用 --as-of")
    folder = find_progress(plan_file, opts.progress)
    progress = open_progress(plan_file, plan, opts.progress, allow_invalid=opts.allow_invalid, folder=folder)
    extensions = open_extensions(plan_file, plan, opts.progress, folder=folder)
    settings = rules(plan, opts.tolerance, opts.due_soon_days, opts.stale_days)
    signoffs = open_signoffs(plan_file, plan, folder, progress, day, settings, extensions, allow_invalid=opts.allow_invalid)
    return Inputs(plan_file, plan, day, folder, progress, extensions, settings, signoffs)


def open_statuses(opts: InputOptions) -> tuple[Inputs, StatusReport]:
    """The inputs and every item's status: where `status`, `overdue`, `show` and `export` start."""
    from minsheng_cli.engine.signoffs import apply_signoffs
    from minsheng_cli.engine.status import compute_status

    inputs = open_inputs(opts)
    report = compute_status(inputs.plan, inputs.progress, inputs.day, inputs.settings, inputs.extensions)
    return inputs, apply_signoffs(report, inputs.signoffs) if inputs.signoffs is not None else report


def items_of(plan: Plan, opts: InputOptions, ids: list[str] | None = None) -> Selection:
    """The items the filters of `opts` (and `ids`) select, checked against the plan."""
    return selection(plan, ids=ids, units=opts.unit, leaders=opts.leader, statuses=opts.status, categories=opts.category)


def emit(view: View, fmt: OutputFormat) -> None:
    """Write a command's view to stdout in the chosen format."""
    from minsheng_cli.outputs.terminal import render

    render(view, fmt.value, sys.stdout)
