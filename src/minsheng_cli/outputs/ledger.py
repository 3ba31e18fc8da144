"""The 台账 as data: the sheets an office keeps by hand, one fact per cell.

Cells are typed so the workbook can store numbers and dates as such: int and float values,
`views.Day` for dates, `views.Bar` for ratios (shown as percentages), `views.Status` for a
status (its label, coloured by its light), str for text, None for an empty cell. Only
`outputs/ledger_xlsx.py` knows about Excel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from minsheng_cli.model.plan import KIND_LABELS, OP_LABELS, Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.engine.rules import LIGHT_LABELS
from minsheng_cli.engine.cityfigure import PARTIAL_LABEL, SUM_LABEL
from minsheng_cli.engine.status import FLAG_LABELS, STATUS_LABELS, STATUSES, Settings, StatusReport, TargetStatus, TaskStatus
from minsheng_cli.outputs.narratives import add_to_ledger
from minsheng_cli.outputs.views import Bar, Day, Status, cn_number, units_of


@dataclass
class LedgerSheet:
    """One sheet of the 台账: a name, a heading row and rows of plain values."""

    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    #: Columns whose text may be long and wraps (the rest fit their content).
    wrap: frozenset[str] = frozenset()
    #: A sheet made to be printed: its columns chosen to fit A4 landscape at a readable size,
    #: each with the width (in characters) given here.
    widths: dict[str, int] = field(default_factory=dict)


#: The print sheet's name; the sheets after it keep every column for the screen.
PRINT_SHEET = "台账"  # outputs/narratives finds it by this name


@dataclass(frozen=True)
class Sources:
    """What the 台账 was made from, for its 说明 sheet."""

    #: The plan's file name, and the reports folder's name: never a path of this machine.
    plan_file: str
    progress_folder: str | None
    reports: int


def ledger_title(plan: Plan, report: StatusReport) -> str:
    """The title row of every sheet: `2025 年市十件民生实事工作台账（截至 10 月 31 日）`."""
    return f"{plan.title}工作台账（截至 {report.as_of.month} 月 {report.as_of.day} 日）"


def build_ledger(plan: Plan, progress: Progress, report: StatusReport, sources: Sources, settings: Settings = Settings()) -> list[LedgerSheet]:
    """The sheets 台账 (for print), 事项, 目标, 单位, 填报记录 and 说明, as of the report's date; with
    分县（市、区）情况 before 说明 when some target is broken down by district (`quotas`), and the
    units' words, the evidence and the 销号 (`outputs/narratives.py`)."""
    districts = district_sheet(report)
    return add_to_ledger([
        print_sheet(plan, report),
        task_sheet(plan, report),
        target_sheet(report),
        unit_sheet(plan, report, progress),
        reading_sheet(plan, progress, report),
        *([districts] if districts.rows else []),
        notes_sheet(plan, report, sources, settings),
    ], report, progress)


def ratio(value: float) -> Bar:
    """A ratio rounded down to 0.1%, so a spreadsheet's rounding never overstates it."""
    return Bar(math.floor(value * 1000 + 1e-9) / 1000)


def _value(value: int | float | bool | None) -> int | float | str | None:
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    return value


def progress_notes(s: TaskStatus) -> str | None:
    """进展情况: the units' 说明 on the figures the item's status stands on, newest first, each
    once, with who wrote it and when (`9 月 30 日 市教育局：…`)."""
    readings = sorted((t.reading for t in s.targets if t.reading is not None and t.reading.note), key=lambda r: r.date, reverse=True)
    seen: dict[str, str] = {}
    for r in readings:
        seen.setdefault(r.note, f"{r.date.month} 月 {r.date.day} 日 {r.unit}：{r.note}")
    return "；".join(seen.values()) or None


