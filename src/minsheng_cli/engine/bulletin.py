"""The monthly bulletin (督办通报) as facts: which items, units and figures it states, in order.

Built once from the plan, the progress and two dates; Markdown, HTML and Word only lay these
facts out (`minsheng_cli.outputs`), so the three formats can never disagree. Nothing here
formats text or reads files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from minsheng_cli.engine.inspections import SuggestionState, past_due
from minsheng_cli.engine.cityfigure import SUM_LABEL
from minsheng_cli.engine.missing import MissingUnit, find_missing
from minsheng_cli.model.plan import Plan, Target, Task
from minsheng_cli.model.progress import Progress
from minsheng_cli.engine.bulletin_words import BulletinWords, bulletin_words
from minsheng_cli.engine.signoffs import Judged, apply_signoffs
from minsheng_cli.engine.status import (
    Settings, StatusReport, TargetStatus, TaskStatus, compute_status, expected_progress, progress_on,
)

if TYPE_CHECKING:
    from minsheng_cli.model.adjustments import Extension
    from minsheng_cli.model.inspections import Inspections

#: Statuses that count as finished: an item in one of them needs no more reports.
FINISHED = frozenset({"done", "done_late"})
#: Statuses a bulletin names one by one, with their figures.
LAGGING = ("overdue", "behind")
#: An item with no report at all is named with the laggards when its light is red.
UNREPORTED = "not_reported"
#: Statuses that hold a unit back in the ranking: lagging, or nothing reported at all.
WANTING = frozenset({*LAGGING, "not_reported"})


@dataclass(frozen=True)
class Overview:
    """总体情况: how many items are in each status, and the mean completion."""

    total: int
    counts: dict[str, int]
    #: The mean of the items' completions (each capped as in the status rules).
    completion: float
    #: How many items show each light (亮灯), in the order red, yellow, green, blue.
    lights: dict[str, int] = field(default_factory=dict)
    #: The lights the items of each status show (one light for 已完成, several for 进度滞后).
    status_lights: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def finished(self) -> int:
        return sum(self.counts[s] for s in FINISHED)


@dataclass(frozen=True)
class Change:
    """An item whose status differs between `since` and `as_of`."""

    task: Task
    before: str
    after: str
    completion_before: float
    completion_after: float


@dataclass(frozen=True)
class NewFigure:
    """A target whose standing figure was reported within the period."""

    task: Task
    target_id: str
    target: Target
    before: int | float | bool | None
    after: int | float | bool
    date: dt.date
    unit: str
    note: str | None = None


@dataclass(frozen=True)
class Changes:
    """本期变化: what moved between `since` and `as_of`."""

    newly_done: tuple[Change, ...]
    newly_overdue: tuple[Change, ...]
    newly_behind: tuple[Change, ...]
    improved: tuple[Change, ...]
    figures: tuple[NewFigure, ...]


@dataclass(frozen=True)
class Laggard:
    """An item behind or overdue, with what a leader needs to act on it."""

    status: TaskStatus
    lead_unit: str
    person: str
    leader: str
    #: The targets not yet met, in the plan's order.
    figures: tuple[TargetStatus, ...]


@dataclass(frozen=True)
class UnitRank:
    """One lead unit's record: its items, their mean completion and its reporting."""

    unit: str
    person: str
    tasks: tuple[int, ...]
    finished: int
    overdue: int
    #: Items overdue, behind or not reported.
    wanting: int
    completion: float
    reported_in_period: bool
    last_report: dt.date | None


@dataclass(frozen=True)
class Point:
    """One point of an item's trend: its completion on a date (None before any report)."""

    date: dt.date
    completion: float | None
    expected: float


@dataclass(frozen=True)
class Trend:
    """An item's completion month by month, and its 序时进度 line to the deadline in force."""

    task: Task
    start: dt.date
    #: The deadline in force on the bulletin's date (an approved extension's, or the plan's).
    deadline: dt.date
    points: tuple[Point, ...]
    #: 序时进度 from the start to the deadline: at the start, each month's end and the deadline,
    #: with the item's schedule and extensions, as the engine computes it on each day.
    expected: tuple[tuple[dt.date, float], ...] = ()


