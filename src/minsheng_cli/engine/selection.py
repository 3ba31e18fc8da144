"""Which items a command shows: `--unit`, `--leader`, `--status`, `--category`, and `show 7 12`
or `show 7a`.

Names are checked against the plan and the status vocabulary, in Chinese or English, so a
mistyped filter is an error with a suggestion, never an empty table that looks like good news.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from minsheng_cli.reading.modelerrors import suggest
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import UsageError
from minsheng_cli.engine.status import FLAG_LABELS, STATUS_LABELS, TaskStatus

_CN_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}


@dataclass(frozen=True)
class Selection:
    """The filters of one command; an empty selection selects every item."""

    units: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    #: Status or flag keys (`overdue`, `due_soon`); an item matches if it has any of them.
    statuses: tuple[str, ...] = ()
    categories: tuple[int, ...] = ()
    #: Item numbers named on the command line, and the targets named among them.
    numbers: tuple[int, ...] = ()
    targets: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.filters or self.numbers)

    @property
    def filters(self) -> bool:
        """Whether any option filters the items (as opposed to naming them)."""
        return bool(self.units or self.leaders or self.statuses or self.categories)

    def selects(self, plan: Plan, status: TaskStatus) -> bool:
        task = status.task
        return (
            (not self.numbers or task.number in self.numbers)
            and (not self.units or any(task.number in plan.tasks_reported_by(u) for u in self.units))
            and (not self.leaders or task.leader in self.leaders)
            and (not self.categories or plan.category_of[task.number].number in self.categories)
            and (not self.statuses or status.status in self.statuses or any(f in self.statuses for f in status.flags))
        )

    def describe(self) -> str:
        """The filters in words, for the line that says what a table shows."""
        parts = []
        if self.numbers:
            parts.append("事项 " + "、".join(self.targets or [str(n) for n in self.numbers]))
        if self.units:
            parts.append("单位 " + "、".join(self.units))
        if self.leaders:
            parts.append("分管市领导 " + "、".join(self.leaders))
        if self.categories:
            parts.append("类别 " + "、".join(str(c) for c in self.categories))
        if self.statuses:
            labels = {**STATUS_LABELS, **FLAG_LABELS}
            parts.append("状态 " + "、".join(labels.get(s, s) for s in self.statuses))
        return "；".join(parts)


def select(
    plan: Plan,
    *,
    ids: Iterable[str] = (),
    units: Iterable[str] = (),
    leaders: Iterable[str] = (),
    statuses: Iterable[str] = (),
    categories: Iterable[str] = (),
) -> Selection:
    """The selection the user asked for, with every name checked against `plan`.

    Raises UsageError naming the first value that matches nothing, with a suggestion.
    """
    numbers, targets = _ids(plan, ids)
    return Selection(
        units=tuple(dict.fromkeys(_unit(plan, u) for u in units)),
        leaders=tuple(dict.fromkeys(_leader(plan, name) for name in leaders)),
        statuses=tuple(dict.fromkeys(_status(s) for s in statuses)),
        categories=tuple(dict.fromkeys(_category(plan, c) for c in categories)),
        numbers=numbers,
        targets=targets,
    )


def _clean(text: str) -> str:
    """As typed, less blanks (full-width too) and full-width letters and digits."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _ids(plan: Plan, ids: Iterable[str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    numbers: list[int] = []
    targets: list[str] = []
    for raw in ids:
        text = _clean(raw)
        if text.isdigit():
            if plan.task(int(text)) is None:
                raise UsageError(f"没有第 {text} 项（本计划共 {len(plan.tasks)} 项）")
            numbers.append(int(text))
        elif text in plan.targets:
            numbers.append(plan.targets[text].task.number)
            targets.append(text)
        else:
            hint = suggest(text, plan.targets)
            raise UsageError(f"`{raw}` 既不是事项序号，也不是目标编号" + (f"（{hint}）" if hint else "（事项序号如 7，目标编号如 7a）"))
    return tuple(dict.fromkeys(numbers)), tuple(dict.fromkeys(targets))


def unit_names(plan: Plan) -> list[str]:
    """Every name a unit filter accepts: the plan's units and each district government."""
    return list(dict.fromkeys([*plan.units, *plan.districts.values()]))


def _unit(plan: Plan, raw: str) -> str:
    text = _clean(raw)
    names = unit_names(plan)
    if text in names:
        return text
    if text in plan.districts:  # 台山市 for 台山市政府
        return plan.districts[text]
    hint = suggest(text, names)
    raise UsageError(f"计划中没有单位 `{raw}`" + (f"（{hint}）" if hint else "（单位全称见 minsheng plan --format json）"))


def _leader(plan: Plan, raw: str) -> str:
    text = _clean(raw)
    leaders = list(dict.fromkeys(t.leader for t in plan.tasks))
    if text in leaders:
        return text
    hint = suggest(text, leaders)
    raise UsageError(f"没有分管市领导 `{raw}`（本计划的分管市领导：{'、'.join(leaders)}）" if not hint else f"没有分管市领导 `{raw}`（{hint}）")


def _status(raw: str) -> str:
    text = _clean(raw)
    vocabulary = {**STATUS_LABELS, **FLAG_LABELS}
    if text in vocabulary:
        return text
    by_label = {label: key for key, label in vocabulary.items()}
    if text in by_label:
        return by_label[text]
    choices = "、".join(f"{label}（{key}）" for key, label in vocabulary.items())
    raise UsageError(f"没有状态 `{raw}`（可选：{choices}）")


def _category(plan: Plan, raw: str) -> int:
    text = _clean(raw)
    numbers = {c.number for c in plan.categories}
    number = int(text) if text.isdigit() else _CN_NUMERALS.get(text)
    if number in numbers:
        return number
    matches = [c.number for c in plan.categories if text and text in c.title]
    if len(matches) == 1:
        return matches[0]
    titles = "；".join(f"{c.number} {c.title}" for c in plan.categories)
    raise UsageError(f"没有类别 `{raw}`（写序号或标题中的词：{titles}）")

