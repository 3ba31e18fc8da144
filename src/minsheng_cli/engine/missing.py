"""Who has not reported (催报名单): the units that owe a report for a period, and what they owe.

A unit owes a report when it has a role (model/roles.py: the lead's city total, a designated
part, a district's or a co-unit's own share) in a target not yet met — the city figure short of
the target and, for a share with a quota, the unit's own figure short of its quota — of an item
not done as of the date whose deadline is not more than `grace_days` before the period starts:
an item overdue for a month is still chased, one finished on paper long ago is not. A co-unit
with no part and no quota owes nothing. It is missing when none of its readings (a "no new
figure" report included) is dated within the period (`since` to `as_of`, both included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minsheng_cli.model.plan import Contact, Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.model.roles import duty_of, rule_paragraph
from minsheng_cli.engine.status import StatusReport, TargetStatus

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
    #: The unit's role on those targets, in words (牵头·报全市数 …).
    role: str = ""


@dataclass(frozen=True)
class MissingUnit:
    """A unit with no report in the period: who to call, when it last reported, what it owes."""

    unit: str
    contact: Contact
    last_report: dt.date | None
    tasks: tuple[OwedTask, ...]
    #: Who reports what for this unit: the paragraph its form's 填报说明 states (model/roles.py).
    rule: str = ""


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
        for unit in plan.responsible(task):
            duties = [(ts, duty) for ts in status.targets if (duty := duty_of(plan, plan.targets[ts.id], unit)) is not None]
            wanted = [(ts, duty) for ts, duty in duties if not ts.met and not _quota_met(ts, unit, duty.quota)]
            if wanted:
                owed.setdefault(unit, []).append(OwedTask(
                    task.number, task.short_text, unit == task.lead_unit, deadline, status.status == "overdue",
                    tuple(ts.id for ts, _ in wanted), "、".join(dict.fromkeys(duty.label for _, duty in wanted)),
                ))
    last = progress.last_reports(as_of)
    order = {unit: i for i, unit in enumerate(plan.units)}
    expected = tuple(sorted(owed, key=lambda u: order.get(u, len(order))))
    missing = tuple(
        MissingUnit(unit, plan.contact(unit), last.get(unit), tuple(owed[unit]), rule_paragraph(plan, unit))
        for unit in expected
        if last.get(unit) is None or last[unit] < since
    )
    return MissingReport(since, as_of, expected, missing)


def _quota_met(ts: TargetStatus, unit: str, quota: int | float | None) -> bool:
    """Whether `unit`'s own latest figure has reached its quota (a share without one never has)."""
    return quota is not None and any(share.unit == unit and share.met for share in ts.shares)


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
                    {"no": t.number, "text": t.text, "lead": t.lead, "role": t.role, "deadline": t.deadline.isoformat(), "overdue": t.overdue, "targets": list(t.targets)}
                    for t in m.tasks
                ],
            }
            for m in report.units
        ],
    }
