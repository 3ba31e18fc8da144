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
#: The comparison keys of a target and the operator each stands for. `at_most` and `less_than`
#: are upper bounds (控制在 3% 以内, 不超过, 不高于; 低于): met at or below the value, strictly
#: below it. 下降 5% stays a `reduction` that must be `at_least` 5: the fall is what is
#: measured; 下降到 5% 以下 is a level, so a rate that must be `less_than` 5.
COMPARISONS = {"at_least": ">=", "more_than": ">", "at_most": "<=", "less_than": "<"}
OP_LABELS = {">=": "不少于", ">": "超过", "<=": "不超过", "<": "低于"}
#: The operators of upper bounds.
UPPER_BOUNDS = frozenset({"<=", "<"})

#: The closing （牵头单位：X） of an item's text, which names its lead unit.
LEAD_UNIT = re.compile(r"（牵头单位：([^（）]+)）$")
_TARGET_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9_-]+")


class Target(Model):
    """One quantitative or qualitative commitment of an item."""

    name: Text
    kind: Kind
    at_least: PlanNumber | None = None
    more_than: PlanNumber | None = None
    at_most: PlanNumber | None = None
    less_than: PlanNumber | None = None
    unit: Text | None = None
    baseline: PlanNumber | None = None
    part_of: Text | None = None
    #: 任务分解到县区: each unit's (a district government's, or a co-unit's) own share of the target.
    quotas: Annotated[dict[Text, PlanNumber] | None, Field(description="任务分解到县区：单位名 → 该单位的任务数，如 {蓬江区政府: 300, 台山市政府: 250}；只用于 count")] = None
    #: The unit whose own figure *is* this target, for a part (9b 其中农业农村部门 → 市农业农村局).
    reported_by: Annotated[Text | None, Field(description="“其中”部分由哪个单位填报（本项的责任单位，不是牵头单位），如 市农业农村局")] = None
    #: A level set city-wide, asked of the total's reporter only; by default true for a `standard`.
    city_only: Annotated[bool | None, Field(description="只由牵头单位报全市数（全市统一的标准、限额）；standard 默认 true，其他默认 false")] = None
    #: 序时安排 of this target: dated nodes of its expected share (a milestone: the date it is due).
    schedule: Schedule | None = None

    @property
    def op(self) -> str | None:
        """`>=`, `>`, `<=` or `<`; None for a milestone."""
        for key, op in COMPARISONS.items():
            if getattr(self, key) is not None:
                return op
        return None

    @property
    def is_city_only(self) -> bool:
        """Whether only the total's reporter is asked for this target (a policy level set city-wide)."""
        return self.kind == "standard" if self.city_only is None else self.city_only

    @property
    def value(self) -> int | float | None:
        for key in COMPARISONS:
            if getattr(self, key) is not None:
                return getattr(self, key)
        return None

    @property
    def upper_bound(self) -> bool:
        """Whether the value is a ceiling (at_most, less_than) rather than a floor."""
        return self.op in UPPER_BOUNDS


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
    #: The lead unit (牵头单位) where the text does not end with （牵头单位：X）, as in tables that
    #: give it a column of its own.
    lead: Text | None = None
    leader: Text
    units: Annotated[list[Text], Field(min_length=1)]
    deadline: Date
    targets: Annotated[dict[str, Target], Field(min_length=1)]
    #: 序时安排 of the item: dated nodes of its expected completion, instead of a straight line.
    schedule: Schedule | None = None

    @property
    def lead_unit(self) -> str | None:
        """The unit named in the text's closing （牵头单位：X）, else the `lead` field."""
        match = LEAD_UNIT.search(self.text)
        return match.group(1) if match else self.lead

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


#: The codes `validate` may warn with. Only these can be silenced: an error never can.
WARNING_CODES = ("late-extension", "stale-report", "unused-unit", "decimal-count", "rate-over-100", "rate-as-fraction")


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
    #: Warnings the office has looked at and accepted, by code: `validate` counts them
    #: as silenced instead of showing them every month.
    ignore_warnings: list[Text] | None = None


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

    def responsible(self, task: Task) -> list[str]:
        """The units responsible for `task` as reporters, in the plan's order: the group
        各县（市、区）政府 stands for each district government."""
        return list(dict.fromkeys(m for listed in task.units for m in self.members(listed)))

    @cached_property
    def governments(self) -> frozenset[str]:
        """The district governments (蓬江区政府 …), whose own figure is their district's."""
        return frozenset(self.districts.values())

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
    # A marker already says what to fix on its line (an empty person, a deadline left null):
    # one problem there, not the marker and the value's error besides.
    marked = {p.line for p in review}
    problems = [p for p in problems if p.line not in marked]
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
    for i, code in enumerate(plan.rules.ignore_warnings or [] if plan.rules else []):
        if code not in WARNING_CODES:
            yield _error(("rules", "ignore_warnings", i), "unknown-warning", f"没有代码为 `{code}` 的警告",
                         f"可忽略的警告：{'、'.join(WARNING_CODES)}（错误不能忽略）；代码是 validate 输出中方括号里的部分")


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
    stated = LEAD_UNIT.search(task.text)
    if lead is None:
        yield _error(tloc + ("text",), "no-lead-unit", "工作事项原文应以“（牵头单位：X）”结尾，或用 lead 写明牵头单位", "照原文抄录牵头单位")
    elif stated and task.lead is not None and task.lead != stated.group(1):
        yield _error(tloc + ("lead",), "lead-disagrees", f"lead `{task.lead}` 与原文的牵头单位 `{stated.group(1)}` 不同", "删去 lead，或改成与原文一致")
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
        yield from _check_roles(plan, task, tid, target, loc)


