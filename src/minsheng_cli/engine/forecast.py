"""Forecast: where a count target will be at its deadline at the recent pace.

The method, in plain words:
- Only count targets (累计数量) are projected: a rate, a standard or a reduction is a level, not
  a total that grows at a pace, and a milestone is done or not. A target already met needs no
  projection; neither does one whose deadline has passed (its status already says so), nor an
  upper bound (不超过, 低于): staying under a ceiling is a level kept, not a total that a pace
  reaches, so its status and light say where it stands.
- The readings used are those of the unit whose figure stands for the target (the lead unit,
  as in the status), on or before the as-of date; later ones are ignored.
- Two readings at least are needed: one figure says nothing about a pace.
- The pace is the change per day from the first to the last reading of the last 90 days
  (readings dated on or after the as-of date minus 90 days). With fewer than two readings in
  that window, it is taken over the whole history instead, from the first reading to the last.
- A correction that lowered the count says the figures above it were overstated: readings
  higher than a later one are left out of the pace. A pace of zero (no change) counts as no
  progress: the projection stays at the last figure and there is no date of reaching the target.
- The projection at the deadline is the last figure plus the pace times the days left, rounded
  down (to whole counts, else to 0.01), so it never overstates; it meets the target by the target's own
  comparison (超 needs strictly more). The date of reaching it is the first day on which the
  line meets the target, which may be after the deadline.
Limits: a straight line from two figures; back-loaded work (construction) looks late until it
is not, so read a forecast together with the item's 序时安排.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from minsheng_cli.model.plan import Target
from minsheng_cli.model.progress import Reading

WINDOW_DAYS = 90
BASIS_LABELS = {"recent": f"近 {WINDOW_DAYS} 天", "all": "全部填报"}


@dataclass(frozen=True)
class Forecast:
    """A count target's projection at the recent pace."""

    basis: str  # "recent" (the last 90 days) or "all" (the whole history)
    since: dt.date  # the first reading of the pace
    last: dt.date  # the last reading of the pace
    pace: float  # per day
    at_deadline: int | float
    meets: bool
    reach_on: dt.date | None  # None: not at this pace


def forecast_target(target: Target, readings: list[Reading], *, as_of: dt.date, deadline: dt.date, met: bool) -> Forecast | None:
    """The projection of one target from the readings of its standing unit (oldest first), or
    None when none is made (see the module's docstring)."""
    if target.kind != "count" or met or as_of > deadline or target.value is None or target.upper_bound:
        return None
    points = _corrected([r for r in readings if r.date <= as_of and r.value is not None and not isinstance(r.value, bool)])
    if len(points) < 2:
        return None
    recent = [r for r in points if r.date >= as_of - dt.timedelta(days=WINDOW_DAYS)]
    basis, used = ("recent", recent) if len(recent) >= 2 else ("all", points)
    first, last = used[0], used[-1]
    if last.date <= first.date:  # one unit reports one figure a day; nothing to measure
        return None
    pace = (last.value - first.value) / (last.date - first.date).days
    whole = all(isinstance(r.value, int) for r in used)
    if pace > 0:
        projected = last.value + pace * (deadline - last.date).days
        # Rounded down, so a projection never overstates: whole counts, else to 0.01.
        projected = math.floor(projected + 1e-9) if whole else math.floor(projected * 100 + 1e-9) / 100
        needed = target.value - last.value
        days = math.floor(needed / pace + 1e-9) + 1 if target.op == ">" else math.ceil(needed / pace - 1e-9)
        reach_on = last.date + dt.timedelta(days=max(days, 0))
    else:
        projected, reach_on = last.value, None
    meets = projected > target.value if target.op == ">" else projected >= target.value
    return Forecast(basis, first.date, last.date, pace, projected, meets, reach_on)


def _corrected(readings: list[Reading]) -> list[Reading]:
    """The readings without those a later, lower figure corrected (one pass from the end)."""
    kept: list[Reading] = []
    for r in reversed(readings):
        if not kept or r.value <= kept[-1].value:
            kept.append(r)
    return kept[::-1]
