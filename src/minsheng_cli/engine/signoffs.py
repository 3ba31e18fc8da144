"""销号 judged: whether each sign-off of the adjustments file stands, and what it makes of the
statuses.

A sign-off is refused when, on its date, the item's figures (as the status engine reads them
on that day) do not meet every target, or when evidence it names is missing or fails its hash.
A sign-off that stood is broken by a later correction that un-meets a target: an error at the
correcting report that names the sign-off.

How it fits the statuses: 销号 is the office's act, not a reading of the figures, so the
engine's STATUSES (and every count, filter and light keyed by them) stay as they are; a done
item carries the sign-off in `TaskStatus.signoff`, and `closure` tells 已销号 from
已完成（待销号）. A signed-off item whose figures later fall short is no longer done, and shows
its real status, whatever the office once signed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli.engine.rules import Settings
from minsheng_cli.engine.status import StatusReport, TaskStatus, progress_on, task_status
from minsheng_cli.model.narrative import EvidenceLink
from minsheng_cli.model.plan import OP_LABELS, Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.model.signoffs import Placed
from minsheng_cli.reading.problems import Problem
from minsheng_cli.repository.evidence import check_links

#: How a finished item stands with the office.
CLOSURE_LABELS = {"signed_off": "已销号", "awaiting_signoff": "待销号"}


@dataclass(frozen=True)
class Judged:
    """The sign-offs that stand on a date (by item number), and the problems of the others."""

    accepted: dict[int, Placed]
    problems: list[Problem]


def judge_signoffs(plan: Plan, progress: Progress, signoffs: Iterable[Placed], as_of: dt.date, *, root: Path,
                   settings: Settings = Settings(), extensions: Iterable = (), check_evidence: bool = True) -> Judged:
    """Each sign-off made by `as_of`, checked against the figures on its date and its
    evidence (in the repository at `root`, unless not `check_evidence`); for those that stand,
    any later correction up to `as_of` that un-meets a target."""
    extensions = tuple(extensions)
    accepted: dict[int, Placed] = {}
    problems: list[Problem] = []
    for placed in sorted(signoffs, key=lambda p: p.signoff.date):
        s = placed.signoff
        task = plan.task(s.task)
        if task is None or s.date > as_of:
            continue
        where = (placed.path, placed.line, placed.column)
        status = task_status(plan, task, progress, s.date, settings, extensions)
        unmet = [t for t in status.targets if not t.met]
        if unmet:
            figures = "；".join(f"{t.id} {'尚未填报' if t.actual is None else _figure(t.actual)}{_required(t.target)}" for t in unmet)
            problems.append(Problem(*where, "signoff-unmet", f"第 {task.number} 项的销号被拒绝：截至 {s.date}，目标未全部达成（{figures}）",
                                    "销号须在各目标的填报数据均已达标之后；请核对日期，或待单位报来达标数据后再销号"))
            continue
        links = [EvidenceLink(e.file, e.sha256, s.by, s.date, None, placed.path, *at)
                 for e, at in zip(s.evidence, placed.evidence_at or [(placed.line, placed.column)] * len(s.evidence))]
        failed = check_links(root, links) if check_evidence else []
        if failed:
            problems += [dataclasses.replace(p, message=f"第 {task.number} 项的销号被拒绝：{p.message}") for p in failed]
            continue
        accepted[task.number] = placed
        problems += _undone_after(plan, progress, placed, as_of, settings, extensions)
    return Judged(accepted, sorted(problems))


def _required(target) -> str:
    return f"，要求{OP_LABELS[target.op]} {_shown(target.value)}{target.unit or ''}" if target.op and target.value is not None else ""


def _shown(value: int | float | bool) -> str:
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _figure(value: int | float | bool) -> str:
    return _shown(value) if isinstance(value, bool) else f"实际 {_shown(value)}"


def _undone_after(plan: Plan, progress: Progress, placed: Placed, as_of: dt.date, settings: Settings, extensions: tuple) -> list[Problem]:
    """An error at the first report after the sign-off that leaves a target unmet."""
    task = plan.task(placed.signoff.task)
    assert task is not None
    later = sorted({r.date for tid in task.targets for r in progress.of(tid) if placed.signoff.date < r.date <= as_of})
    for day in later:
        if progress_on(plan, task, progress, [day], extensions)[0].met:
            continue
        status = task_status(plan, task, progress, day, settings, extensions)
        reading = next(t.reading for t in status.targets if not t.met and t.reading is not None and t.reading.date == day)
        return [Problem(reading.path, reading.line, reading.column, "signoff-undone",
                        f"{reading.target} 报为 {_shown(reading.value)}，使已销号的第 {task.number} 项不再达标（销号：{placed.words()}）",
                        "销号后的数据只能更正为仍达标的数；若确实未完成，请先由办公室撤销该销号", related=placed.path)]
    return []


def apply_signoffs(report: StatusReport, judged: Judged) -> StatusReport:
    """The statuses with each finished item's standing sign-off attached."""
    tasks = tuple(
        dataclasses.replace(s, signoff=judged.accepted[s.task.number].signoff)
        if s.task.number in judged.accepted and s.status in ("done", "done_late") else s
        for s in report.tasks
    )
    return StatusReport(report.as_of, tasks)


def closure(s: TaskStatus) -> str | None:
    """signed_off (已销号) or awaiting_signoff (已完成（待销号）) for a finished item, else None."""
    if s.status not in ("done", "done_late"):
        return None
    return "signed_off" if s.signoff is not None else "awaiting_signoff"


def closure_label(s: TaskStatus) -> str:
    """`已销号`, `已完成（待销号）`, `逾期完成（待销号）`, or the status's own label."""
    c = closure(s)
    if c == "signed_off":
        return "已销号"
    return f"{s.label}（待销号）" if c else s.label


def closure_counts(report: StatusReport) -> dict[str, int]:
    """How many items are 已销号 and how many finished ones wait for it."""
    counts = dict.fromkeys(CLOSURE_LABELS, 0)
    for s in report.tasks:
        c = closure(s)
        if c:
            counts[c] += 1
    return counts


def signoff_fields(s: TaskStatus) -> dict:
    """The item's closure (signed_off / awaiting_signoff / None) and the sign-off in force, as
    plain data for JSON."""
    so = s.signoff
    return {
        "closure": closure(s),
        "signoff": None if so is None else {
            "date": so.date.isoformat(), "by": so.by, "document": so.document,
            "evidence": [{"file": e.file, "sha256": e.sha256} for e in so.evidence],
        },
    }