def print_sheet(plan: Plan, report: StatusReport) -> LedgerSheet:
    """The 台账 as it is printed and filed: one row per item, the columns a reader of paper needs,
    sized for A4 landscape at 10.5 pt."""
    # 100 width units: about 700 pt even where a unit is as wide as 7 pt (LibreOffice without
    # Calibri), within A4 landscape's 770 pt between half-inch margins, so nothing is shrunk.
    widths = {"序号": 4, "工作事项": 25, "牵头单位": 10, "责任人": 6, "完成时间": 10, "完成度": 7, "序时进度": 7, "状态": 8, "进展情况": 23}
    sheet = LedgerSheet(PRINT_SHEET, list(widths), wrap=frozenset({"工作事项", "牵头单位", "责任人", "状态", "进展情况"}), widths=widths)
    for s in report.tasks:
        lead = s.task.lead_unit or ""
        sheet.rows.append([
            s.task.number, s.task.short_text, lead, plan.person(lead), Day(s.deadline or s.task.deadline),
            ratio(s.completion), ratio(s.expected), Status(s.status, (), s.light), progress_notes(s),
        ])
    return sheet


def task_sheet(plan: Plan, report: StatusReport) -> LedgerSheet:
    sheet = LedgerSheet(
        "事项",
        ["序号", "类别", "工作事项", "牵头单位", "责任人", "分管市领导", "完成时间", "延期至", "完成度", "序时进度", "状态", "亮灯", "标记", "完成日期", "逾期天数",
         "进展情况"],
        wrap=frozenset({"类别", "工作事项", "牵头单位", "进展情况"}),
    )
    for s in report.tasks:
        category = plan.category_of[s.task.number]
        lead = s.task.lead_unit or ""
        sheet.rows.append([
            s.task.number, f"{cn_number(category.number)}、{category.title}", s.task.text, lead, plan.person(lead), s.task.leader,
            Day(s.task.deadline), Day(s.deadline) if s.deadline not in (None, s.task.deadline) else None,
            ratio(s.completion), ratio(s.expected), Status(s.status, (), s.light), LIGHT_LABELS[s.light],
            "、".join(FLAG_LABELS[f] for f in s.flags) or None,
            Day(s.done_on) if s.done_on else None,
            s.days_overdue if s.status == "overdue" else None,
            progress_notes(s),
        ])
    return sheet


def target_sheet(report: StatusReport) -> LedgerSheet:
    sheet = LedgerSheet(
        "目标",
        ["编号", "事项", "目标", "要求", "目标值", "计量单位", "实际", "完成率", "是否达成", "最近填报日期", "填报单位"],
        wrap=frozenset({"目标"}),
    )
    for s in report.tasks:
        for t in s.targets:
            target = t.target
            sheet.rows.append([
                t.id, s.task.number, target.name, OP_LABELS[target.op] if target.op else KIND_LABELS["milestone"], target.value,
                target.unit, _value(t.actual), ratio(t.ratio), "是" if t.met else "否",
                Day(t.as_of) if t.as_of else None, t.reading.unit if t.reading else _no_reporter(t),
            ])
    return sheet


def _no_reporter(t: TargetStatus) -> str | None:
    """The 填报单位 of a figure no single unit gave: a sum of shares, or only shares so far."""
    if t.source == "sum":
        return SUM_LABEL
    return PARTIAL_LABEL if any(share.value is not None for share in t.shares) else None


def district_sheet(report: StatusReport) -> LedgerSheet:
    """分县（市、区）情况: for each target with quotas, each unit's own figure against its quota."""
    sheet = LedgerSheet(
        "分县（市、区）情况",
        ["编号", "事项", "目标", "县（市、区）/单位", "填报单位", "任务数", "本单位数", "计量单位", "完成率", "序时进度", "亮灯", "填报日期"],
        wrap=frozenset({"目标"}),
    )
    for s in report.tasks:
        for t in s.targets:
            if not t.target.quotas:
                continue
            for share in t.shares:
                sheet.rows.append([
                    t.id, s.task.number, t.target.name, share.place, share.unit, share.quota, _value(share.value), t.target.unit,
                    ratio(share.ratio) if share.ratio is not None else None, ratio(t.expected) if share.quota is not None else None,
                    LIGHT_LABELS[share.light] if share.light else None, Day(share.as_of) if share.as_of else None,
                ])
    return sheet