@dataclass(frozen=True)
class Bulletin:
    plan_title: str
    year: int
    as_of: dt.date
    since: dt.date
    overview: Overview
    changes: Changes
    laggards: tuple[Laggard, ...]
    missing: tuple[MissingUnit, ...]
    ranking: tuple[UnitRank, ...]
    trends: tuple[Trend, ...]
    #: The units' own words and the 销号 counts (see `engine/bulletin_words.py`).
    words: BulletinWords = field(default_factory=BulletinWords)
    #: Which items it covers, in words, when not all (`单位 市教育局`); empty for all.
    scope: str = ""
    #: Open 督办建议 past their due date (`engine.inspections`); None without an inspections file.
    late_suggestions: tuple[SuggestionState, ...] | None = None
    #: 分县（市、区）情况: the targets broken down by district (`quotas`), with each unit's own part.
    districts: tuple[TargetStatus, ...] = ()
    #: 部分单位已报: targets with no city figure yet some unit's own figure in.
    partial: tuple[TargetStatus, ...] = ()
    #: How far below 序时进度 an item is 进度滞后 (0.10: ten percentage points).
    tolerance: float = 0.10
    #: How many units owed a report for the period (the missing ones are among them).
    expected_units: int = 0


def default_since(as_of: dt.date) -> dt.date:
    """The last day of the month before `as_of`: a monthly bulletin covers one month."""
    return as_of.replace(day=1) - dt.timedelta(days=1)


def build_bulletin(plan: Plan, progress: Progress, *, as_of: dt.date, since: dt.date, settings: Settings = Settings(),
                   extensions: Iterable[Extension] = (), select: Callable[[TaskStatus], bool] | None = None,
                   scope: str = "", inspections: Inspections | None = None, signoffs: Judged | None = None) -> Bulletin:
    """Every fact of the bulletin as of `as_of`, with changes since `since` (before `as_of`);
    `signoffs` are the office's 销号 standing on `as_of`."""
    extensions = tuple(extensions)
    now = compute_status(plan, progress, as_of, settings, extensions)
    if signoffs is not None:
        now = apply_signoffs(now, signoffs)
    before = compute_status(plan, progress, since, settings, extensions)
    if select is not None:  # a bulletin of some items: a leader's, a unit's
        chosen = {s.task.number for s in now.tasks if select(s)}
        now, before = (StatusReport(r.as_of, tuple(s for s in r.tasks if s.task.number in chosen)) for r in (now, before))
    last_reports = progress.last_reports(as_of)
    reporters = units_reporting(progress, since, as_of)
    owed = find_missing(plan, progress, now, since + dt.timedelta(days=1))
    return Bulletin(
        tolerance=settings.tolerance,
        expected_units=len(owed.expected),
        words=bulletin_words(plan, progress, now, as_of, LAGGING),
        scope=scope,
        plan_title=plan.title,
        year=plan.year,
        as_of=as_of,
        since=since,
        overview=overview(now),
        changes=changes(before, now, progress, since),
        laggards=laggards(plan, now),
        missing=owed.units,
        ranking=ranking(plan, now, reporters, last_reports),
        trends=tuple(trend(plan, s, progress, as_of, extensions) for s in now.tasks),
        late_suggestions=None if inspections is None else tuple(
            s for s in past_due(plan, inspections, as_of) if s.task.number in {t.task.number for t in now.tasks}),
        districts=tuple(t for s in now.tasks for t in s.targets if t.target.quotas),
        partial=tuple(t for s in now.tasks for t in s.targets if t.source == "none" and any(x.value is not None for x in t.shares)),
    )


def overview(report: StatusReport) -> Overview:
    total = len(report.tasks)
    completion = sum(s.completion for s in report.tasks) / total if total else 0.0
    lights = {light: sum(s.light == light for s in report.tasks) for light in ("red", "yellow", "green", "blue")}
    by_status: dict[str, set[str]] = {}
    for s in report.tasks:
        by_status.setdefault(s.status, set()).add(s.light)
    return Overview(total=total, counts=report.summary, completion=completion, lights=lights,
                    status_lights={k: frozenset(v) for k, v in by_status.items()})


def changes(before: StatusReport, now: StatusReport, progress: Progress, since: dt.date) -> Changes:
    """Status changes item by item, and the targets whose standing figure is newer than `since`."""
    pairs = [
        Change(b.task, b.status, a.status, b.completion, a.completion)
        for b, a in zip(before.tasks, now.tasks)
        if b.status != a.status
    ]
    figures = []
    for b, a in zip(before.tasks, now.tasks):
        for tb, ta in zip(b.targets, a.targets):
            if ta.reading is not None and ta.reading.date > since:
                figures.append(NewFigure(a.task, ta.id, ta.target, tb.actual, ta.reading.value, ta.reading.date, ta.reading.unit, ta.reading.note))
            elif ta.source == "sum" and ta.as_of is not None and ta.as_of > since and ta.actual is not None:
                # A sum of shares is no one unit's figure: it says what it is.
                figures.append(NewFigure(a.task, ta.id, ta.target, tb.actual, ta.actual, ta.as_of, SUM_LABEL))
    return Changes(
        newly_done=tuple(c for c in pairs if c.after in FINISHED),
        newly_overdue=tuple(c for c in pairs if c.after == "overdue"),
        newly_behind=tuple(c for c in pairs if c.after == "behind"),
        # Back on schedule: from behind, or from nothing reported, to on track.
        improved=tuple(c for c in pairs if c.after == "on_track" and c.before in ("behind", "not_reported")),
        figures=tuple(figures),
    )


