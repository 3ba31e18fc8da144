"""测评等次: each item's grade from its ballots, by the published rule, and the overall 满意率.

The rule (as 镇海区人大常委会 publishes it): 满意票 more than half of the base → 满意; otherwise
满意 + 基本满意 more than half of the base → 基本满意; otherwise → 不满意. The base is all members
(`base: members`, the default) or the members present (`base: present`). Exactly half is not
more than half, so the comparisons are on whole numbers: 2 × votes > base.

满意率 is (满意 + 基本满意) ÷ votes cast, per item and over all items (the sums), as some bodies
publish it (湖州 2025: 98.56%); it is a figure beside the grade, not part of the rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from minsheng_cli.model.plan import Plan, Task
from minsheng_cli.model.survey import Result, Survey

GRADES = ("satisfied", "basic", "dissatisfied")
GRADE_LABELS = {"satisfied": "满意", "basic": "基本满意", "dissatisfied": "不满意"}
BASE_LABELS = {"members": "全体组成人员", "present": "实到人数"}


def more_than_half(votes: int, base: int) -> bool:
    """Whether `votes` is more than half of `base`; exactly half is not."""
    return 2 * votes > base


def grade(result: Result, base: int) -> str:
    """The item's 测评等次 (a key of GRADE_LABELS)."""
    if more_than_half(result.satisfied, base):
        return "satisfied"
    if more_than_half(result.satisfied + result.basic, base):
        return "basic"
    return "dissatisfied"


@dataclass(frozen=True)
class Rating:
    """One item's ballots and grade."""

    task: Task
    result: Result
    grade: str

    @property
    def approval(self) -> Fraction | None:
        """满意率: (满意 + 基本满意) ÷ votes cast; None with no vote cast."""
        cast = self.result.cast
        return Fraction(self.result.satisfied + self.result.basic, cast) if cast else None


@dataclass(frozen=True)
class SurveyResult:
    """Every item's grade, in the plan's order, with the counts and the overall 满意率."""

    survey: Survey
    base: int
    ratings: tuple[Rating, ...]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(GRADES, 0)
        for r in self.ratings:
            counts[r.grade] += 1
        return counts

    @property
    def approval(self) -> Fraction | None:
        """Overall 满意率: all items' 满意 + 基本满意 ÷ all votes cast."""
        cast = sum(r.result.cast for r in self.ratings)
        good = sum(r.result.satisfied + r.result.basic for r in self.ratings)
        return Fraction(good, cast) if cast else None


def rate(plan: Plan, survey: Survey) -> SurveyResult:
    """The grades of a checked survey (every item rated once; see `model.survey`)."""
    base = survey.base_count
    ratings = []
    for task in plan.tasks:
        result = survey.result(task.number)
        if result is not None:
            ratings.append(Rating(task, result, grade(result, base)))
    return SurveyResult(survey, base, tuple(ratings))

