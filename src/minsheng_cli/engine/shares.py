"""Each unit's own part of a target (分县（市、区）情况): a district's or a co-unit's own figure
against its own quota, where the plan breaks the target down (`quotas`).

A share is never the city's figure (see `cityfigure`); it is the unit's own progress. With a
quota it has a completion (own figure / quota, capped as the city's is), the target's 序时进度
and a light by the same bands; without one, its figure alone, without a ratio.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minsheng_cli.engine.rules import Settings, band_of
from minsheng_cli.model.plan import Plan, Target, Task
from minsheng_cli.model.progress import Reading

#: The highest own ratio short of the quota, as for the city's figure (99% is not done).
_UNMET_CAP = 0.99


@dataclass(frozen=True)
class Share:
    """One unit's own latest figure for a target, and its progress against its quota."""

    unit: str
    #: Where the figure is from, as people say it: 台山市 for 台山市政府, else the unit.
    place: str
    quota: int | float | None
    value: int | float | bool | None
    as_of: dt.date | None
    note: str | None = None
    #: Own figure / quota, capped at 1 (0.99 while short); None without a quota.
    ratio: float | None = None
    met: bool = False
    #: The light by the bands (blue when met, red past the deadline); None without a quota.
    light: str | None = None


def place_of(plan: Plan, unit: str) -> str:
    """台山市 for 台山市政府; any other unit is its own name."""
    for district, government in plan.districts.items():
        if government == unit:
            return district
    return unit


def shares_of(plan: Plan, task: Task, target: Target, latest: dict[str, Reading], *, expected: float, deadline: dt.date,
              as_of: dt.date, settings: Settings) -> tuple[Share, ...]:
    """Every unit with a quota (reported or not), then every other unit that reported its own
    figure, in the plan's order; the total's reporter is not among them."""
    quotas = target.quotas or {}
    order = {unit: i for i, unit in enumerate(plan.responsible(task))}
    others = sorted((u for u in latest if u not in quotas), key=lambda u: (order.get(u, len(order)), u))
    found = []
    for unit in [*quotas, *others]:
        reading = latest.get(unit)
        value = None if reading is None else reading.value
        quota = quotas.get(unit)
        ratio, met, light = None, False, None
        if quota is not None:
            number = value if isinstance(value, int | float) and not isinstance(value, bool) else 0
            met = number >= quota
            ratio = 1.0 if met else min(number / quota, _UNMET_CAP)
            light = "blue" if met else "red" if as_of > deadline else band_of(ratio, expected, settings)
        found.append(Share(unit, place_of(plan, unit), quota, value, None if reading is None else reading.date,
                           None if reading is None else reading.note, ratio, met, light))
    return tuple(found)
