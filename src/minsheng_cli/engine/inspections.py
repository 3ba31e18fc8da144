"""督办建议 as of a date: which are open, which are past their due date, and whose they are.

A suggestion dated after the as-of date is not yet known; a reply dated after it has not yet come.
A suggestion is closed (办结) by a reply saying 已办结 on or before the as-of date; until then it
is open, and past due once its due date has passed (the day after `due`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minsheng_cli.model.inspections import Inspection, Inspections, Reply, Suggestion
from minsheng_cli.model.plan import Plan, Task


@dataclass(frozen=True)
class SuggestionState:
    """A suggestion as of a date: its unit, the reply known by then, open or not, days past due."""

    suggestion: Suggestion
    task: Task
    unit: str
    reply: Reply | None
    open: bool
    days_past_due: int

    @property
    def state(self) -> str:
        """已办结, 办理中 (a reply that is not final), or 未答复."""
        if self.reply is None:
            return "未答复"
        return self.reply.state


def suggestion_states(plan: Plan, record: Inspections, as_of: dt.date, *, item: int | None = None) -> tuple[SuggestionState, ...]:
    """Every suggestion known on `as_of` (of `item`, if given), in the file's order."""
    states = []
    for s in record.suggestions:
        task = plan.task(s.item)
        if task is None or s.date > as_of or (item is not None and s.item != item):
            continue
        reply = s.reply if s.reply is not None and s.reply.date <= as_of else None
        is_open = reply is None or reply.state != "已办结"
        late = (as_of - s.due).days if is_open and as_of > s.due else 0
        states.append(SuggestionState(s, task, s.unit or task.lead_unit or task.units[0], reply, is_open, late))
    return tuple(states)


def past_due(plan: Plan, record: Inspections, as_of: dt.date) -> tuple[SuggestionState, ...]:
    """The open suggestions past their due date on `as_of`, longest overdue first."""
    late = [s for s in suggestion_states(plan, record, as_of) if s.days_past_due > 0]
    return tuple(sorted(late, key=lambda s: -s.days_past_due))


def inspections_of(record: Inspections, item: int, as_of: dt.date) -> tuple[Inspection, ...]:
    """The inspections of `item` on or before `as_of`, in the file's order."""
    return tuple(i for i in record.inspections if item in i.items and i.date <= as_of)


def by_unit(states: tuple[SuggestionState, ...], plan: Plan) -> list[tuple[str, list[SuggestionState]]]:
    """The suggestions grouped by the unit that handles them, in the plan's order of units."""
    order = {unit: i for i, unit in enumerate(plan.units)}
    groups: dict[str, list[SuggestionState]] = {}
    for s in states:
        groups.setdefault(s.unit, []).append(s)
    return sorted(groups.items(), key=lambda pair: order.get(pair[0], len(order)))


def suggestion_reminder(plan: Plan, unit: str, states: list[SuggestionState], as_of: dt.date) -> str:
    """A ready-to-send reminder (催办通知) for one unit's open suggestions past due."""
    lines = [
        f"【督办建议催办】{unit}（责任人：{plan.person(unit) if unit in plan.units else '—'}）",
        f"截至 {as_of}，你单位承办的以下人大代表督办建议已超过办理期限，尚未办结。请抓紧办理，并将办理情况（答复日期、内容，已办结或办理中）报送督查督办：",
    ]
    for s in states:
        state = "尚未答复" if s.reply is None else f"{s.reply.date} 答复：{s.reply.state}"
        lines.append(f"  第 {s.task.number} 项 {s.task.short_text}：{s.suggestion.text}（{s.suggestion.date} 交办，办理期限 {s.suggestion.due}，已逾期 {s.days_past_due} 天，{state}）")
    return "\n".join(lines)
