"""The status engine: how far each item is, as of a date, against its targets and deadline.

Pure computation over a plan and its progress; nothing here reads files or prints.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from dataclasses import dataclass, field

from minsheng_cli.plan import Plan, Target, Task
from minsheng_cli.progress import Progress, Reading

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
FLAG_LABELS = {"due_soon": "临期", "stale": "数据陈旧", "unreported": "从未填报"}


@dataclass(frozen=True)
class Settings:
    """The thresholds of the status rules; the defaults are the supervision office's."""

    tolerance: float = 0.10
    due_soon_days: int = 30
    stale_days: int = 45


@dataclass(frozen=True)
class TargetStatus:
    id: str
    target: Target
    actual: int | float | bool | None
    met: bool
    ratio: float
    as_of: dt.date | None
    history: tuple[Reading, ...]
    #: The reading the actual value comes from.
    reading: Reading | None = None


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    status: str
    flags: tuple[str, ...]
    completion: float
    expected: float
    done_on: dt.date | None
    days_overdue: int
    targets: tuple[TargetStatus, ...] = field(default=())

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class StatusReport:
    as_of: dt.date
    tasks: tuple[TaskStatus, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for task in self.tasks:
            counts[task.status] += 1
        return counts


def is_met(target: Target, actual: int | float | bool | None) -> bool:
    """Whether a value satisfies a target: `>` needs strictly more, a milestone needs true."""
    if actual is None:
        return False
    if target.kind == "milestone":
        return actual is True
    if isinstance(actual, bool):
        return False
    assert target.value is not None
    return actual > target.value if target.op == ">" else actual >= target.value


#: The highest ratio of a target that is not met: exactly 80 against "超 80 场次" is 80/80, yet
#: not done, and a bar must not say 100% for it.
UNMET_CAP = 0.99


def ratio_of(target: Target, actual: int | float | bool | None) -> float:
    """Completion of one target: actual / target capped at 1 (at 0.99 while not met); a
    milestone is 0 or 1."""
    if actual is None or isinstance(actual, bool) or target.kind == "milestone":
        return 1.0 if actual is True and target.kind == "milestone" else 0.0
    if is_met(target, actual):
        return 1.0
    assert target.value
    return min(actual / target.value, UNMET_CAP)


def _latest(history: list[Reading], as_of: dt.date, rank: dict[str, int]) -> Reading | None:
    """The reading that stands for a target on `as_of`.

    The lead unit compiles the city's figure, so its latest reading on or before `as_of` is
    used whenever it has reported the target. Otherwise the latest reading of the unit listed
    first in the plan among those that reported it: a named co-responsible unit (市农业农村局
    for its 其中 part) before the district governments, whose figures are their own share.
    """
    best: Reading | None = None
    best_key: tuple = ()
    for reading in history:
        if reading.date > as_of:
            break
        position = rank.get(reading.unit, len(rank))
        key = (position == 0, -position, reading.date)
        if best is None or key > best_key:
            best, best_key = reading, key
    return best


def unit_ranks(plan: Plan, task: Task) -> dict[str, int]:
    """Each unit that may report for `task` by its place: 0 for the lead unit, then the
    plan's order; a district government takes the place of 各县（市、区）政府."""
    ranks = {}
    for position, unit in enumerate(task.units, start=1):
        members = plan.districts.values() if unit == plan.all_districts else ()
        for name in (unit, *members):
            ranks.setdefault(name, position)
    if task.lead_unit is not None:
        ranks[task.lead_unit] = 0
    return ranks


def expected_progress(plan: Plan, task: Task, as_of: dt.date) -> float:
    """序时进度: the share of the time from the plan's start to the deadline that has passed."""
    total = (task.deadline - plan.start_date).days
    if total <= 0:
        return 1.0
    return min(max((as_of - plan.start_date).days / total, 0.0), 1.0)


def _done_on(task: Task, progress: Progress, as_of: dt.date, rank: dict[str, int]) -> dt.date | None:
    """The date of the report that made every target met for good by `as_of`: a correction
    that undid it starts the wait again.

    One pass over the item's readings in date order, keeping the reading that stands for each
    target as `_latest` would choose it, and how many targets it meets: each reading is looked
    at once, however many reports there are.
    """
    readings = heapq.merge(*(progress.of(tid) for tid in task.targets), key=_BY_DATE)
    standing: dict[str, tuple] = {}  # target id -> the key of its standing reading, as in _latest
    met: set[str] = set()
    done_on = None
    day = None
    for reading in readings:
        if reading.date > as_of:
            break
        if reading.date != day:
            done_on = _still_done(done_on, day, len(met) == len(task.targets))
            day = reading.date
        position = rank.get(reading.unit, len(rank))
        key = (position == 0, -position, reading.date)
        if reading.target not in standing or key > standing[reading.target]:
            standing[reading.target] = key
            if is_met(task.targets[reading.target], reading.value):
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


def task_status(plan: Plan, task: Task, progress: Progress, as_of: dt.date, settings: Settings = Settings()) -> TaskStatus:
    """One item's status as of `as_of`: the first rule of STATUSES that applies, with flags."""
    rank = unit_ranks(plan, task)
    targets = []
    for tid, target in task.targets.items():
        history = progress.of(tid)
        reading = _latest(history, as_of, rank)
        actual = None if reading is None else reading.value
        targets.append(
            TargetStatus(
                id=tid, target=target, actual=actual, met=is_met(target, actual), ratio=ratio_of(target, actual),
                as_of=None if reading is None else reading.date,
                history=tuple(r for r in history if r.date <= as_of),
                reading=reading,
            )
        )
    completion = sum(t.ratio for t in targets) / len(targets)
    expected = expected_progress(plan, task, as_of)
    done = all(t.met for t in targets)
    done_on = _done_on(task, progress, as_of, rank) if done else None
    reported = any(t.actual is not None for t in targets)
    if done and done_on is not None and done_on <= task.deadline:
        status = "done"
    elif done:
        status = "done_late"
    elif as_of > task.deadline:
        status = "overdue"
    elif not reported:
        status = "not_reported"
    elif completion < expected - settings.tolerance:
        status = "behind"
    else:
        status = "on_track"
    flags = []
    if not done and 0 <= (task.deadline - as_of).days <= settings.due_soon_days:
        flags.append("due_soon")
    latest = max((t.as_of for t in targets if t.as_of is not None), default=None)
    if not done and latest is not None and (as_of - latest).days > settings.stale_days:
        flags.append("stale")
    if status == "overdue" and not reported:
        flags.append("unreported")  # past the deadline, the status no longer says so
    return TaskStatus(
        task=task, status=status, flags=tuple(flags), completion=completion, expected=expected, done_on=done_on,
        days_overdue=(as_of - task.deadline).days if status == "overdue" else 0,
        targets=tuple(targets),
    )


def compute_status(plan: Plan, progress: Progress, as_of: dt.date, settings: Settings = Settings()) -> StatusReport:
    """The status of every item of the plan as of `as_of`."""
    return StatusReport(as_of, tuple(task_status(plan, task, progress, as_of, settings) for task in plan.tasks))
