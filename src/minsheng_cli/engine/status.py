"""The status engine: how far each item is, as of a date, against its targets and deadline.

Pure computation over a plan and its progress; nothing here reads files or prints. Each target
stands at its city figure (see `cityfigure`: the lead's, a part's unit's, a sum of quota
shares, never one share) and lists each unit's own part (see `shares`). Each item
gets a status, flags, a light (see `rules`), its expected progress (see `schedule`), forecasts
of its count targets (see `forecast`) and its deadline after approved extensions (see
`adjustments`). The work is linear in the number of readings.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from minsheng_cli.engine.cityfigure import Tally, city_figure, standing
from minsheng_cli.engine.forecast import Forecast, forecast_target
from minsheng_cli.model.plan import Plan, Target, Task
from minsheng_cli.model.progress import Progress, Reading
from minsheng_cli.engine.rules import Settings, band_of, is_behind, light_of
from minsheng_cli.engine.shares import Share, shares_of
from minsheng_cli.model.schedule import expected_share, nodes_of

if TYPE_CHECKING:
    from minsheng_cli.model.adjustments import Extension, Ruling
    from minsheng_cli.model.signoffs import SignOff

__all__ = ["Settings", "compute_status", "task_status", "progress_on", "expected_progress", "is_met", "ratio_of"]

#: Statuses in the order the rules are tried; the first that applies is the item's status.
STATUSES = ("done", "done_late", "overdue", "not_reported", "behind", "on_track")
STATUS_LABELS = {
    "done": "已完成",
    "done_late": "逾期完成",
    "overdue": "已逾期",
    "not_reported": "未填报",
    "behind": "进度滞后",
    "on_track": "按进度推进",
}
FLAG_LABELS = {
    "due_soon": "临期", "stale": "数据陈旧", "unreported": "从未填报",
    "at_risk": "预计逾期", "persistently_behind": "连续滞后",
}


@dataclass(frozen=True)
class TargetStatus:
    """One target of an item as of a date: the standing figure and whether it meets the target."""

    id: str
    target: Target
    actual: int | float | bool | None
    met: bool
    ratio: float
    as_of: dt.date | None
    history: tuple[Reading, ...]
    #: The reading the actual value comes from (None for a sum of shares, or no figure).
    reading: Reading | None = None
    #: How `actual` was found: a key of cityfigure.SOURCES (the total's reporter, a part's
    #: unit, a sum of the quota units' shares, or none).
    source: str = "none"
    #: Each unit's own part (分县（市、区）情况): the quota units', then any other unit's own
    #: latest figure; never the total's reporter's.
    shares: tuple[Share, ...] = ()
    #: The share of the target expected done by the as-of date (序时进度 of this target).
    expected: float = 0.0
    forecast: Forecast | None = None


@dataclass(frozen=True)
class TaskStatus:
    """One item as of a date: its status (a key of STATUSES), flags, completion against 序时进度,
    light and deadline in force. Every output reads these facts from here."""

    task: Task
    status: str
    flags: tuple[str, ...]
    completion: float
    expected: float
    done_on: dt.date | None
    days_overdue: int
    targets: tuple[TargetStatus, ...] = field(default=())
    light: str = "green"
    #: The deadline in force: the plan's, or an approved extension's.
    deadline: dt.date | None = None
    #: Extensions approved by the as-of date, each judged (counted or not).
    extensions: tuple[Ruling, ...] = ()
    #: The office's 销号 standing for a finished item (set by `engine/signoffs.apply_signoffs`).
    signoff: SignOff | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def extended(self) -> bool:
        return self.deadline is not None and self.deadline != self.task.deadline


@dataclass(frozen=True)
class StatusReport:
    """Every item's status as of one date, in the plan's order."""

    as_of: dt.date
    tasks: tuple[TaskStatus, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for task in self.tasks:
            counts[task.status] += 1
        return counts


_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}


def is_met(target: Target, actual: int | float | bool | None) -> bool:
    """Whether a value satisfies a target: `>` needs strictly more, `<=` at most the value,
    `<` strictly less; a milestone needs true."""
    if actual is None:
        return False
    if target.kind == "milestone":
        return actual is True
    if isinstance(actual, bool):
        return False
    assert target.value is not None and target.op is not None
    return _COMPARE[target.op](actual, target.value)


#: The highest ratio of a target that is not met: exactly 80 against "超 80 场次" is 80/80, yet
#: not done, and a bar must not say 100% for it.
UNMET_CAP = 0.99


def ratio_of(target: Target, actual: int | float | bool | None) -> float:
    """Completion of one target: actual / target capped at 1 (at 0.99 while not met); a
    milestone is 0 or 1.

    An upper bound (不超过 3%) is met at or below its value and then counts 1; above it, the
    ratio is value / actual, how near the figure is to the ceiling (4% against 不超过 3% is
    0.75), capped at 0.99 like any target not met, and 0 for a ceiling of 0."""
    if actual is None or isinstance(actual, bool) or target.kind == "milestone":
        return 1.0 if actual is True and target.kind == "milestone" else 0.0
    if is_met(target, actual):
        return 1.0
    assert target.value is not None
    if target.upper_bound:
        return min(target.value / actual, UNMET_CAP) if actual > 0 else UNMET_CAP
    assert target.value
    return min(actual / target.value, UNMET_CAP)


def target_expected(plan: Plan, task: Task, target: Target, day: dt.date, deadline: dt.date | None = None) -> float:
    """序时进度 of one target: its own schedule, else the item's, else a straight line."""
    deadline = deadline or task.deadline
    if target.schedule:
        return expected_share(plan.start_date, deadline, day, nodes_of(target.schedule), step=target.kind == "milestone")
    return expected_share(plan.start_date, deadline, day, nodes_of(task.schedule))


