"""满意度测评: the congress's ratings of the year's items, kept in `survey_YYYY.yaml`.

At the session after the year, the deputies (or the standing committee's members) rate each item
满意 / 基本满意 / 不满意 by secret ballot::

    session: 市十五届人大常委会第四十次会议    # optional: which meeting rated
    members: 45          # 全体组成人员（应到）
    present: 42          # 实到
    base: members        # optional: members (default) or present: whose half decides the grade
    results:
      1: {satisfied: 30, basic: 10, dissatisfied: 2}
      2: {satisfied: 20, basic: 15, dissatisfied: 5, abstain: 2}

Checked like the plan, each problem at its line: counts are whole numbers, the votes cast on an
item (满意 + 基本满意 + 不满意 + 弃权) do not exceed `present`, `present` does not exceed `members`,
and every item of the plan is rated exactly once. The grades are the engine's (`engine.survey`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.fields import Date, Model, Text
from minsheng_cli.reading.modelerrors import load_checked
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import Document

def _whole(value: Any) -> int:
    """A number of votes or people: a whole number as typed, quoted ('30', as a spreadsheet
    pastes it) or in full-width digits (３０, as a Chinese input method types them); anything else
    is refused with what to write."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9０-９]+", value.strip()):
        return int(unicodedata.normalize("NFKC", value.strip()))
    if value is None:
        raise PydanticCustomError("empty_value", "值为空，应为整数", {"hint": "请填写票数或人数，没有的写 0"})
    if isinstance(value, float):
        raise PydanticCustomError("not_whole", f"应为整数，却是 {value}", {"hint": "票数和人数都是整数"})
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9０-９]+\s*[人票名]\s*", value):
        raise PydanticCustomError("unit_in_value", f"`{value}` 带了“人”或“票”", {"hint": "只写数字，如 30"})
    raise PydanticCustomError("not_whole", "应为整数", {"hint": "票数和人数都写成整数，如 30"})


#: A number of votes: whole, zero or more.
Count = Annotated[int, BeforeValidator(_whole), Field(ge=0), WithJsonSchema({"type": "integer", "minimum": 0})]
#: A number of people: at least one.
Headcount = Annotated[int, BeforeValidator(_whole), Field(ge=1), WithJsonSchema({"type": "integer", "minimum": 1})]
_ITEM_KEY = re.compile(r"[0-9０-９]{1,4}")


class Result(Model):
    """The ballots on one item."""

    satisfied: Count
    basic: Count
    dissatisfied: Count
    abstain: Count | None = None

    @property
    def cast(self) -> int:
        """Votes cast on the item: every ballot returned for it, 弃权 included."""
        return self.satisfied + self.basic + self.dissatisfied + (self.abstain or 0)


class Survey(Model):
    """The year's 满意度测评."""

    session: Text | None = None
    date: Date | None = None
    members: Headcount
    present: Headcount
    base: Literal["members", "present"] = "members"
    #: Ratings by item number (the keys as typed: `1`, `2`, …).
    results: Annotated[dict[str, Result], Field(min_length=1)]
    note: Text | None = None

    def result(self, number: int) -> Result | None:
        for key, result in self.results.items():
            if _ITEM_KEY.fullmatch(key) and int(unicodedata.normalize("NFKC", key)) == number:
                return result
        return None

    @property
    def base_count(self) -> int:
        """The number whose half a grade must pass: all members, or those present."""
        return self.members if self.base == "members" else self.present


def is_blank(data: object, counts: tuple[str, ...], rows: str) -> bool:
    """Whether a file is still the blank one `minsheng init` writes: its counts empty and no
    rows. It is valid and says nothing yet (a survey before the session)."""
    return isinstance(data, dict) and not data.get(rows) and all(data.get(key) is None for key in counts)


def load_survey(path: Path, plan: Plan) -> tuple[Survey | None, list[Problem]]:
    """Read and check a survey file against the plan; None when it has errors, or (with no
    problems) when it is still blank."""
    return load_checked(path, Survey, lambda doc, survey: _checks(doc, survey, plan), blank=lambda data: is_blank(data, ("members", "present"), "results"))


def _checks(doc: Document, survey: Survey, plan: Plan) -> Iterable[Problem]:
    if survey.present > survey.members:
        yield doc.problem(("present",), "present-over-members", f"实到 {survey.present} 人，多于全体组成人员 {survey.members} 人", "核对 members（应到）与 present（实到）")
    rated: dict[int, str] = {}
    for key, result in survey.results.items():
        if not _ITEM_KEY.fullmatch(key):
            yield doc.problem(("results", key), "not-an-item", f"`{key}` 不是事项序号", "results 下每行以事项序号开头，如 `1: {satisfied: 30, basic: 10, dissatisfied: 2}`", key=True)
            continue
        number = int(unicodedata.normalize("NFKC", key))
        if plan.task(number) is None:
            yield doc.problem(("results", key), "unknown-task", f"计划中没有第 {number} 项", f"事项序号为 1 至 {len(plan.tasks)}", key=True)
            continue
        if number in rated:
            yield doc.problem(("results", key), "rated-twice", f"第 {number} 项测评了两次（另见 `{rated[number]}`）", "每项只写一行", key=True)
            continue
        rated[number] = key
        if result.cast > survey.present:
            yield doc.problem(
                ("results", key), "votes-over-present",
                f"第 {number} 项共 {result.cast} 票（满意 {result.satisfied}、基本满意 {result.basic}、不满意 {result.dissatisfied}"
                + (f"、弃权 {result.abstain}" if result.abstain is not None else "") + f"），多于实到 {survey.present} 人",
                "核对票数：每人每项只投一票", key=True,
            )
    unrated = [t.number for t in plan.tasks if t.number not in rated]
    if unrated:
        yield doc.problem(("results",), "not-rated", f"{'、'.join(f'第 {n} 项' for n in unrated)}没有测评结果", "计划中的每一项都要有一行测评结果", key=True)
