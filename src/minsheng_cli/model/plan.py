"""The plan: a year's livelihood projects (categories), their items (tasks) and targets.

`load_plan` reads a plan file and returns the plan with the problems found in it. Checks that
span fields (numbering, lead unit, deadlines within the year, unique target ids) run after the
schema has accepted the file's shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

import yaml
from pydantic import BeforeValidator, Field, ValidationError, WithJsonSchema

from minsheng_cli.model.markers import review_problems
from minsheng_cli.reading.fields import Date, Model, PlanNumber, Text
from minsheng_cli.model.schedule import Schedule, check_schedule
from minsheng_cli.reading.modelerrors import problems_from_validation, suggest
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.reading.yamlsource import Document, load_yaml

Kind = Literal["count", "rate", "standard", "reduction", "milestone"]

#: Chinese names of target kinds, for what users read.
KIND_LABELS = {"count": "累计数量", "rate": "比率", "standard": "标准", "reduction": "降幅", "milestone": "定性任务"}
#: The comparison keys of a target and the operator each stands for.
COMPARISONS = {"at_least": ">=", "more_than": ">"}
OP_LABELS = {">=": "不少于", ">": "超过"}

#: The closing （牵头单位：X） of an item's text, which names its lead unit.
LEAD_UNIT = re.compile(r"（牵头单位：([^（）]+)）$")
_TARGET_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9_-]+")


class Target(Model):
    """One quantitative or qualitative commitment of an item."""

    name: Text
    kind: Kind
    at_least: PlanNumber | None = None
    more_than: PlanNumber | None = None
    unit: Text | None = None
    baseline: PlanNumber | None = None
    part_of: Text | None = None
    #: 序时安排 of this target: dated nodes of its expected share (a milestone: the date it is due).
    schedule: Schedule | None = None

    @property
    def op(self) -> str | None:
        """`>=` or `>`; None for a milestone."""
        for key, op in COMPARISONS.items():
            if getattr(self, key) is not None:
                return op
        return None

    @property
    def value(self) -> int | float | None:
        for key in COMPARISONS:
            if getattr(self, key) is not None:
                return getattr(self, key)
        return None


class Contact(Model):
    """A responsible unit's person (责任人), with its liaison (联络员) and phone where the plan has them."""

    person: Text
    liaison: Text | None = None
    phone: Text | None = None


def _contact(value: object) -> object:
    # A bare name is the person: `市乙局: 王五` means `市乙局: {person: 王五}`.
    return value if isinstance(value, dict) else {"person": value}


Person = Annotated[Contact, BeforeValidator(_contact, json_schema_input_type=Text | Contact)]


class Task(Model):
    """One work item (工作事项) with its leader, units, deadline and targets."""

    number: Annotated[int, Field(ge=1)]
    text: Text
    leader: Text
    units: Annotated[list[Text], Field(min_length=1)]
    deadline: Date
    targets: Annotated[dict[str, Target], Field(min_length=1)]
    #: 序时安排 of the item: dated nodes of its expected completion, instead of a straight line.
    schedule: Schedule | None = None

    @property
    def lead_unit(self) -> str | None:
        """The unit named in the text's closing （牵头单位：X）."""
        match = LEAD_UNIT.search(self.text)
        return match.group(1) if match else None

    @property
    def short_text(self) -> str:
        """The commitment's first clause, for tables (the full text is in `show`)."""
        body = LEAD_UNIT.sub("", self.text)
        return re.split(r"[，。；]", body, maxsplit=1)[0]


class Category(Model):
    """One of the year's livelihood projects (民生实事)."""

    number: Annotated[int, Field(ge=1)]
    title: Text
    tasks: Annotated[list[Task], Field(min_length=1)]


#: A threshold in percent (10 is 10 points, or 10% of 序时进度).
Points = Annotated[PlanNumber, Field(ge=0, le=100), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100})]


class Lights(Model):
    """The light bands (亮灯): how far below 序时进度 an item turns yellow, and red."""

    #: `points`: percentage points below 序时进度; `share`: percent of 序时进度 missing.
    by: Literal["points", "share"] = "points"
    yellow: Points = 10
    red: Points = 30


class Rules(Model):
    """Thresholds of the status rules (状态规则) and lights; each one left out keeps its default."""

    tolerance: Points | None = None
    lights: Lights | None = None
    #: Whether a report's figures for an item need its 进展情况 (see `model/narrative.py`):
    #: required (every report), narrated (the default: reports that write a narrative), optional.
    progress_text: Literal["required", "narrated", "optional"] | None = None
    due_soon_days: Annotated[int, Field(ge=0)] | None = None
    stale_days: Annotated[int, Field(ge=0)] | None = None
    escalation_months: Annotated[int, Field(ge=1, le=12)] | None = None


