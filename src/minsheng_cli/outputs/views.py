"""What each command shows, as plain data: tables of cells for people, dicts for JSON.

Views know the domain and the Chinese labels; `render` knows the formats. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from minsheng_cli.model.plan import KIND_LABELS, OP_LABELS, Plan, Target, Task
from minsheng_cli.model.roles import duty_of
from minsheng_cli.engine.cityfigure import PARTIAL_LABEL, SOURCE_LABELS, SUM_LABEL
from minsheng_cli.engine.forecast import BASIS_LABELS
from minsheng_cli.engine.shares import Share
from minsheng_cli.engine.rules import LIGHT_LABELS
from minsheng_cli.engine.signoffs import signoff_fields
from minsheng_cli.engine.status import FLAG_LABELS, STATUS_LABELS, STATUSES, StatusReport, TargetStatus, TaskStatus


@dataclass(frozen=True)
class Bar:
    """A completion ratio, drawn as a bar in a terminal and as a percentage elsewhere."""

    ratio: float

    def __str__(self) -> str:
        return percent(self.ratio)


@dataclass(frozen=True)
class Status:
    """A status cell: its light (and key) pick the colour; the light's word, the status and
    the flags are what users read, so the light survives printing and NO_COLOR."""

    key: str
    flags: tuple[str, ...] = ()
    light: str | None = None

    def __str__(self) -> str:
        text = STATUS_LABELS.get(self.key, self.key)
        if self.light is not None:
            text = f"{LIGHT_LABELS[self.light]} {text}"
        return text + "".join(f"·{FLAG_LABELS[f]}" for f in self.flags)


@dataclass(frozen=True)
class Day:
    """A date cell: ISO in full; a narrow terminal may show it as MM-DD (the plan's year).
    An extended deadline shows the original too: 2025-10-31（原定 2025-07-31）."""

    date: dt.date
    original: dt.date | None = None

    def __str__(self) -> str:
        return self.date.isoformat() + (f"（原定 {self.original.isoformat()}）" if self.original else "")


Cell = str | Bar | Status | Day


@dataclass
class Table:
    title: str | None
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    #: Long text is wrapped in full (as `show` promises) rather than cut to one line.
    wrap: bool = False


@dataclass
class View:
    """One command's output: optional lines of text, tables, and the JSON document.

    `sheet`, where a view has one, is what CSV carries: one fact per column (unit and person
    apart, status and each flag apart, bare numbers), as a spreadsheet wants it.
    """

    data: dict[str, Any] | list[Any]
    tables: list[Table] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    sheet: Records | None = None


@dataclass(frozen=True)
class Stream:
    """A list in a JSON document that is made one element at a time as it is written, so a
    status of a million readings never holds a dict for each of them at once."""

    items: Callable[[], Iterable[Any]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items())


@dataclass
class Records:
    """Rows of plain values under one header: text, numbers, dates or None for an empty cell."""

    columns: list[str]
    rows: list[list[str | int | float | dt.date | None]] = field(default_factory=list)


def percent(ratio: float) -> str:
    """Whole percent, rounded down: progress is never overstated (99.6% is not yet 100%)."""
    return f"{whole_percent(ratio)}%"


def number(value: int | float | bool | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")  # never 1.23457e+06


def target_requirement(target: Target) -> str:
    """The target in words: 不少于 1,500 名, 超过 40%, 不超过 3%, 低于 5%, or 定性任务."""
    if target.op is None:
        return KIND_LABELS["milestone"]
    unit = target.unit or ""
    return f"{OP_LABELS[target.op]} {number(target.value)}{'' if unit == '%' else ' '}{unit}".rstrip()


def target_json(tid: str, target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {"id": tid, "name": target.name, "kind": target.kind, "op": target.op, "value": target.value, "unit": target.unit}
    if target.baseline is not None:
        data["baseline"] = target.baseline
    if target.part_of is not None:
        data["part_of"] = target.part_of
    if target.reported_by is not None:
        data["reported_by"] = target.reported_by
    if target.quotas:
        data["quotas"] = dict(target.quotas)
    if target.is_city_only:
        data["city_only"] = True
    if target.schedule:
        data["schedule"] = _schedule_json(target.schedule)
    return data


def _schedule_json(schedule: dict[dt.date, int | float]) -> list[dict[str, Any]]:
    return [{"date": day.isoformat(), "share": share} for day, share in schedule.items()]


def task_json(plan: Plan, task: Task) -> dict[str, Any]:
    return {
        "no": task.number,
        "category": plan.category_of[task.number].number,
        "text": task.text,
        "lead_unit": task.lead_unit,
        "leader": task.leader,
        "deadline": task.deadline.isoformat(),
        "units": [{"name": u, "person": plan.person(u)} for u in task.units],
        "targets": [target_json(tid, t) for tid, t in task.targets.items()],
    } | ({"schedule": _schedule_json(task.schedule)} if task.schedule else {})


def plan_view(plan: Plan) -> View:
    data = {
        "year": plan.year,
        "title": plan.title,
        "categories": [{"no": c.number, "title": c.title, "tasks": [t.number for t in c.tasks]} for c in plan.categories],
        "tasks": [task_json(plan, t) for t in plan.tasks],
    }
    tables = []
    for category in plan.categories:
        table = Table(f"{_cn_number(category.number)}、{category.title}", ["序号", "工作事项", "牵头单位", "分管市领导", "完成时间", "目标数"])
        for task in category.tasks:
            table.rows.append([str(task.number), task.short_text, task.lead_unit or "", task.leader, Day(task.deadline), str(len(task.targets))])
        tables.append(table)
    total_targets = sum(len(t.targets) for t in plan.tasks)
    lines = [f"{plan.title}：共 {len(plan.categories)} 件，{len(plan.tasks)} 项，{total_targets} 个目标"]
    return View(data, tables, lines)


def combine(views: list[View]) -> View:
    """Several items' views as one: their lines and tables in turn, JSON as a list."""
    return View([v.data for v in views], [t for v in views for t in v.tables], [line for v in views for line in v.lines])


def show_view(plan: Plan, task: Task, status: TaskStatus | None = None, as_of: dt.date | None = None, *, only: set[str] | None = None,
              more: tuple[list[Table], dict[str, Any]] | None = None) -> View:
    """Everything about one item; `only` limits the targets and history to those named; `more`
    adds tables and JSON fields built elsewhere (the item's 视察 and 督办建议)."""
    category = plan.category_of[task.number]
    data = task_json(plan, task)
    lines = [
        f"第 {task.number} 项　{_cn_number(category.number)}、{category.title}",
        task.text,
        f"分管市领导：{task.leader}　　完成时间：{_deadline_words(task, status)}",
    ]
    units = Table("责任单位", ["单位", "责任人", "牵头"], wrap=True)
    units.rows = [[u, plan.person(u), "牵头" if u == task.lead_unit else ""] for u in task.units]
    targets = Table("目标", ["编号", "目标", "要求"], wrap=True)
    targets.rows = [[tid, t.name, target_requirement(t)] for tid, t in task.targets.items() if only is None or tid in only]
    tables = [units, targets]
    if status is not None:
        fields = _status_fields(status)
        # Each target keeps its plan fields and gains its status: one list, not two.
        for plan_target, target_status in zip(data["targets"], fields.pop("targets")):
            plan_target.update(target_status)
        data.update(fields)
        lines.append(f"状态（截至 {as_of.isoformat() if as_of else ''}）：{Status(status.status, status.flags, status.light)}　完成度 {percent(status.completion)}　序时进度 {percent(status.expected)}")
        shown = [ts for ts in status.targets if only is None or ts.id in only]
        lines += _warning_lines(task, status, shown)
        lines += [partial_words(ts) for ts in shown if is_partial(ts)]
        targets.columns += ["实际", "完成率", "达成"]
        for row, ts in zip(targets.rows, shown):
            row += [actual_words(ts), Bar(ts.ratio), "是" if ts.met else "否"]
        history = Table("填报记录", ["编号", "日期", "数值", "填报单位", "依据", "说明"], wrap=True)
        for ts in shown:
            for r in ts.history:
                history.rows.append([ts.id, Day(r.date), number(r.value), r.unit, r.source or "", r.note or ""])
        if not history.rows:
            history.rows.append(["—", "", "尚无填报", "", "", ""])
        if any(ts.shares for ts in shown):
            tables.append(share_table(shown))
        tables.append(history)
    if more is not None:
        tables += more[0]
        data.update(more[1])
    return View(data, tables, lines)


def _warning_lines(task: Task, s: TaskStatus, shown: list[TargetStatus]) -> list[str]:
    """`show`'s lines on extensions, 序时安排 and forecasts (of the targets shown)."""
    lines = []
    for r in s.extensions:
        e = r.extension
        verdict = "已计入" if r.counts else f"批准晚于当时的完成时间 {r.before}，不计入，仍按原定时间考核"
        lines.append(f"延期：原定 {r.before.isoformat()}，延期至 {e.deadline.isoformat()}（{e.document}，{e.approved.isoformat()} 批准：{e.reason}）{verdict}")
    # The item's schedule sets the pace of its targets that have none of their own.
    following = [ts for ts in shown if not ts.target.schedule]
    owners = [("本项", task.schedule, s.expected, following)] + [(ts.id, ts.target.schedule, ts.expected, [ts]) for ts in shown]
    for who, schedule, expected, counted in owners:
        if schedule:
            nodes = "，".join(f"{day.isoformat()} {number(share)}%" for day, share in schedule.items())
            amounts = "，".join(f"{ts.id} {number(amount)} {ts.target.unit or ''}".rstrip() for ts in counted if (amount := expected_amount(ts)) is not None)
            lines.append(f"序时安排（{who}）：{nodes}；截至当日应完成 {percent(expected)}" + (f"（{amounts}）" if amounts else ""))
    for ts in shown:
        if ts.forecast is not None:
            lines.append(f"{ts.id} {forecast_text(ts)}")
    return lines


def expected_amount(ts: TargetStatus) -> int | float | None:
    """What a count target should have reached by the as-of date (序时进度 × target), rounded
    down like every figure minsheng derives; None for other kinds and for a ceiling."""
    if ts.target.kind != "count" or ts.target.value is None or ts.target.upper_bound:
        return None
    amount = ts.expected * ts.target.value
    return math.floor(amount + 1e-9) if isinstance(ts.target.value, int) else math.floor(amount * 100 + 1e-9) / 100


def forecast_text(ts: TargetStatus) -> str:
    """按近 90 天进度，到期预计 5,800，目标 6,000（按此进度 2026-01-20 达到）."""
    f = ts.forecast
    assert f is not None
    reach = f"按此进度 {f.reach_on.isoformat()} 达到" if f.reach_on else "按此进度达不到"
    return f"按{BASIS_LABELS[f.basis]}进度，到期预计 {number(f.at_deadline)}，目标 {target_requirement(ts.target)}（{reach}）"


def _forecast_json(ts: TargetStatus) -> dict[str, Any] | None:
    f = ts.forecast
    if f is None:
        return None
    return {
        "basis": f.basis, "since": f.since.isoformat(), "last": f.last.isoformat(), "pace_per_day": round(f.pace, 3),
        "at_deadline": f.at_deadline if isinstance(f.at_deadline, int) else round(f.at_deadline, 3),
        "meets": f.meets, "reach_on": f.reach_on.isoformat() if f.reach_on else None,
    }


def _extension_json(s: TaskStatus) -> list[dict[str, Any]]:
    return [
        {"deadline": r.extension.deadline.isoformat(), "approved": r.extension.approved.isoformat(), "document": r.extension.document,
         "reason": r.extension.reason, "counts": r.counts, "before": r.before.isoformat()}
        for r in s.extensions
    ]


def _deadline_words(task: Task, s: TaskStatus | None) -> str:
    if s is None or not s.extended:
        return task.deadline.isoformat()
    return f"原定 {task.deadline.isoformat()}，延期至 {s.deadline.isoformat()}"


def _deadline_cell(s: TaskStatus) -> Day:
    deadline = s.deadline or s.task.deadline
    return Day(deadline, s.task.deadline if deadline != s.task.deadline else None)


def _status_fields(s: TaskStatus) -> dict[str, Any]:
    return {
        "status": s.status,
        "light": s.light,
        "flags": list(s.flags),
        "completion": round(s.completion, 3),
        "expected": round(s.expected, 3),
        "deadline": (s.deadline or s.task.deadline).isoformat(),
        "original_deadline": s.task.deadline.isoformat(),
        "extensions": _extension_json(s),
        "done_on": s.done_on.isoformat() if s.done_on else None,
        "days_overdue": s.days_overdue,
        **signoff_fields(s),
        "targets": [
            {
                "id": t.id,
                "actual": t.actual,
                "met": t.met,
                "ratio": round(t.ratio, 3),
                "as_of": t.as_of.isoformat() if t.as_of else None,
                "source": t.source,
                "source_label": SOURCE_LABELS[t.source],
                "shares": [share_json(share) for share in t.shares],
                "expected": round(t.expected, 3),
                "expected_value": expected_amount(t),
                "forecast": _forecast_json(t),
                "history": [
                    {"date": r.date.isoformat(), "value": r.value, "unit": r.unit, "source": r.source, "note": r.note}
                    for r in t.history
                ],
            }
            for t in s.targets
        ],
    }


#: `--by` values, in English and in the words the tables use.
GROUPINGS = {
    "category": "category", "类别": "category", "民生实事": "category",
    "leader": "leader", "领导": "leader", "分管市领导": "leader", "市领导": "leader",
    "unit": "unit", "单位": "unit", "责任单位": "unit",
    "district": "district", "区": "district", "县区": "district", "县（市、区）": "district",
}


STATUS_COLUMNS = ["序号", "工作事项", "完成度", "序时进度", "状态", "完成时间", "牵头单位"]
#: In a unit's own table the last column says whether it leads, instead of who does.
UNIT_STATUS_COLUMNS = STATUS_COLUMNS[:-1] + ["本单位"]


def _status_row(s: TaskStatus, last: str, *, expected: bool = True) -> list[Cell]:
    row: list[Cell] = [str(s.task.number), s.task.short_text, Bar(s.completion), percent(s.expected), Status(s.status, s.flags, s.light), _deadline_cell(s), last]
    if not expected:
        del row[3]
    return row


def summary_line(report: StatusReport) -> str:
    counts = report.summary
    parts = "，".join(f"{STATUS_LABELS[k]} {counts[k]}" for k in STATUSES)
    return f"截至 {report.as_of.isoformat()}，共 {len(report.tasks)} 项：{parts}"


def _extension_summary(report: StatusReport) -> list[str]:
    """Say that deadlines were moved, so no table hides it."""
    counted = [s.task.number for s in report.tasks if _extended(s)]
    late = [s.task.number for s in report.tasks if any(not r.counts for r in s.extensions)]
    parts = []
    if counted:
        parts.append(f"第 {'、'.join(map(str, counted))} 项经批准延期，按延期后的完成时间考核（完成时间栏注明原定日期）")
    if late:
        parts.append(f"第 {'、'.join(map(str, late))} 项的延期批准晚于完成时间，不计入")
    return ["；".join(parts)] if parts else []


def status_view(plan: Plan, report: StatusReport, by: str = "category") -> View:
    data = {
        "as_of": report.as_of.isoformat(),
        "summary": report.summary,
        "tasks": Stream(lambda: ({"no": s.task.number, **_status_fields(s)} for s in report.tasks)),
    }
    if by == "district":
        return district_view(plan, report, data)
    columns = UNIT_STATUS_COLUMNS if by == "unit" else STATUS_COLUMNS
    tables = []
    for title, rows in _groups(plan, report.tasks, by):
        # 序时进度 is mostly the same within a group: said once in the title, not on every row.
        expected = {percent(s.expected) for s, _ in rows}
        same = len(expected) == 1
        tables.append(Table(
            f"{title}（序时进度 {expected.pop()}）" if same else title,
            [c for c in columns if c != "序时进度"] if same else columns,
            [_status_row(s, mark if mark is not None else s.task.lead_unit or "", expected=not same) for s, mark in rows],
        ))
    lines = [summary_line(report)]
    lines += _extension_summary(report)
    lines += source_summary(report)
    return View(data, tables, lines, _status_sheet(plan, report, by))


def _extended(s: TaskStatus) -> dt.date | None:
    """The deadline after an approved extension (延期至), or None."""
    return s.deadline if s.deadline is not None and s.deadline != s.task.deadline else None


def _flag_cells(s: TaskStatus) -> list[str | None]:
    return ["是" if f in s.flags else None for f in FLAG_LABELS]


def _status_sheet(plan: Plan, report: StatusReport, by: str) -> Records:
    """One row per item (per group and item when grouped by unit, leader or district)."""
    grouped = by != "category"
    sheet = Records(
        _group_columns(by, grouped) + ["序号", "类别", "工作事项", "完成度（%）", "序时进度（%）", "状态", "亮灯", *FLAG_LABELS.values(),
         "完成时间", "延期至", "完成日期", "逾期天数", "牵头单位", "责任人", "分管市领导"] + (["本单位"] if by == "unit" else [])
    )
    for title, rows in _record_groups(plan, report.tasks, by) if grouped else [([], [(s, None) for s in report.tasks])]:
        for s, mark in rows:
            lead = s.task.lead_unit or ""
            sheet.rows.append(
                title
                + [s.task.number, plan.category_of[s.task.number].title, s.task.short_text, whole_percent(s.completion), whole_percent(s.expected),
                   STATUS_LABELS[s.status], LIGHT_LABELS[s.light], *_flag_cells(s), s.task.deadline, _extended(s), s.done_on,
                   s.days_overdue if s.status == "overdue" else None,
                   lead, plan.person(lead), s.task.leader]
                + ([mark] if by == "unit" else [])
            )
    return sheet


def _group_columns(by: str | None, grouped: bool) -> list[str]:
    """The group's columns of a sheet: a unit and its person apart (one fact a column), else 分组."""
    if not grouped:
        return []
    return ["单位", "单位责任人"] if by == "unit" else ["分组"]


def _record_groups(plan: Plan, statuses: Iterable[TaskStatus], by: str) -> list[tuple[list[str], list[tuple[TaskStatus, str | None]]]]:
    """`_groups` for a sheet: each group's cells instead of its title."""
    if by == "unit":
        return [([unit, plan.person(unit)], [(s, "牵头" if s.task.lead_unit == unit else "配合") for s in items]) for unit, items in units_of(plan, statuses)]
    return [([title], rows) for title, rows in _groups(plan, statuses, by)]


def whole_percent(ratio: float) -> int:
    """A ratio as a whole percent, rounded down like every percentage minsheng shows."""
    return math.floor(ratio * 100 + 1e-9)


def _groups(plan: Plan, statuses: Iterable[TaskStatus], by: str) -> list[tuple[str, list[tuple[TaskStatus, str | None]]]]:
    """Rows grouped for `--by`: (group title, [(status, lead mark for unit views)])."""
    statuses = list(statuses)
    if by == "category":
        return [
            (f"{_cn_number(c.number)}、{c.title}", [(s, None) for s in statuses if plan.category_of[s.task.number] is c])
            for c in plan.categories
            if any(plan.category_of[s.task.number] is c for s in statuses)
        ]
    if by == "leader":
        leaders = list(dict.fromkeys(s.task.leader for s in statuses))
        return [(f"分管市领导：{leader}", [(s, None) for s in statuses if s.task.leader == leader]) for leader in leaders]
    if by == "unit":
        return [
            (f"{unit}（{plan.person(unit)}）", [(s, "牵头" if s.task.lead_unit == unit else "配合") for s in items])
            for unit, items in units_of(plan, statuses)
        ]
    if by == "district":
        groups = []
        for district, government in plan.districts.items():
            items = [(s, None) for s in statuses if government in s.task.units or plan.all_districts in s.task.units]
            if items:
                groups.append((f"{district}（{government}）", items))
        return groups
    raise ValueError(f"unknown grouping {by!r}")


def units_of(plan: Plan, statuses: Iterable[TaskStatus]) -> list[tuple[str, list[TaskStatus]]]:
    """Each responsible unit, in the order of the plan's unit list, with its items. The group
    各县（市、区）政府 is no unit: each district government stands in its place, with every
    item that names it or the group."""
    by_unit: dict[str, list[TaskStatus]] = {m: [] for unit in plan.units for m in plan.members(unit)}
    for s in statuses:
        for unit in s.task.units:
            for member in plan.members(unit):
                if s not in by_unit.setdefault(member, []):
                    by_unit[member].append(s)
    return [(unit, items) for unit, items in by_unit.items() if items]


OVERDUE_COLUMNS = ["序号", "工作事项", "状态", "逾期天数", "完成时间", "牵头单位", "责任人", "分管市领导"]


def overdue_view(plan: Plan, report: StatusReport, *, by: str | None, include_behind: bool) -> View:
    wanted = {"overdue", "behind"} if include_behind else {"overdue"}
    # With the behind items come those on schedule today whose pace will miss the deadline.
    chosen = [s for s in report.tasks if s.status in wanted or (include_behind and "at_risk" in s.flags)]
    data: dict[str, Any] = {"as_of": report.as_of.isoformat()}

    def row(s: TaskStatus) -> list[Cell]:
        lead = s.task.lead_unit or ""
        return [str(s.task.number), s.task.short_text, Status(s.status, s.flags, s.light), _days(s), _deadline_cell(s), lead, plan.person(lead), s.task.leader]

    def item(s: TaskStatus) -> dict[str, Any]:
        return {"no": s.task.number, "status": s.status, "light": s.light, "flags": list(s.flags), "days_overdue": s.days_overdue,
                "deadline": (s.deadline or s.task.deadline).isoformat(), "original_deadline": s.task.deadline.isoformat()}

    if by == "unit":
        # Units that lead an overdue item come first: they are the ones to chase.
        units = sorted(units_of(plan, chosen), key=lambda group: not any(s.task.lead_unit == group[0] for s in group[1]))
        groups = [(f"{unit}（{plan.person(unit)}）", [(s, "牵头" if s.task.lead_unit == unit else "配合") for s in items]) for unit, items in units]
        data["units"] = [
            {"name": unit, "person": plan.person(unit), "tasks": [{**item(s), "lead": s.task.lead_unit == unit} for s in items]}
            for unit, items in units
        ]
        tables = [
            Table(title, ["序号", "工作事项", "状态", "逾期天数", "完成时间", "本单位", "分管市领导"],
                  [[str(s.task.number), s.task.short_text, Status(s.status, s.flags, s.light), _days(s), _deadline_cell(s), mark or "", s.task.leader] for s, mark in rows])
            for title, rows in groups
        ]
    elif by is not None:
        groups = _groups(plan, chosen, by)
        if by == "leader":
            data["leaders"] = [{"name": rows[0][0].task.leader, "tasks": [item(s) for s, _ in rows]} for _, rows in groups]
        else:
            data["groups"] = [{"name": title, "tasks": [item(s) for s, _ in rows]} for title, rows in groups]
        tables = [Table(title, OVERDUE_COLUMNS, [row(s) for s, _ in rows]) for title, rows in groups]
    else:
        groups = [("", [(s, None) for s in chosen])]
        data["tasks"] = [{**item(s), "lead_unit": s.task.lead_unit, "person": plan.person(s.task.lead_unit or ""), "leader": s.task.leader} for s in chosen]
        tables = [Table(None, OVERDUE_COLUMNS, [row(s) for s in chosen])] if chosen else []
    what = "逾期、滞后或预计逾期" if include_behind else "逾期"
    line = f"截至 {report.as_of.isoformat()}，{what}事项 {len(chosen)} 项" if chosen else f"截至 {report.as_of.isoformat()}，没有{what}事项"
    units = [u["name"] for u in data["units"]] if by == "unit" else None  # in the groups' order
    return View(data, tables, [line], _overdue_sheet(plan, groups, grouped=by is not None, by_unit=by == "unit", units=units))


def _overdue_sheet(plan: Plan, groups: list[tuple[str, list[tuple[TaskStatus, str | None]]]], *, grouped: bool, by_unit: bool,
                   units: list[str] | None = None) -> Records:
    """One row per item (per group and item when grouped); by unit, `units` are the groups' units."""
    sheet = Records(
        _group_columns("unit" if by_unit else None, grouped) + ["序号", "工作事项", "状态", "亮灯", *FLAG_LABELS.values(), "逾期天数", "完成时间", "延期至", "牵头单位", "责任人", "分管市领导"]
        + (["本单位"] if by_unit else [])
    )
    for g, (title, rows) in enumerate(groups):
        cells = ([units[g], plan.person(units[g])] if by_unit and units is not None else [title]) if grouped else []
        for s, mark in rows:
            lead = s.task.lead_unit or ""
            sheet.rows.append(
                cells
                + [s.task.number, s.task.short_text, STATUS_LABELS[s.status], LIGHT_LABELS[s.light], *_flag_cells(s),
                   s.days_overdue if s.status == "overdue" else None, s.task.deadline, _extended(s), lead, plan.person(lead), s.task.leader]
                + ([mark] if by_unit else [])
            )
    return sheet


def _days(s: TaskStatus) -> str:
    return str(s.days_overdue) if s.status == "overdue" else "—"


_CN_DIGITS = "零一二三四五六七八九十"


def _cn_number(n: int) -> str:
    """一 … 九十九, as category titles are numbered in the source."""
    if n <= 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


#: Public name for other outputs (the bulletin numbers its entries 一、二、…).
cn_number = _cn_number


# --- who reported what: the city figure's source, and each unit's own part ----------------------


def source_summary(report: StatusReport) -> list[str]:
    """Say which completions stand on a sum of shares, and which targets have only shares, so
    no table of items hides it."""
    summed = [f"第 {s.task.number} 项 {t.id}" for s in report.tasks for t in s.targets if t.source == "sum"]
    partial = [f"第 {s.task.number} 项 {t.id}" for s in report.tasks for t in s.targets if is_partial(t)]
    lines = []
    if summed:
        lines.append(f"{'、'.join(summed)} 的全市数为{SUM_LABEL}（牵头单位未报全市数，各任务单位均已报送）")
    if partial:
        lines.append(f"{'、'.join(partial)} {PARTIAL_LABEL}，牵头单位未报全市数，不计完成度（各单位所报见 minsheng show）")
    return lines


def is_partial(ts: TargetStatus) -> bool:
    """部分单位已报: no city figure, yet some unit has reported its own part."""
    return ts.source == "none" and any(share.value is not None for share in ts.shares)


def actual_words(ts: TargetStatus) -> str:
    """The 实际 cell: the city figure, marked 各县（市、区）合计 when it is a sum of shares; 部分单位已报
    when only shares are in; — when nothing is."""
    if ts.source == "sum":
        return f"{number(ts.actual)}（{SUM_LABEL}）"
    if is_partial(ts):
        return PARTIAL_LABEL
    return number(ts.actual)


def _quantity(value: int | float | bool | None, unit: str | None) -> str:
    if value is None or isinstance(value, bool):
        return number(value)
    unit = unit or ""
    return f"{number(value)}{'' if unit in ('', '%') else ' '}{unit}"


def partial_words(ts: TargetStatus) -> str:
    """「24a 升级改造农村公路：部分单位已报：台山市已报 9.5 公里；牵头单位未报全市数」 — the shares,
    never a city figure or a completion made from them."""
    return f"{ts.id} {ts.target.name}：{PARTIAL_LABEL}：{shares_words(ts)}"


def shares_words(ts: TargetStatus) -> str:
    """「台山市已报 9.5 公里；牵头单位未报全市数」: what the shares say, and that the city figure is missing."""
    reported = [s for s in ts.shares if s.value is not None]
    parts = "，".join(f"{s.place}已报 {_quantity(s.value, ts.target.unit)}" for s in reported)
    return f"{parts}；牵头单位未报全市数"


SHARE_COLUMNS = ["编号", "县（市、区）/单位", "任务数", "本单位数", "完成率", "序时进度", "亮灯", "填报日期"]


def share_row(ts: TargetStatus, share: Share) -> list[Cell]:
    """One unit's own part: its figure against its quota (completion, 序时进度, light), or its
    figure alone without a quota."""
    quota = share.quota is not None
    return [
        ts.id, share.place, _quantity(share.quota, ts.target.unit) if quota else "—", _quantity(share.value, ts.target.unit),
        Bar(share.ratio) if share.ratio is not None else "—", percent(ts.expected) if quota else "—",
        LIGHT_LABELS[share.light] if share.light else "", Day(share.as_of) if share.as_of else "未报",
    ]


def share_table(shown: Iterable[TargetStatus]) -> Table:
    """分县（市、区）情况: each unit's own part of the targets shown."""
    return Table("分县（市、区）情况", SHARE_COLUMNS, [share_row(ts, share) for ts in shown for share in ts.shares], wrap=True)


def share_json(share: Share) -> dict[str, Any]:
    return {
        "unit": share.unit, "place": share.place, "quota": share.quota, "value": share.value,
        "as_of": share.as_of.isoformat() if share.as_of else None, "note": share.note,
        "ratio": None if share.ratio is None else round(share.ratio, 3), "met": share.met if share.quota is not None else None,
        "light": share.light,
    }


def district_shares(plan: Plan, report: StatusReport) -> list[tuple[str, str, list[tuple[TaskStatus, TargetStatus, Share]]]]:
    """Each district (name, government) with its own part of every target it reports a share
    of (model/roles.py), reported or not, in the plan's order."""
    found = []
    for district, government in plan.districts.items():
        rows = []
        for s in report.tasks:
            for ts in s.targets:
                duty = duty_of(plan, plan.targets[ts.id], government)
                if duty is None or duty.role != "share":
                    continue
                share = next((x for x in ts.shares if x.unit == government), None)
                rows.append((s, ts, share or Share(government, district, duty.quota, None, None)))
        if rows:
            found.append((district, government, rows))
    return found


def district_view(plan: Plan, report: StatusReport, data: dict[str, Any]) -> View:
    """`status --by district`: each district's own figures against its own quotas, not the city's."""
    groups = district_shares(plan, report)
    data = {**data, "districts": [
        {"name": district, "government": government, "targets": [
            {"no": s.task.number, "id": ts.id, "expected": round(ts.expected, 3), **share_json(share)} for s, ts, share in rows
        ]}
        for district, government, rows in groups
    ]}
    columns = ["序号", "目标"] + SHARE_COLUMNS[2:]
    tables = [
        Table(f"{district}（{government}）", columns, [[str(s.task.number), f"{ts.id} {ts.target.name}", *share_row(ts, share)[2:]] for s, ts, share in rows])
        for district, government, rows in groups
    ]
    sheet = Records(["县（市、区）", "单位", "序号", "目标编号", "目标", "任务数", "本单位数", "完成率（%）", "序时进度（%）", "亮灯", "填报日期"])
    for district, government, rows in groups:
        for s, ts, share in rows:
            value = share.value if not isinstance(share.value, bool) else ("已完成" if share.value else "未完成")
            sheet.rows.append([district, government, s.task.number, ts.id, ts.target.name, share.quota, value,
                               None if share.ratio is None else whole_percent(share.ratio),
                               whole_percent(ts.expected) if share.quota is not None else None,
                               LIGHT_LABELS[share.light] if share.light else None, share.as_of])
    lines = [summary_line(report), *_extension_summary(report), *source_summary(report),
             "按县（市、区）列出各区自己报的数：有任务数的，按本区任务数计算完成率、序时进度和亮灯；没有任务数的，只列所报数值。全市完成度见 minsheng status"]
    return View(data, tables, lines, sheet)