def laggards(plan: Plan, report: StatusReport) -> tuple[Laggard, ...]:
    """Overdue items first (most days overdue first), then behind items (furthest behind
    序时进度 first), then items never reported whose light is red; the plan's order breaks ties."""
    order = (*LAGGING, UNREPORTED)
    chosen = [s for s in report.tasks if s.status in LAGGING or (s.status == UNREPORTED and s.light == "red")]
    chosen.sort(key=lambda s: (order.index(s.status), -s.days_overdue, s.completion - s.expected, s.task.number))
    result = []
    for s in chosen:
        lead = s.task.lead_unit or ""
        result.append(Laggard(s, lead, plan.person(lead), s.task.leader, tuple(t for t in s.targets if not t.met)))
    return tuple(result)


def units_reporting(progress: Progress, since: dt.date, as_of: dt.date) -> frozenset[str]:
    """The units with a report dated after `since` and on or before `as_of`."""
    return frozenset(r.unit for readings in progress.readings.values() for r in readings if since < r.date <= as_of)


def missing_units(plan: Plan, progress: Progress, now: StatusReport, since: dt.date) -> tuple[MissingUnit, ...]:
    """The 催报 list of the period, as `minsheng missing` gives it: every unit with a role in a
    target not met (the lead, a part's unit, each district government on its own), that sent
    no report after `since`. The bulletin's period starts the day after `since`."""
    return find_missing(plan, progress, now, since + dt.timedelta(days=1)).units


def ranking(plan: Plan, report: StatusReport, reporters: frozenset[str], last_reports: dict[str, dt.date]) -> tuple[UnitRank, ...]:
    """Each lead unit, ordered by: fewer overdue items (a deadline missed weighs most), then
    fewer items overdue, behind or not reported, then higher mean completion of its items, then
    a report within the period, then the plan's unit order."""
    led: dict[str, list[TaskStatus]] = {}
    for s in report.tasks:
        if s.task.lead_unit:
            led.setdefault(s.task.lead_unit, []).append(s)
    ranks = [
        UnitRank(
            unit=unit,
            person=plan.person(unit),
            tasks=tuple(s.task.number for s in items),
            finished=sum(s.status in FINISHED for s in items),
            overdue=sum(s.status == "overdue" for s in items),
            wanting=sum(s.status in WANTING for s in items),
            completion=sum(s.completion for s in items) / len(items),
            reported_in_period=unit in reporters,
            last_report=last_reports.get(unit),
        )
        for unit, items in led.items()
    ]
    order = _unit_order(plan)
    ranks.sort(key=lambda r: (r.overdue, r.wanting, -round(r.completion, 9), not r.reported_in_period, order(r.unit)))
    return tuple(ranks)


def _unit_order(plan: Plan):
    positions = {unit: i for i, unit in enumerate(plan.units)}
    return lambda unit: (positions.get(unit, len(positions)), unit)


def trend_dates(start: dt.date, as_of: dt.date) -> list[dt.date]:
    """The last day of each month from `start` up to `as_of`, and `as_of` itself."""
    dates = []
    month = start.replace(day=1)
    while True:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        end = following - dt.timedelta(days=1)
        if end >= as_of:
            break
        if end >= start:
            dates.append(end)
        month = following
    dates.append(as_of)
    return dates


def trend(plan: Plan, status: TaskStatus, progress: Progress, as_of: dt.date, extensions: Iterable[Extension] = ()) -> Trend:
    """An item's completion at each month's end up to `as_of` (its status on `as_of`), against
    its 序时进度; the line runs on to the deadline in force."""
    task = status.task
    days = trend_dates(plan.start_date, as_of)
    past = progress_on(plan, task, progress, days, extensions)
    points = tuple(Point(p.day, p.completion if p.reported else None, p.expected) for p in past)
    deadline = status.deadline or task.deadline
    line = [plan.start_date, *days]
    if deadline > as_of:
        line += [d for d in trend_dates(as_of + dt.timedelta(days=1), deadline) if d > as_of]
    # The line's shape is the deadline in force on `as_of`: a later day must not read an
    # extension approved after the bulletin's date.
    shares = [(day, expected_progress(plan, task, day, deadline)) for day in line]
    return Trend(task, plan.start_date, deadline, points, tuple(shares))