def unit_sheet(plan: Plan, report: StatusReport, progress: Progress) -> LedgerSheet:
    """Each responsible unit with its person, its items and how many are in each status."""
    latest = progress.last_reports(report.as_of)
    sheet = LedgerSheet(
        "单位",
        ["单位", "责任人", "牵头事项", "配合事项", "事项数", *(STATUS_LABELS[s] for s in STATUSES), "最近填报日期"],
        wrap=frozenset({"单位", "牵头事项", "配合事项"}),
    )
    for unit, items in units_of(plan, report.tasks):
        led = [s.task.number for s in items if s.task.lead_unit == unit]
        shared = [s.task.number for s in items if s.task.lead_unit != unit]
        counts = [sum(s.status == key for s in items) for key in STATUSES]
        sheet.rows.append([
            unit, plan.person(unit), "、".join(map(str, led)) or None, "、".join(map(str, shared)) or None, len(items),
            *counts, Day(latest[unit]) if unit in latest else None,
        ])
    return sheet


def reading_sheet(plan: Plan, progress: Progress, report: StatusReport) -> LedgerSheet:
    """Every accepted reading of the report's items up to its date, by date, then target in
    the plan's order."""
    order = {tid: i for i, tid in enumerate(plan.targets)}
    shown = {tid for s in report.tasks for tid in s.task.targets}
    readings = sorted(
        (r for tid, rs in progress.readings.items() if tid in shown for r in rs if r.date <= report.as_of),
        key=lambda r: (r.date, order.get(r.target, len(order)), r.unit),
    )
    sheet = LedgerSheet(
        "填报记录",
        ["日期", "填报单位", "编号", "事项", "目标", "数值", "计量单位", "依据", "说明"],
        wrap=frozenset({"填报单位", "目标", "说明"}),
    )
    for r in readings:
        ref = plan.targets.get(r.target)
        sheet.rows.append([
            Day(r.date), r.unit, r.target, ref.task.number if ref else None, ref.target.name if ref else None,
            _value(r.value), ref.target.unit if ref else None, r.source, r.note,
        ])
    return sheet


def _band(settings: Settings, band: float) -> str:
    return f"{band * 100:g} 个百分点" if settings.light_by == "points" else f"序时进度的 {band * 100:g}%"


def notes_sheet(plan: Plan, report: StatusReport, sources: Sources, settings: Settings) -> LedgerSheet:
    tolerance = f"{settings.tolerance * 100:g}"
    sheet = LedgerSheet("说明", ["项目", "内容"], wrap=frozenset({"内容"}))
    sheet.rows = [
        ["截至日期", Day(report.as_of)],
        ["计划", f"{plan.title}（{PurePath(sources.plan_file).name}）"],
        ["进度报告", f"{PurePath(sources.progress_folder).name if sources.progress_folder else '（无）'}：{sources.reports} 份有效报告；有错误的报告未计入（minsheng validate 可查看）"],
        ["事项数", len(report.tasks)],
        ["完成度", "各目标完成率的平均值；目标完成率 = 实际 ÷ 目标，最高 100%，未达成时最高 99%；定性任务完成为 100%，否则为 0"],
        ["序时进度", "自计划开始日至截至日期的天数 ÷ 自计划开始日至完成时间的天数，最高 100%"],
        ["状态", "依次取第一条适用的：已完成（按期完成）、逾期完成、已逾期（过完成时间未完成）、未填报、"
                 f"进度滞后（完成度低于序时进度超过 {tolerance} 个百分点）、按进度推进"],
        ["标记", f"临期（{settings.due_soon_days} 天内到期未完成）、数据陈旧（最近填报早于 {settings.stale_days} 天）、从未填报（已逾期且从未填报）、"
                 f"预计逾期（按近 90 天的进度，到期达不到目标）、连续滞后（连续 {settings.escalation_months} 个月末滞后或亮红灯）"],
        ["亮灯", f"蓝灯：已完成（含逾期完成）；红灯：已逾期，或低于序时进度超过 {_band(settings, settings.red)}；"
                 f"黄灯：低于序时进度超过 {_band(settings, settings.yellow)}；绿灯：其余。状态格按亮灯着色，未填报为灰色"],
        ["百分比", "向下取到 0.1%，不会高估进度"],
        ["填报记录", "列出截至日期前的全部有效填报；牵头单位的最新数据为准"],
    ]
    return sheet