def expected_progress(plan: Plan, task: Task, as_of: dt.date, deadline: dt.date | None = None) -> float:
    """序时进度: the share of the time from the plan's start to the deadline that has passed;
    with schedules, the mean of the targets' expected shares (as completion is the mean of
    their ratios)."""
    deadline = deadline or task.deadline
    if task.schedule is None and not any(t.schedule for t in task.targets.values()):
        total = (deadline - plan.start_date).days
        if total <= 0:
            return 1.0
        return min(max((as_of - plan.start_date).days / total, 0.0), 1.0)
    shares = [target_expected(plan, task, t, as_of, deadline) for t in task.targets.values()]
    return sum(shares) / len(shares)


def _done_on(task: Task, progress: Progress, as_of: dt.date) -> dt.date | None:
    """The date of the report that made every target met for good by `as_of`: a correction
    that undid it starts the wait again.

    One pass over the item's readings in date order, keeping each target's city figure (see
    `cityfigure`) and how many targets it meets: each reading is looked at once, however many
    reports there are.
    """
    readings = heapq.merge(*(progress.of(tid) for tid in task.targets), key=_BY_DATE)
    tallies = {tid: Tally(task, tid) for tid in task.targets}
    met: set[str] = set()
    done_on = None
    day = None
    for reading in readings:
        if reading.date > as_of:
            break
        if reading.date != day:
            done_on = _still_done(done_on, day, len(met) == len(task.targets))
            day = reading.date
        tally = tallies[reading.target]
        tally.add(reading)
        if is_met(task.targets[reading.target], tally.figure().value):
            met.add(reading.target)
        else:
            met.discard(reading.target)
    return _still_done(done_on, day, len(met) == len(task.targets))


_BY_DATE = operator.attrgetter("date")


def _still_done(done_on: dt.date | None, day: dt.date | None, done: bool) -> dt.date | None:
    """`done_on` after the readings of `day`: kept while done, `day` when it became done."""
    if not done:
        return None
    return done_on if done_on is not None else day


def month_ends(start: dt.date, as_of: dt.date, count: int) -> list[dt.date]:
    """The last `count` month-ends after `start` and on or before `as_of`, oldest first."""
    ends: list[dt.date] = []
    day = as_of.replace(day=1) - dt.timedelta(days=1)  # the month-end before as_of's month
    if (as_of + dt.timedelta(days=1)).day == 1:
        day = as_of
    while len(ends) < count and day > start:
        ends.append(day)
        day = day.replace(day=1) - dt.timedelta(days=1)
    return ends[::-1]


@dataclass(frozen=True)
class DayProgress:
    """How far an item was on one day, from the history known that day: the completion and
    序时进度 that its status on that day would show, without the rest of the status."""

    day: dt.date
    completion: float
    expected: float
    #: Whether any target had a figure by then.
    reported: bool
    #: Whether every target was met by then.
    met: bool
    #: The deadline in force that day (extensions approved by then included).
    deadline: dt.date


