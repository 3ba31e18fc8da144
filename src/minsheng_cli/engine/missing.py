"""Who has not reported (催报名单): the units that owe a report for a period, and what they owe.

A unit owes a report when it is responsible (lead or co-handling; each district government on
its own where an item names 各县（市、区）政府) for an item that is not done as of the date and
whose deadline is not more than `grace_days` before the period starts: an item overdue for a
month is still chased, one finished on paper long ago is not. It is missing when none of its
readings is dated within the period (`since` to `as_of`, both included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minsheng_cli.model.plan import Contact, Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.engine.status import StatusReport

#: How long after its deadline an unfinished item is still chased, by default.
GRACE_DAYS = 90
_DONE = ("done", "done_late")


@dataclass(frozen=True)
class OwedTask:
    """An item a unit owes figures for."""

    number: int
    text: str
    lead: bool
    #: The deadline in force (an approved extension's, or the plan's).
    deadline: dt.date
    #: Whether the item is overdue (已逾期) as of the report's date, as the status says.
    overdue: bool
    targets: tuple[str, ...]


@dataclass(frozen=True)
class MissingUnit:
    """A unit with no report in the period: who to call, when it last reported, what it owes."""

    unit: str
    contact: Contact
    last_report: dt.date | None
    tasks: tuple[OwedTask, ...]


@dataclass(frozen=True)
class MissingReport:
    since: dt.date
    as_of: dt.date
    expected: tuple[str, ...]  # every unit that owes a report, in the plan's order
    units: tuple[MissingUnit, ...]


def find_missing(plan: Plan, progress: Progress, report: StatusReport, since: dt.date, *, grace_days: int = GRACE_DAYS) -> MissingReport:
    """The units that owe a report for `since`..`report.as_of` and have none."""
    as_of = report.as_of
    owed: dict[str, list[OwedTask]] = {}
    for status in report.tasks:
        task = status.task
        # The deadline in force and "overdue" are the engine's: an approved extension moves both.
        deadline = status.deadline or task.deadline
        if status.status in _DONE or (since - deadline).days > grace_days:
            continue
        for unit in (member for listed in task.units for member in plan.members(listed)):
            owed.setdefault(unit, []).append(OwedTask(
                task.number, task.short_text, unit == task.lead_unit, deadline, status.status == "overdue", tuple(task.targets),
            ))
    last = progress.last_reports(as_of)
    order = {unit: i for i, unit in enumerate(plan.units)}
    expected = tuple(sorted(owed, key=lambda u: order.get(u, len(order))))
    missing = tuple(
        MissingUnit(unit, plan.contact(unit), last.get(unit), tuple(owed[unit]))
        for unit in expected
        if last.get(unit) is None or last[unit] < since
    )
    return MissingReport(since, as_of, expected, missing)


def missing_json(report: MissingReport) -> dict:
    """The JSON contract of `minsheng missing --format json` (documented in the README)."""
    return {
        "as_of": report.as_of.isoformat(),
        "since": report.since.isoformat(),
        "expected": len(report.expected),
        "units": [
            {
                "name": m.unit,
                "person": m.contact.person,
                "liaison": m.contact.liaison,
                "phone": m.contact.phone,
                "last_report": m.last_report.isoformat() if m.last_report else None,
                "tasks": [
                    {"no": t.number, "text": t.text, "lead": t.lead, "deadline": t.deadline.isoformat(), "overdue": t.overdue, "targets": list(t.targets)}
                    for t in m.tasks
                ],
            }
            for m in report.units
        ],
    }
