"""The city figure of a target (全市数): which reading, if any, stands for the whole city.

The rule, in the order it is tried (see model/roles.py for who reports what):
1. the total's reporter (the lead unit, which compiles the city's figures): its latest reading
   wins whenever it has reported the target, parts included;
2. for a part (`reported_by`), the designated unit's latest reading;
3. for a target with quotas, once every unit with a quota has reported, the sum of their latest
   readings — marked 各县（市、区）合计 wherever it is shown;
4. otherwise there is no city figure. A share (a district's or a co-unit's own figure) never
   stands in for it; outputs list the shares as 部分单位已报.

`Tally` takes a target's readings oldest first and says the figure after each, so a status,
a day-by-day trend and the date an item became done all apply the one rule in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minsheng_cli.model.plan import Task
from minsheng_cli.model.progress import Reading

#: How a target's `actual` was found (status JSON `source`).
SOURCES = ("total", "part", "sum", "none")
SOURCE_LABELS = {"total": "牵头单位报全市数", "part": "指定单位报本部分", "sum": "各县（市、区）合计", "none": "未报全市数"}
#: The mark of a city figure made by adding up the shares.
SUM_LABEL = "各县（市、区）合计"
#: What outputs say of a target that has shares but no city figure.
PARTIAL_LABEL = "部分单位已报"


@dataclass(frozen=True)
class CityFigure:
    """The figure that stands for the city on a day, and how it was found."""

    value: int | float | bool | None
    source: str
    #: The reading it is (the total's or the part's); None for a sum or no figure.
    reading: Reading | None = None
    #: The date of that reading; for a sum, of the latest share in it.
    as_of: dt.date | None = None


NO_FIGURE = CityFigure(None, "none")


class Tally:
    """One target's readings as they come in, oldest first, and the city figure they give."""

    __slots__ = ("lead", "part", "quotas", "total", "latest")

    def __init__(self, task: Task, target_id: str) -> None:
        target = task.targets[target_id]
        self.lead = task.lead_unit
        self.part = target.reported_by
        self.quotas = tuple(target.quotas) if target.quotas and target.kind == "count" else ()
        self.total: Reading | None = None
        #: Each other unit's latest reading: the shares (and the part).
        self.latest: dict[str, Reading] = {}

    def add(self, reading: Reading) -> None:
        if reading.value is None:
            return  # "no new figure": the unit's last figure still stands
        if reading.unit == self.lead:
            self.total = reading
        else:
            self.latest[reading.unit] = reading

    def figure(self) -> CityFigure:
        if self.total is not None:
            return CityFigure(self.total.value, "total", self.total, self.total.date)
        if self.part is not None and self.part in self.latest:
            r = self.latest[self.part]
            return CityFigure(r.value, "part", r, r.date)
        if self.quotas and all(unit in self.latest for unit in self.quotas):
            shares = [self.latest[unit] for unit in self.quotas]
            total = sum(r.value for r in shares)
            return CityFigure(round(total, 9) if isinstance(total, float) else total, "sum", None, max(r.date for r in shares))
        return NO_FIGURE

def city_figure(task: Task, target_id: str, history: list[Reading], as_of: dt.date) -> tuple[CityFigure, dict[str, Reading]]:
    """The city figure of a target on `as_of`, and each other unit's latest reading that day."""
    tally = Tally(task, target_id)
    for reading in history:
        if reading.date > as_of:
            break
        tally.add(reading)
    return tally.figure(), tally.latest


def standing(task: Task, target_id: str, history: list[Reading], days: list[dt.date]) -> list[CityFigure]:
    """The city figure on each of `days` (ascending), in one pass over `history`."""
    tally = Tally(task, target_id)
    found = []
    i = 0
    for day in days:
        while i < len(history) and history[i].date <= day:
            tally.add(history[i])
            i += 1
        found.append(tally.figure())
    return found
