"""Commands that show the plan and how far it is: `plan`, `show`, `status`, `overdue`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from minsheng_cli.cli.chinese import ChineseGroup
from minsheng_cli.cli.common import (
    ByLeaderOption, ByOption, ByUnitOption, FormatOption, InputOptions, OutputFormat, PlanOption, YearOption, app, emit, fail,
    grouping, input_options, items_of, open_plan, open_statuses, resolve_as_of, say, selected,
)

#: `minsheng plan` lists the plan; its subcommands (`plan draft`) make one.
plan_app = typer.Typer(cls=ChineseGroup, invoke_without_command=True, rich_markup_mode=None)
app.add_typer(plan_app, name="plan")


@plan_app.callback()
def plan_command(ctx: typer.Context, plan: PlanOption = None, year: YearOption = None, format: FormatOption = OutputFormat.table) -> None:
    """列出全部事项 — list every item of the plan, grouped by category; `plan draft` drafts a plan."""
    from minsheng_cli.outputs.views import plan_view

    if ctx.invoked_subcommand is not None:
        return
    _, loaded = open_plan(plan, year if year is not None else resolve_as_of(None).year, exact=year is not None)
    emit(plan_view(loaded), format)


@app.command("show")
@input_options
def show_command(
    opts: InputOptions,
    ids: Annotated[Optional[list[str]], typer.Argument(metavar="N|ID", help="事项序号或目标编号，如 7、7 12、7a items or targets")] = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """查看事项的全部信息与进度 — everything about items: text, units, targets, history, status.

    `show 7 12` shows two items, `show 7a` one target of item 7, `show --unit 市教育局` every item
    of a unit. With several items, JSON is a list of what one item gives."""
    from minsheng_cli.outputs.narratives import add_to_show
    from minsheng_cli.outputs.views import combine, show_view

    if not ids and not opts.filtered:
        raise fail("请写出事项序号或目标编号（如 minsheng show 7），或用 --unit、--leader、--status、--category 筛选")
    inputs, report = open_statuses(opts)
    loaded = inputs.plan
    chosen = items_of(loaded, opts, ids)
    statuses = selected(loaded, report, chosen).tasks
    if chosen.numbers:  # in the order asked for
        statuses = tuple(sorted(statuses, key=lambda s: chosen.numbers.index(s.task.number)))
    if not statuses:
        say("没有符合条件的事项")
    from minsheng_cli.cli.congress_inputs import open_inspections
    from minsheng_cli.outputs.congress_views import item_inspections

    record = open_inspections(inputs.plan_file, loaded, inputs.folder)  # 视察与督办建议, where the file exists
    views = [add_to_show(show_view(loaded, s.task, s, report.as_of, only=set(chosen.targets) or None,
                                   more=None if record is None else item_inspections(loaded, s.task, record, report.as_of)),
                         s, inputs.progress, report.as_of)
             for s in statuses]
    # One item asked for by its number gives the item (the JSON contract); anything else a list.
    emit(views[0] if len(ids or []) == 1 and len(views) == 1 else combine(views), format)


@app.command("status")
@input_options
def status_command(
    opts: InputOptions,
    by: ByOption = None,
    by_unit: ByUnitOption = False,
    by_leader: ByLeaderOption = False,
    format: FormatOption = OutputFormat.table,
) -> None:
    """各项进度 — completion of every item against its targets, 序时进度 and deadline."""
    from minsheng_cli.outputs.narratives import add_to_status
    from minsheng_cli.outputs.views import status_view

    group = grouping(by, by_unit, by_leader, "category")
    inputs, report = open_statuses(opts)
    report = selected(inputs.plan, report, items_of(inputs.plan, opts))
    emit(add_to_status(status_view(inputs.plan, report, group), report), format)


@app.command("overdue")
@input_options
def overdue_command(
    opts: InputOptions,
    fail_on_overdue: Annotated[bool, typer.Option("--fail-on-overdue", help="有逾期事项时以 1 退出（用于定时 CI） exit 1 if anything is overdue")] = False,
    format: FormatOption = OutputFormat.table,
    by: ByOption = None,
    by_unit: ByUnitOption = False,
    by_leader: ByLeaderOption = False,
    include_behind: Annotated[bool, typer.Option("--include-behind", help="同时列出进度滞后、预计逾期的事项 also list behind and at-risk items")] = False,
) -> None:
    """逾期事项及责任人 — overdue items with days past deadline, lead unit, person and leader."""
    from minsheng_cli.outputs.views import overdue_view

    group = grouping(by, by_unit, by_leader, None)
    inputs, report = open_statuses(opts)
    report = selected(inputs.plan, report, items_of(inputs.plan, opts))
    emit(overdue_view(inputs.plan, report, by=group, include_behind=include_behind), format)
    if fail_on_overdue and report.summary["overdue"]:
        raise typer.Exit(1)