def progress_on(plan: Plan, task: Task, progress: Progress, days: list[dt.date], extensions: Iterable[Extension] = ()) -> list[DayProgress]:
    """The item's completion and 序时进度 on each of `days` (ascending), as `task_status` would
    compute them on that day: the same city figures (see `cityfigure`), schedules and
    extensions. One pass over each target's readings; this is what trends and 连续滞后 use
    instead of a full status."""
    from minsheng_cli.model.adjustments import rulings

    extensions = tuple(extensions)
    figures = {tid: standing(task, tid, progress.of(tid), days) for tid in task.targets}
    found = []
    for i, day in enumerate(days):
        deadline = rulings(task, extensions, day)[1]
        values = {tid: figures[tid][i].value for tid in task.targets}
        found.append(DayProgress(
            day=day,
            completion=sum(ratio_of(t, values[tid]) for tid, t in task.targets.items()) / len(task.targets),
            expected=expected_progress(plan, task, day, deadline),
            reported=any(v is not None for v in values.values()),
            met=all(is_met(t, values[tid]) for tid, t in task.targets.items()),
            deadline=deadline,
        ))
    return found


def persistently_behind(plan: Plan, task: Task, progress: Progress, as_of: dt.date, settings: Settings,
                        extensions: Iterable[Extension] = ()) -> bool:
    """连续滞后: at each of the last N month-ends (N = escalation_months) the item was not done
    and was overdue, more than the tolerance below 序时进度, or red, from the history known on
    that day."""
    days = month_ends(plan.start_date, as_of, settings.escalation_months)
    if len(days) < settings.escalation_months:
        return False
    for p in progress_on(plan, task, progress, days, extensions):
        if p.met:
            return False
        late = p.day > p.deadline
        if not (late or is_behind(p.completion, p.expected, settings) or band_of(p.completion, p.expected, settings) == "red"):
            return False
    return True


def task_status(plan: Plan, task: Task, progress: Progress, as_of: dt.date, settings: Settings = Settings(),
                extensions: Iterable[Extension] = ()) -> TaskStatus:
    """One item's status as of `as_of`: the first rule of STATUSES that applies, with flags."""
    from minsheng_cli.model.adjustments import rulings

    extensions = tuple(extensions)
    judged, deadline = rulings(task, extensions, as_of)
    targets = []
    for tid, target in task.targets.items():
        history = progress.of(tid)
        figure, latest = city_figure(task, tid, history, as_of)
        expected_share = target_expected(plan, task, target, as_of, deadline)
        reading, actual = figure.reading, figure.value
        met = is_met(target, actual)
        forecast = None
        if reading is not None and target.kind == "count" and not met:
            own = [r for r in history if r.unit == reading.unit]
            forecast = forecast_target(target, own, as_of=as_of, deadline=deadline, met=met)
        targets.append(
            TargetStatus(
                id=tid, target=target, actual=actual, met=met, ratio=ratio_of(target, actual),
                as_of=figure.as_of,
                history=tuple(r for r in history if r.date <= as_of),
                reading=reading,
                source=figure.source,
                shares=shares_of(plan, task, target, latest, expected=expected_share, deadline=deadline, as_of=as_of, settings=settings),
                expected=expected_share,
                forecast=forecast,
            )
        )
    completion = sum(t.ratio for t in targets) / len(targets)
    expected = expected_progress(plan, task, as_of, deadline)
    done = all(t.met for t in targets)
    done_on = _done_on(task, progress, as_of) if done else None
    reported = any(t.actual is not None for t in targets)
    if done and done_on is not None and done_on <= deadline:
        status = "done"
    elif done:
        status = "done_late"
    elif as_of > deadline:
        status = "overdue"
    elif not reported:
        status = "not_reported"
    elif is_behind(completion, expected, settings):
        status = "behind"
    else:
        status = "on_track"
    flags = []
    if not done and 0 <= (deadline - as_of).days <= settings.due_soon_days:
        flags.append("due_soon")
    latest = max((t.as_of for t in targets if t.as_of is not None), default=None)
    if not done and latest is not None and (as_of - latest).days > settings.stale_days:
        flags.append("stale")
    if status == "overdue" and not reported:
        flags.append("unreported")  # past the deadline, the status no longer says so
    if not done and any(t.forecast is not None and not t.forecast.meets for t in targets):
        flags.append("at_risk")
    if not done and persistently_behind(plan, task, progress, as_of, settings, extensions):
        flags.append("persistently_behind")
    return TaskStatus(
        task=task, status=status, flags=tuple(flags), completion=completion, expected=expected, done_on=done_on,
        days_overdue=(as_of - deadline).days if status == "overdue" else 0,
        targets=tuple(targets),
        light=light_of(status, completion, expected, settings),
        deadline=deadline,
        extensions=judged,
    )


def compute_status(plan: Plan, progress: Progress, as_of: dt.date, settings: Settings = Settings(),
                   extensions: Iterable[Extension] = ()) -> StatusReport:
    """The status of every item of the plan as of `as_of`, with the approved extensions."""
    extensions = tuple(extensions)
    return StatusReport(as_of, tuple(task_status(plan, task, progress, as_of, settings, extensions) for task in plan.tasks))
