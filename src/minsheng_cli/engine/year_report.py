"""The year-end report (民生实事完成情况报告) to the congress, as facts: each item's final status
and figures, the approved extensions, the 督办建议 still open and the 测评 results.

Built from the same engine as the bulletin (`engine.status` through `compute_status`, with the
year's extensions), so a figure in the report is the figure the bulletin and `status` show. The
final status is as of the report's date (12-31 for a closed year), or as of an item's sign-off
(销号) where there is one.

`signoffs` maps an item number to the date of its 销号 (the office's sign-offs that stand, from
the adjustments file's `signoffs:`, see `engine/signoffs.py`); an item without one reads as of
the report's date, its 验收销号 empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from minsheng_cli.engine.inspections import SuggestionState, suggestion_states
from minsheng_cli.engine.rules import Settings
from minsheng_cli.engine.status import StatusReport, TargetStatus, TaskStatus, compute_status, task_status
from minsheng_cli.engine.survey import SurveyResult, rate
from minsheng_cli.model.adjustments import Extension, Ruling
from minsheng_cli.model.inspections import Inspections
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.model.survey import Survey

#: Target kinds whose excess over the target is stated as 超额完成 N% (totals that grow); a rate,
#: a standard or a reduction met is 完成, since "12% more than 40%" reads as a new target.
EXCESS_KINDS = frozenset({"count"})


@dataclass(frozen=True)
class Figure:
    """One target at year end: met or not, by how much over (whole percent, rounded down), and
    the reason given for a shortfall (the standing report's note)."""

    status: TargetStatus
    #: 超额 in whole percent (0 when met exactly or not counted in excess), None when not met.
    excess: int | None
    reason: str | None


@dataclass(frozen=True)
class FinalItem:
    status: TaskStatus
    figures: tuple[Figure, ...]
    #: The sign-off date (销号), where issue 21's sign-offs give one; None otherwise.
    signed_off: dt.date | None


@dataclass(frozen=True)
class YearReport:
    plan_title: str
    year: int
    as_of: dt.date
    items: tuple[FinalItem, ...]
    #: Every extension approved by the report's date, judged, with its item's status.
    extensions: tuple[tuple[TaskStatus, Ruling], ...]
    #: Suggestions known by the report's date; None without an inspections file.
    suggestions: tuple[SuggestionState, ...] | None
    #: The 测评 results; None without a survey file.
    survey: SurveyResult | None

    @property
    def counts(self) -> dict[str, int]:
        return StatusReport(self.as_of, tuple(i.status for i in self.items)).summary


def excess_of(ts: TargetStatus) -> int | None:
    """How far a met target went over, in whole percent rounded down; None when not met."""
    if not ts.met:
        return None
    value = ts.target.value
    if ts.target.kind not in EXCESS_KINDS or not value or isinstance(ts.actual, bool) or ts.actual is None:
        return 0
    # Whole hundredths in integers: 1620 of 1500 is 8%, never 8.000000001% up to 9.
    return max(int((ts.actual - value) * 100 // value), 0)


def figures_of(status: TaskStatus) -> tuple[Figure, ...]:
    return tuple(
        Figure(ts, excess_of(ts), None if ts.met or ts.reading is None else ts.reading.note)
        for ts in status.targets
    )


def build_year_report(plan: Plan, progress: Progress, *, as_of: dt.date, settings: Settings = Settings(),
                      extensions: Iterable[Extension] = (), inspections: Inspections | None = None,
                      survey: Survey | None = None, signoffs: Mapping[int, dt.date] = {}) -> YearReport:
    """Every fact of the year-end report as of `as_of` (12-31 for a closed year)."""
    extensions = tuple(extensions)
    report = compute_status(plan, progress, as_of, settings, extensions)
    items = []
    for status in report.tasks:
        signed = signoffs.get(status.task.number)
        if signed is not None and signed < as_of:  # final as of the sign-off
            status = task_status(plan, status.task, progress, signed, settings, extensions)
        items.append(FinalItem(status, figures_of(status), signed))
    return YearReport(
        plan_title=plan.title,
        year=plan.year,
        as_of=as_of,
        items=tuple(items),
        extensions=tuple((s, r) for s in report.tasks for r in s.extensions),
        suggestions=None if inspections is None else suggestion_states(plan, inspections, as_of),
        survey=None if survey is None else rate(plan, survey),
    )
