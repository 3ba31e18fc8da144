"""The status engine's work grows in step with the readings: pinned by counting the readings it
looks at, not by timing it."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress, Reading
from minsheng_cli.engine.cityfigure import city_figure
from minsheng_cli.engine.status import _done_on, compute_status, is_met


class CountingHistory(list):
    """A target's history that counts every reading taken from it."""

    looked_at = 0

    def __iter__(self):
        for reading in super().__iter__():
            CountingHistory.looked_at += 1
            yield reading

    def __getitem__(self, index):
        item = super().__getitem__(index)
        CountingHistory.looked_at += len(item) if isinstance(index, slice) else 1
        return item


def daily(plan: Plan, reports: int, *, history=list) -> Progress:
    """Every target of the plan reported by its item's lead unit once a day, rising to its goal."""
    readings: dict[str, list[Reading]] = {}
    for tid, ref in plan.targets.items():
        unit = ref.task.lead_unit or ref.task.units[0]
        goal = ref.target.value or 1
        readings[tid] = history(
            Reading(dt.date(2025, 1, 1) + dt.timedelta(days=day), tid, unit,
                    day + 1 >= reports if ref.target.kind == "milestone" else goal * (day + 1) / reports + 1)
            for day in range(reports)
        )
    return Progress(readings, reports)


def work(plan: Plan, reports: int) -> int:
    """Readings looked at by one `compute_status` over `reports` daily reports."""
    progress = daily(plan, reports, history=CountingHistory)
    CountingHistory.looked_at = 0
    result = compute_status(plan, progress, dt.date(2025, 12, 31))
    assert all(task.status in ("done", "done_late") for task in result.tasks)
    return CountingHistory.looked_at


def test_status_looks_at_each_reading_a_bounded_number_of_times(plan: Plan) -> None:
    readings = 365 * len(plan.targets)
    # The city figure, the history kept in each target's status, and the pass for done_on: each once.
    assert work(plan, 365) <= 3 * readings


def test_a_daily_reporter_costs_ten_times_a_monthly_one_not_a_hundred(plan: Plan) -> None:
    assert work(plan, 360) <= 10 * work(plan, 36) * 1.05


def _done_on_by_rescanning(task, progress: Progress, as_of: dt.date) -> dt.date | None:
    """The rule as first written: every target's city figure found anew for every date."""
    dates = sorted({r.date for tid in task.targets for r in progress.of(tid) if r.date <= as_of})
    done_on = None
    for day in dates:
        standing = {tid: city_figure(task, tid, progress.of(tid), day)[0] for tid in task.targets}
        if not all(is_met(task.targets[tid], f.value) for tid, f in standing.items()):
            done_on = None
        elif done_on is None:
            done_on = day
    return done_on


@pytest.mark.parametrize("seed", range(40))
def test_one_pass_agrees_with_rescanning_every_date(plan: Plan, seed: int) -> None:
    # Corrections, several units on one date, readings after as_of: the cases where the
    # standing reading is not simply the last one.
    rng = random.Random(seed)
    task = plan.task(rng.choice([t.number for t in plan.tasks if len(t.units) > 1 or len(t.targets) > 1]))
    units = [*plan.responsible(task), "市外单位"]
    readings: dict[str, list[Reading]] = {}
    for tid, target in task.targets.items():
        history = []
        for _ in range(rng.randint(1, 12)):
            date = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
            goal = target.value or 1
            value = rng.random() < 0.8 if target.kind == "milestone" else rng.choice([goal * 0.5, goal, goal + 1, goal * 2])
            history.append(Reading(date, tid, rng.choice(units), value, path=str(rng.random())))
        readings[tid] = sorted(history, key=lambda r: (r.date, r.unit, r.path))
    progress = Progress(readings)
    as_of = dt.date(2025, rng.randint(6, 12), 28)
    assert _done_on(task, progress, as_of) == _done_on_by_rescanning(task, progress, as_of)
