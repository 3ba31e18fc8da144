"""延期: approved extensions of items' deadlines, kept in `adjustments_YYYY.yaml`.

The file sits beside the folder of progress reports (`data/adjustments_2025.yaml` for
`data/progress/`), and is checked like the plan, with the same path:line messages::

    year: 2025
    extensions:
      - task: 7                   # 事项序号
        deadline: 2025-10-31      # 延期至
        approved: 2025-07-25      # 批准日期
        document: 江府督〔2025〕12号  # 批准文件
        reason: 场地改造推迟

An extension counts only if it was approved on or before the deadline then in force (the
plan's, or an earlier extension's): supervision rules judge an item whose extension came late
against the original date. A late one is recorded and shown, but changes nothing. Extensions
approved after the as-of date are not yet known on that date.

The same file keeps the office's 销号 (`signoffs:`, see `model/signoffs.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from minsheng_cli.reading import values
from minsheng_cli.reading.fields import Date, Model, Text
from minsheng_cli.reading.modelerrors import load_checked
from minsheng_cli.model.plan import Plan, Task
from minsheng_cli.model.signoffs import Placed, SignOff
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.reading.yamlsource import Document, load_yaml


class Extension(Model):
    """One approved extension (延期) of an item's deadline."""

    task: Annotated[int, Field(ge=1)]
    deadline: Date
    approved: Date
    document: Text
    reason: Text


class Adjustments(Model):
    """The year's approved changes to the plan's deadlines."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    extensions: list[Extension] = []
    #: 销号 by the office (see `model/signoffs.py`).
    signoffs: list[SignOff] = []
    note: Text | None = None


@dataclass(frozen=True)
class Ruling:
    """An extension as judged for one item: whether it counts, against which deadline."""

    extension: Extension
    counts: bool
    #: The deadline in force when it was approved.
    before: dt.date


def adjustments_file(plan_file: Path, progress_dir: Path | None, year: int) -> Path:
    """Where the year's adjustments are: beside the progress folder, else beside the plan."""
    folder = progress_dir.parent if progress_dir is not None else plan_file.parent
    return folder / f"adjustments_{year}.yaml"


def is_adjustments_file(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith("adjustments_") and name.endswith((".yaml", ".yml"))


def rulings(task: Task, extensions: Iterable[Extension], as_of: dt.date) -> tuple[tuple[Ruling, ...], dt.date]:
    """The item's extensions approved by `as_of`, in order of approval, each judged against the
    deadline then in force; and the deadline in force on `as_of`."""
    deadline = task.deadline
    judged = []
    for e in sorted((e for e in extensions if e.task == task.number and e.approved <= as_of), key=lambda e: e.approved):
        counts = e.approved <= deadline < e.deadline
        judged.append(Ruling(e, counts, deadline))
        if counts:
            deadline = e.deadline
    return tuple(judged), deadline


def load_adjustments(path: Path, plan: Plan, *, today: dt.date | None = None) -> tuple[Adjustments | None, list[Problem]]:
    """Read and check an adjustments file against the plan; None when it has errors."""
    return load_checked(path, Adjustments, lambda doc, adjustments: _checks(doc, adjustments, plan, today or values.today()))


def _checks(doc: Document, adjustments: Adjustments, plan: Plan, today: dt.date) -> Iterable[Problem]:
    if adjustments.year != plan.year:
        yield doc.problem(("year",), "wrong-year", f"年度 {adjustments.year} 与计划年度 {plan.year} 不符", f"写 year: {plan.year}，或把文件改名为 adjustments_{adjustments.year}.yaml")
    for i, e in enumerate(adjustments.extensions):
        loc = ("extensions", i)
        task = plan.task(e.task)
        if task is None:
            yield doc.problem(loc + ("task",), "unknown-task", f"计划中没有第 {e.task} 项", f"事项序号为 1 至 {len(plan.tasks)}")
            continue
        if e.approved > today:
            yield doc.problem(loc + ("approved",), "future-date", f"批准日期 {e.approved} 晚于今天（{today}）", "按批准文件上的日期填写")
        if e.deadline <= task.deadline:
            yield doc.problem(loc + ("deadline",), "not-later", f"延期至 {e.deadline}，不晚于原定完成时间 {task.deadline}", "延期后的完成时间应晚于原定时间")
    for i, s in enumerate(adjustments.signoffs):
        if plan.task(s.task) is None:
            yield doc.problem(("signoffs", i, "task"), "unknown-task", f"计划中没有第 {s.task} 项", f"事项序号为 1 至 {len(plan.tasks)}")
        elif s.date > today:
            yield doc.problem(("signoffs", i, "date"), "future-date", f"销号日期 {s.date} 晚于今天（{today}）", "按销号文件或会议的日期填写")
        if s.date.year != plan.year and plan.task(s.task) is not None:
            yield doc.problem(("signoffs", i, "date"), "wrong-year", f"销号日期 {s.date} 不在计划年度 {plan.year} 内", f"写成 {plan.year}-MM-DD")
    for task in plan.tasks:
        for ruling in rulings(task, adjustments.extensions, dt.date.max)[0]:
            if not ruling.counts and ruling.extension.approved > ruling.before:
                i = adjustments.extensions.index(ruling.extension)
                yield doc.problem(
                    ("extensions", i, "approved"), "late-extension",
                    f"第 {task.number} 项的延期在 {ruling.extension.approved} 批准，晚于当时的完成时间 {ruling.before}：已记录，但不计入，仍按原定时间考核",
                    "延期须在完成时间之前申请并获批准", severity=Severity.WARNING,
                )


def load_signoffs(path: Path, plan: Plan, *, today: dt.date | None = None) -> tuple[list[Placed], list[Problem]]:
    """The file's sign-offs, each with its place (none when the file has errors), and the file's problems."""
    adjustments, problems = load_adjustments(path, plan, today=today)
    if adjustments is None or not adjustments.signoffs:
        return [], problems
    doc, _ = load_yaml(path)
    assert doc is not None  # it was read a moment ago
    placed = []
    for i, s in enumerate(adjustments.signoffs):
        mark = doc.node_at(("signoffs", i)).start_mark
        at = tuple((m.line + 1, m.column + 1) for m in (doc.node_at(("signoffs", i, "evidence", j)).start_mark for j in range(len(s.evidence))))
        placed.append(Placed(s, doc.path, mark.line + 1, mark.column + 1, at))
    return placed, problems