def _check_target(task: Task, tid: str, target: Target, loc: tuple) -> Iterator[Check]:
    given = [key for key in COMPARISONS if getattr(target, key) is not None]
    if target.kind == "milestone":
        for key in (*given, *(k for k in ("unit", "baseline") if getattr(target, k) is not None)):
            yield _error(loc + (key,), "milestone-with-value", f"定性任务（milestone）不设 `{key}`", "删去这一项，或把 kind 改为 count/rate/standard/reduction")
    else:
        if len(given) != 1:
            yield _error(loc, "comparison", f"目标 `{tid}` 须有且只有一个比较：at_least（不少于）、more_than（超过）、at_most（不超过）或 less_than（低于）", "例如 at_least: 1500，或 at_most: 3", key=True)
        if target.unit is None:
            yield _error(loc, "missing-unit", f"目标 `{tid}` 缺少计量单位 unit", "例如 unit: 人次", key=True)
    for key in (*COMPARISONS, "baseline"):
        number = getattr(target, key)
        # 不超过 0 (no accident at all) is a ceiling a plan may set; every other value is positive.
        if number is not None and (number < 0 if key == "at_most" else number <= 0):
            yield _error(loc + (key,), "not-positive", f"`{key}` 应为{'非负数' if key == 'at_most' else '正数'}，却是 {number}")
    if target.part_of is not None and (target.part_of == tid or target.part_of not in task.targets):
        yield _error(loc + ("part_of",), "bad-part-of", f"part_of 应指向本项的另一个目标，`{target.part_of}` 不是", suggest(target.part_of, task.targets))


def _check_roles(plan: Plan, task: Task, tid: str, target: Target, loc: tuple) -> Iterator[Check]:
    """`reported_by` and `quotas` (填报分工, see model/roles.py): known units responsible for the
    item, on targets where a part or a share means something; quotas that add up to the target."""
    responsible = plan.responsible(task)
    who = "、".join(responsible)
    if target.reported_by is not None:
        unit = target.reported_by
        if unit not in plan.units:
            yield _error(loc + ("reported_by",), "unknown-unit", f"单位 `{unit}` 不在 units 名单中", suggest(unit, responsible))
        elif unit not in responsible:
            yield _error(loc + ("reported_by",), "role-not-responsible", f"`{unit}` 不是第 {task.number} 项的责任单位，不能填报 `{tid}`", f"本项的责任单位：{who}")
        elif unit == task.lead_unit:
            yield _error(loc + ("reported_by",), "role-is-lead", f"`{unit}` 是本项牵头单位，本来就报全市数，不必写 reported_by", "删去 reported_by，或改为负责这一部分的配合单位")
        if target.is_city_only:
            yield _error(loc + ("reported_by",), "city-only-part", f"`{tid}` 是全市统一的指标（city_only），只由牵头单位填报，不能指定 reported_by", "删去 reported_by，或写 city_only: false")
    if target.quotas is None:
        return
    if target.kind != "count":
        yield _error(loc + ("quotas",), "quotas-not-count", f"`{tid}` 是{KIND_LABELS[target.kind]}，不能分解任务数（quotas 只用于累计数量 count）", "删去 quotas", key=True)
        return
    if target.is_city_only:
        yield _error(loc + ("quotas",), "quotas-city-only", f"`{tid}` 写了 city_only: true，只由牵头单位填报，不能分解到各单位", "删去 quotas，或写 city_only: false", key=True)
    for unit, quota in target.quotas.items():
        at = loc + ("quotas", unit)
        if unit == plan.all_districts:
            yield _error(at, "quota-for-group", f"`{unit}` 是各县级政府的统称，不能作为分解单位", f"每个政府各写一行，如 `{next(iter(plan.districts.values()), '')}: 250`", key=True)
        elif unit not in plan.units:
            yield _error(at, "unknown-unit", f"单位 `{unit}` 不在 units 名单中", suggest(unit, responsible) or "请照计划中的单位全称填写", key=True)
        elif unit not in responsible:
            yield _error(at, "role-not-responsible", f"`{unit}` 不是第 {task.number} 项的责任单位，不能分解 `{tid}` 的任务数", f"本项的责任单位：{who}", key=True)
        elif unit == task.lead_unit:
            yield _error(at, "role-is-lead", f"`{unit}` 是本项牵头单位，报全市数，不分解任务数", "quotas 只写各县（市、区）政府或配合单位的任务数", key=True)
        if quota <= 0:
            yield _error(at, "not-positive", f"任务数应为正数，却是 {quota}")
    total = round(sum(target.quotas.values()), 9)  # 0.1 + 0.2 is 0.3 here, as on paper
    if target.value is not None and total != target.value:
        more = total > target.value
        difference = total - target.value if more else target.value - total
        yield Check(loc + ("quotas",), "quotas-sum", f"`{tid}` 各单位任务数合计 {_figure(total)}，与全市目标 {_figure(target.value)} 相差 {_figure(difference)}（{'多' if more else '少'} {_figure(difference)}）",
                    "核对分解表：各县（市、区）任务数之和通常等于全市目标", at_key=True, severity=Severity.WARNING)


def _figure(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else f"{value:g}" if isinstance(value, float) else str(value)
