"""The supervision office's rules: thresholds from the plan's `rules:` (or the defaults), with
command-line options over them, and the light (亮灯) each item gets.

A light says how far an item is from 序时进度, in the bands the office chose:
- blue 蓝灯: done (已完成 or 逾期完成);
- red 红灯: overdue (已逾期), or more than `red` below 序时进度;
- yellow 黄灯: more than `yellow` below 序时进度;
- green 绿灯: everything else, that is on or above 序时进度 or at most `yellow` below it.
"Below" is in percentage points (`by: points`: 序时 79%, done 60% is 19 points below) or as a
share of 序时进度 (`by: share`: 19/79 = 24% below). Exactly on a band's edge takes the milder
light, as 进度滞后 needs more than the tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from minsheng_cli.model.plan import Rules

LIGHTS = ("green", "yellow", "red", "blue")
LIGHT_LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "blue": "蓝灯"}
#: Statuses whose light the status alone decides; the others take the bands' light.
STATUS_LIGHTS = {"done": "blue", "done_late": "blue", "overdue": "red"}
#: Float arithmetic must not move an item across a band's edge: 0.5 − 0.4 is 0.0999….
EPSILON = 1e-9


@dataclass(frozen=True)
class Settings:
    """The thresholds of the status rules; the defaults are the supervision office's."""

    tolerance: float = 0.10
    due_soon_days: int = 30
    stale_days: int = 45
    #: Light bands, as ratios: points below 序时进度, or shares of it (`light_by`).
    yellow: float = 0.10
    red: float = 0.30
    light_by: str = "points"
    #: 连续滞后 after this many month-ends in a row behind or red.
    escalation_months: int = 2


def settings_for(rules: Rules | None, *, tolerance: float | None = None, due_soon_days: int | None = None, stale_days: int | None = None) -> Settings:
    """The plan's rules over the defaults, and options given on the command line over both.
    `tolerance` is in percentage points, as the option and the plan write it."""
    base = Settings()
    r = rules
    lights = r.lights if r is not None else None

    def pick(option, planned, default):
        return option if option is not None else planned if planned is not None else default

    return Settings(
        tolerance=pick(tolerance, r.tolerance if r else None, base.tolerance * 100) / 100,
        due_soon_days=pick(due_soon_days, r.due_soon_days if r else None, base.due_soon_days),
        stale_days=pick(stale_days, r.stale_days if r else None, base.stale_days),
        yellow=lights.yellow / 100 if lights else base.yellow,
        red=lights.red / 100 if lights else base.red,
        light_by=lights.by if lights else base.light_by,
        escalation_months=pick(None, r.escalation_months if r else None, base.escalation_months),
    )


def shortfall(completion: float, expected: float, settings: Settings) -> float:
    """How far completion is below 序时进度, in the unit of the light bands (0 when not below)."""
    gap = max(expected - completion, 0.0)
    if settings.light_by == "share":
        return gap / expected if expected > 0 else 0.0
    return gap


def is_behind(completion: float, expected: float, settings: Settings) -> bool:
    """进度滞后: completion more than the tolerance (points) below 序时进度."""
    return expected - completion > settings.tolerance + EPSILON


def light_of(status: str, completion: float, expected: float, settings: Settings) -> str:
    """The item's light; see the module's docstring for the mapping."""
    return STATUS_LIGHTS.get(status) or band_of(completion, expected, settings)


def band_of(completion: float, expected: float, settings: Settings) -> str:
    """green, yellow or red by the bands alone: how far completion is below 序时进度."""
    below = shortfall(completion, expected, settings)
    if below > settings.red + EPSILON:
        return "red"
    if below > settings.yellow + EPSILON:
        return "yellow"
    return "green"