class Plan(Model):
    """A year's list of livelihood projects."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    title: Text
    start: Date | None = None
    #: Each unit's person: a name, or a mapping {person, liaison, phone}.
    units: Annotated[dict[str, Person], Field(min_length=1)]
    districts: dict[str, Text] = {}
    all_districts: Text | None = None
    categories: Annotated[list[Category], Field(min_length=1)]
    #: The supervision office's own thresholds; without them the defaults apply.
    rules: Rules | None = None

    @property
    def start_date(self) -> dt.date:
        return self.start or dt.date(self.year, 1, 1)

    @cached_property
    def tasks(self) -> list[Task]:
        return [task for category in self.categories for task in category.tasks]

    @cached_property
    def _task_by_number(self) -> dict[int, Task]:
        return {task.number: task for task in self.tasks}

    @cached_property
    def category_of(self) -> dict[int, Category]:
        return {task.number: category for category in self.categories for task in category.tasks}

    @cached_property
    def targets(self) -> dict[str, TargetRef]:
        """Every target by id, with the task it belongs to."""
        return {tid: TargetRef(tid, target, task) for task in self.tasks for tid, target in task.targets.items()}

    @cached_property
    def _tasks_by_unit(self) -> dict[str, frozenset[int]]:
        numbers: dict[str, set[int]] = {unit: set() for unit in self.units}
        for task in self.tasks:
            for listed in task.units:
                for unit in {listed, *self.members(listed)}:
                    numbers.setdefault(unit, set()).add(task.number)
        return {unit: frozenset(n) for unit, n in numbers.items()}

    def members(self, unit: str) -> list[str]:
        """The units `unit` stands for as a reporter: each district government for the group
        各县（市、区）政府 (`all_districts`), else the unit itself."""
        return list(self.districts.values()) if unit == self.all_districts else [unit]

    def tasks_reported_by(self, unit: str) -> frozenset[int]:
        """The numbers of the items `unit` is responsible for, by name or as one of the
        governments the group 各县（市、区）政府 stands for."""
        return self._tasks_by_unit.get(unit, frozenset())

    def task(self, number: int) -> Task | None:
        return self._task_by_number.get(number)

    def person(self, unit: str) -> str:
        return self.contact(unit).person

    def contact(self, unit: str) -> Contact:
        """The unit's person and, where the plan gives them, liaison and phone."""
        return self.units.get(unit) or Contact.model_construct(person="")


@dataclass(frozen=True)
class TargetRef:
    """A target with its id and the task it belongs to."""

    id: str
    target: Target
    task: Task


def load_plan(path: Path) -> tuple[Plan | None, list[Problem]]:
    """Read, validate and check a plan file; the plan is None when it has errors."""
    doc, problems = load_yaml(path)
    if doc is None:
        return None, problems
    plan, problems = plan_from_document(doc)
    # A drafted plan (`minsheng plan draft`) is no plan until a person has confirmed each guess.
    review = review_problems(doc.path, path.read_text(encoding="utf-8-sig", errors="replace"))
    return (None if review else plan), sorted(problems + review)


def plan_from_document(doc: Document) -> tuple[Plan | None, list[Problem]]:
    try:
        plan = Plan.model_validate(doc.data)
    except ValidationError as e:
        return None, sorted(problems_from_validation(doc, e, Plan))
    problems = sorted(
        doc.problem(c.loc, c.code, c.message, c.hint, key=c.at_key, severity=c.severity) for c in iter_plan_checks(plan)
    )
    return (None if any(p.is_error for p in problems) else plan), problems


class Check(NamedTuple):
    """A problem found in a valid-looking plan, by its path in the file."""

    loc: tuple
    code: str
    message: str
    hint: str = ""
    at_key: bool = False
    severity: Severity = Severity.ERROR


def _error(loc: tuple, code: str, message: str, hint: str = "", *, key: bool = False) -> Check:
    return Check(loc, code, message, hint, at_key=key)


def iter_plan_checks(plan: Plan) -> Iterator[Check]:
    """Checks across fields: numbering, units, lead unit, deadlines, target ids and values."""
    yield from _check_units(plan)
    yield from _check_rules(plan)
    expected_task = 1
    seen_targets: dict[str, tuple] = {}
    used_units: set[str] = set()
    for ci, category in enumerate(plan.categories):
        cloc = ("categories", ci)
        if category.number != ci + 1:
            yield _error(cloc + ("number",), "numbering", f"类别序号应为 {ci + 1}，却是 {category.number}", "类别按一、二、三……依次编号")
        for ti, task in enumerate(category.tasks):
            tloc = cloc + ("tasks", ti)
            if task.number != expected_task:
                yield _error(tloc + ("number",), "numbering", f"序号应为 {expected_task}，却是 {task.number}", "各项序号在全年计划中从 1 起连续、不重复，按类别先后排列")
            expected_task += 1
            used_units.update(task.units)
            yield from _check_task(plan, task, tloc, seen_targets)
    for unit in plan.units:
        if unit not in used_units and unit not in plan.districts.values():
            yield Check(("units", unit), "unused-unit", f"单位 `{unit}` 没有出现在任何一项中", "删去或检查拼写", at_key=True, severity=Severity.WARNING)


