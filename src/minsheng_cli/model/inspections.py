"""视察与督办建议: the deputies' inspections of items through the year, their 督办建议 and the
units' replies (办理情况), kept in `inspections_YYYY.yaml`::

    inspections:
      - date: 2025-06-18
        kind: 视察                  # 视察、调研 or 专题调研
        deputies: [张三, 李四]
        items: [1, 3]
        findings: 部分助餐点未按时开餐……
    suggestions:
      - item: 3
        date: 2025-06-20
        due: 2025-08-31             # 办理期限
        text: 建议尽快补齐……
        unit: 市民政局              # optional: the item's lead unit unless another of its units
        reply:                      # 办理情况, once the unit has answered
          date: 2025-08-25
          text: 已补齐 12 个点……
          state: 已办结             # 已办结 or 办理中

Checked like the plan, each problem at its line: items exist, the unit is one of the item's, a
due date is not before the suggestion, a reply is not before it, and no date is after today.
A suggestion is open until a reply says 已办结 (`engine.inspections`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from minsheng_cli.model.plan import Plan
from minsheng_cli.reading import values
from minsheng_cli.reading.fields import Date, Model, Text
from minsheng_cli.reading.modelerrors import load_checked
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import Document

ItemNumber = Annotated[int, Field(ge=1)]
REPLY_STATES = ("已办结", "办理中")


class Inspection(Model):
    """One 视察 or 调研 by deputies."""

    date: Date
    kind: Literal["视察", "调研", "专题调研"]
    deputies: Annotated[list[Text], Field(min_length=1)]
    items: Annotated[list[ItemNumber], Field(min_length=1)]
    findings: Text


class Reply(Model):
    """The responsible unit's answer to a suggestion (办理情况)."""

    date: Date
    text: Text
    state: Literal["已办结", "办理中"]


class Suggestion(Model):
    """One 督办建议 on an item, with the unit's reply if there is one."""

    item: ItemNumber
    date: Date
    due: Date
    text: Text
    unit: Text | None = None
    reply: Reply | None = None


class Inspections(Model):
    """The year's inspections and suggestions."""

    inspections: list[Inspection] = []
    suggestions: list[Suggestion] = []
    note: Text | None = None


def load_inspections(path: Path, plan: Plan, *, today: dt.date | None = None) -> tuple[Inspections | None, list[Problem]]:
    """Read and check an inspections file against the plan; None when it has errors."""
    return load_checked(path, Inspections, lambda doc, record: _checks(doc, record, plan, today or values.today()))


def _checks(doc: Document, record: Inspections, plan: Plan, today: dt.date) -> Iterable[Problem]:
    items = f"事项序号为 1 至 {len(plan.tasks)}"
    for i, inspection in enumerate(record.inspections):
        loc = ("inspections", i)
        if inspection.date > today:
            yield doc.problem(loc + ("date",), "future-date", f"视察日期 {inspection.date} 晚于今天（{today}）", "按实际日期填写")
        for j, number in enumerate(inspection.items):
            if plan.task(number) is None:
                yield doc.problem(loc + ("items", j), "unknown-task", f"计划中没有第 {number} 项", items)
    for i, s in enumerate(record.suggestions):
        loc = ("suggestions", i)
        task = plan.task(s.item)
        if task is None:
            yield doc.problem(loc + ("item",), "unknown-task", f"计划中没有第 {s.item} 项", items)
        elif s.unit is not None and s.unit not in {m for u in task.units for m in (u, *plan.members(u))}:
            yield doc.problem(loc + ("unit",), "unit-not-responsible", f"`{s.unit}` 不是第 {s.item} 项的责任单位", f"第 {s.item} 项的责任单位：{'、'.join(task.units)}")
        if s.date > today:
            yield doc.problem(loc + ("date",), "future-date", f"建议日期 {s.date} 晚于今天（{today}）", "按交办日期填写")
        if s.due < s.date:
            yield doc.problem(loc + ("due",), "due-before-date", f"办理期限 {s.due} 早于建议日期 {s.date}", "核对办理期限")
        if s.reply is not None:
            if s.reply.date < s.date:
                yield doc.problem(loc + ("reply", "date"), "reply-before-date", f"答复日期 {s.reply.date} 早于建议日期 {s.date}", "核对答复日期")
            if s.reply.date > today:
                yield doc.problem(loc + ("reply", "date"), "future-date", f"答复日期 {s.reply.date} 晚于今天（{today}）", "按实际答复日期填写")
