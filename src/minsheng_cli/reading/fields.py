"""Field types shared by the plan and the progress report models.

Each is strict: it takes the value exactly as the YAML walker produced it, and where it
reads text (a date, a number) it does so through `values`, which refuses rather than guesses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from minsheng_cli.reading import values


class Model(BaseModel):
    """Unknown keys are errors (a typo such as `deadlne:` must not pass), values are strict."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _custom(problem: values.ValueProblem) -> PydanticCustomError:
    return PydanticCustomError(problem.code.replace("-", "_"), problem.message, {"hint": problem.hint})


def _date(value: Any) -> dt.date:
    try:
        return values.parse_date(value)
    except values.ValueProblem as p:
        raise _custom(p) from None


def _plan_number(value: Any) -> int | float:
    # The plan is written by the office once a year: numbers in full, nothing to interpret.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("not_a_number", "应为数字", {"hint": "数值写全，如 3.13 万写 31300"})
    if value != value or value in (float("inf"), float("-inf")):
        raise PydanticCustomError("not_a_number", "应为有限的数字", {"hint": ""})
    return value


Text = Annotated[str, StringConstraints(min_length=1)]
Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    # No pattern: the tool also reads 2025/6/30 and 2025年6月30日, and an editor must not flag them.
    WithJsonSchema({"type": "string", "description": "日期，如 2025-06-30"}),
]
PlanNumber = Annotated[int | float, BeforeValidator(_plan_number)]
