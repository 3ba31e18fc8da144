"""Commands that show the plan and how far it is: `plan`, `show`, `status`, `overdue`."""

from __future__ import annotations

from typing import Annotated

import typer

from minsheng_cli.cli.common import (
    AsOfOption, DueSoonOption, FormatOption, Grouping, OutputFormat, PlanOption, ProgressOption, StaleOption,
    ToleranceOption, YearOption, app, fail, emit, open_plan, open_statuses, resolve_as_of,
)

#: `minsheng plan` lists the plan; its subcommands (`plan draft`) make one.
plan_app = typer.Typer(invoke_without_command=True, rich_markup_mode=None)
app.add_typer(plan_app, name="plan")


@plan_app.callback()
def plan_command(ctx: typer.Context, plan: PlanOption = None, year: YearOption = None, format: FormatOption = OutputFormat.table) -> None:
    """列出全部事项 — list every item of the plan, grouped by category; `plan draft` drafts a plan."""
    from minsheng_cli.views import plan_view

    if ctx.invoked_subcommand is not None:
        return
    _, loaded = open_plan(plan, year if year is not None else resolve_as_of(None).year, exact=year is not None)
    emit(plan_view(loaded), format)


@app.command("show")
def show_command(
    number: Annotated[int, typer.Argument(metavar="N", help="事项序号 item number")],
    plan: PlanOption = None,
    year: YearOption = None,
    progress: ProgressOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    tolerance: ToleranceOption = 10.0,
    due_soon_days: DueSoonOption = 30,
    stale_days: StaleOption = 45,
) -> None:
    """查看一项的全部信息与进度 — everything about item N: text, units, targets, history, status."""
    from minsheng_cli.views import show_view

    loaded, report = open_statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days, year)
    status = next((s for s in report.tasks if s.task.number == number), None)
    if status is None:
        raise fail(f"没有第 {number} 项（本计划共 {len(loaded.tasks)} 项）")
    emit(show_view(loaded, status.task, status, report.as_of), format)


@app.command("status")
def status_command(
    by: Annotated[Grouping, typer.Option("--by", help="分组 group rows by")] = Grouping.category,
    plan: PlanOption = None,
    year: YearOption = None,
    progress: ProgressOption = None,
    as_of: AsOfOption = None,
    format: FormatOption = OutputFormat.table,
    tolerance: ToleranceOption = 10.0,
    due_soon_days: DueSoonOption = 30,
    stale_days: StaleOption = 45,
) -> None:
    """各项进度 — completion of every item against its targets, 序时进度 and deadline."""
    from minsheng_cli.views import status_view

    loaded, report = open_statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days, year)
    emit(status_view(loaded, report, by.value), format)


@app.command("overdue")
def overdue_command(
    by_unit: Annotated[bool, typer.Option("--by-unit", help="按责任单位分组 group by responsible unit")] = False,
    by_leader: Annotated[bool, typer.Option("--by-leader", help="按分管市领导分组 group by leader")] = False,
    include_behind: Annotated[bool, typer.Option("--include-behind", help="同时列出进度滞后的事项 also list behind items")] = False,
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="有逾期事项时以 1 退出（用于定时 CI） exit 1 if anything is overdue")] = False,
    plan: PlanOption = None,
    year: YearOption = None,
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
        raise fail("--by-unit 与 --by-leader 只能选一个")
    loaded, report = open_statuses(plan, progress, as_of, tolerance, due_soon_days, stale_days, year)
    by = "unit" if by_unit else "leader" if by_leader else None
    emit(overdue_view(loaded, report, by=by, include_behind=include_behind), format)
    if fail_on_overdue and report.summary["overdue"]:
        raise typer.Exit(1)