def _check_units(plan: Plan) -> Iterator[Check]:
    for district, unit in plan.districts.items():
        if unit not in plan.units:
            yield _error(("districts", district), "unknown-unit", f"单位 `{unit}` 不在 units 名单中", suggest(unit, plan.units))
    if plan.all_districts is not None and plan.all_districts not in plan.units:
        yield _error(("all_districts",), "unknown-unit", f"单位 `{plan.all_districts}` 不在 units 名单中", suggest(plan.all_districts, plan.units))


def _check_rules(plan: Plan) -> Iterator[Check]:
    lights = plan.rules.lights if plan.rules else None
    if lights is not None and lights.yellow > lights.red:
        yield _error(("rules", "lights", "red"), "bad-lights", f"红灯界限 {lights.red} 小于黄灯界限 {lights.yellow}", "red 应不小于 yellow，如 yellow: 10、red: 30")


def _check_schedules(plan: Plan, task: Task, tloc: tuple) -> Iterator[Check]:
    """Nodes of the item's and its targets' schedules: in order, within start..deadline."""
    owners = [(tloc, task.schedule, False)]
    owners += [(tloc + ("targets", tid), t.schedule, t.kind == "milestone") for tid, t in task.targets.items()]
    for loc, schedule, milestone in owners:
        if schedule is None:
            continue
        for c in check_schedule(schedule, start=plan.start_date, deadline=task.deadline, milestone=milestone):
            at = loc + ("schedule",) + ((c.date.isoformat(),) if c.date else ())
            yield _error(at, c.code, c.message, c.hint, key=True)


def _check_task(plan: Plan, task: Task, tloc: tuple, seen_targets: dict[str, tuple]) -> Iterator[Check]:
    yield from _check_schedules(plan, task, tloc)
    for ui, unit in enumerate(task.units):
        if unit not in plan.units:
            yield _error(tloc + ("units", ui), "unknown-unit", f"单位 `{unit}` 不在 units 名单中", suggest(unit, plan.units) or "请先在文件开头的 units 中登记该单位及其责任人")
        elif unit in task.units[:ui]:
            yield _error(tloc + ("units", ui), "duplicate-unit", f"单位 `{unit}` 在本项中重复列出")
    lead = task.lead_unit
    if lead is None:
        yield _error(tloc + ("text",), "no-lead-unit", "工作事项原文应以“（牵头单位：X）”结尾", "照原文抄录牵头单位")
    elif lead not in task.units:
        yield _error(tloc + ("units",), "lead-not-listed", f"牵头单位 `{lead}` 不在本项的责任单位中", "把牵头单位列在 units 的第一位")
    if task.deadline.year != plan.year or task.deadline < plan.start_date:
        yield _error(tloc + ("deadline",), "deadline-outside-year", f"完成时间 {task.deadline} 不在计划年度 {plan.year} 内", f"写成 {plan.year}-MM-DD")
    for tid, target in task.targets.items():
        loc = tloc + ("targets", tid)
        if tid in seen_targets:
            yield _error(loc, "duplicate-target-id", f"目标编号 `{tid}` 与第 {seen_targets[tid][0]} 项重复", "目标编号在全年计划中唯一，建议用“项序号+字母”，如 9b", key=True)
        seen_targets.setdefault(tid, (task.number,))
        if not _TARGET_ID.fullmatch(tid) or yaml.resolver.Resolver().resolve(yaml.ScalarNode, tid, (True, False)) != "tag:yaml.org,2002:str":
            yield _error(loc, "unsafe-target-id", f"目标编号 `{tid}` 不安全：须由字母、数字、- 或 _ 组成且含字母，不能被 YAML 读成数字、日期或布尔值", "建议用“项序号+字母”，如 9b", key=True)
        yield from _check_target(task, tid, target, loc)


def _check_target(task: Task, tid: str, target: Target, loc: tuple) -> Iterator[Check]:
    given = [key for key in COMPARISONS if getattr(target, key) is not None]
    if target.kind == "milestone":
        for key in (*given, *(k for k in ("unit", "baseline") if getattr(target, k) is not None)):
            yield _error(loc + (key,), "milestone-with-value", f"定性任务（milestone）不设 `{key}`", "删去这一项，或把 kind 改为 count/rate/standard/reduction")
    else:
        if len(given) != 1:
            yield _error(loc, "comparison", f"目标 `{tid}` 须有且只有一个比较：at_least（不少于）或 more_than（超过）", "例如 at_least: 1500", key=True)
        if target.unit is None:
            yield _error(loc, "missing-unit", f"目标 `{tid}` 缺少计量单位 unit", "例如 unit: 人次", key=True)
    for key in (*COMPARISONS, "baseline"):
        number = getattr(target, key)
        if number is not None and number <= 0:
            yield _error(loc + (key,), "not-positive", f"`{key}` 应为正数，却是 {number}")
    if target.part_of is not None and (target.part_of == tid or target.part_of not in task.targets):
        yield _error(loc + ("part_of",), "bad-part-of", f"part_of 应指向本项的另一个目标，`{target.part_of}` 不是", suggest(target.part_of, task.targets))
