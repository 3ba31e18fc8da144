"""A unit's fill-in form as data: the targets it has a role in (model/roles.py), what each asks
for, and what the unit last reported. The YAML and Excel forms only lay this out, so they can
never disagree."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from minsheng_cli.reading.modelerrors import suggest
from minsheng_cli.model.plan import OP_LABELS, Plan, Target
from minsheng_cli.model.roles import Duty, duties_of, rule_paragraph
from minsheng_cli.reading.problems import UsageError
from minsheng_cli.model.progress import Progress

Value = int | float | bool
#: Characters Windows does not allow in a file name.
_UNSAFE_IN_NAME = re.compile(r'[<>:"/\\|?*]')

#: What a target's value means, by kind, in the words of the form.
MEANINGS = {
    "count": "累计值",
    "rate": "当前水平",
    "standard": "当前标准",
    "reduction": "当前降幅",
    "milestone": "是否完成",
}


@dataclass(frozen=True)
class FormLine:
    """One target on a unit's form."""

    target_id: str
    task: int
    task_text: str
    name: str
    kind: str
    requirement: str
    unit: str
    meaning: str
    last_value: Value | None
    last_date: dt.date | None
    #: The unit's role on this target, as the row names it (牵头·报全市数 …).
    role: str = ""
    #: The unit's own quota (任务数), where the plan breaks the target down.
    quota: int | float | None = None

    @property
    def asks(self) -> str:
        """The row's 要求, with its role: `【本县（市、区）数】任务数 1 所（全市不少于 7 所）`."""
        if self.quota is not None:
            what = f"任务数 {format_number(self.quota)}{'' if self.unit == '%' else ' '}{self.unit}（全市{self.requirement}）"
        elif self.role and not self.role.startswith("牵头"):
            what = f"本单位自己的数（全市{self.requirement}）" if self.kind != "milestone" else "本单位负责的部分是否完成"
        else:
            what = self.requirement
        return f"【{self.role}】{what}" if self.role else what
    #: The item's 完成时间 (the plan's).
    deadline: dt.date | None = None

    @property
    def milestone(self) -> bool:
        return self.kind == "milestone"


@dataclass(frozen=True)
class Form:
    """Everything a unit's form for one date shows."""

    title: str
    unit: str
    person: str
    date: dt.date
    lines: tuple[FormLine, ...]
    #: Who reports what, for this unit, in one paragraph (model/roles.rule_paragraph).
    rule: str = ""
    #: The day the form is due back (请于 … 前报回), from the office profile; None if unknown.
    reply_by: dt.date | None = None

    @property
    def file_stem(self) -> str:
        """`2025-10-31_市教育局`: the name the report will have, so a clerk recognises it."""
        return report_stem(self.unit, self.date)


def report_stem(unit: str, date: dt.date) -> str:
    """`2025-10-31_市教育局`: how a unit's report (and its form) of a date is named."""
    return f"{date.isoformat()}_{_UNSAFE_IN_NAME.sub('_', unit)}"


def reporting_units(plan: Plan) -> list[str]:
    """Every unit that may report, in the plan's order: each district government on its own,
    never the group name 各县（市、区）政府."""
    return [u for u in plan.units if u != plan.all_districts and plan.tasks_reported_by(u)]


def asked_units(plan: Plan) -> list[str]:
    """The reporting units with a role in at least one target: a co-unit with no part and no
    quota anywhere owes no report, and gets no form from `form --all`."""
    return [u for u in reporting_units(plan) if duties_of(plan, u)]


def resolve_unit(plan: Plan, name: str) -> str:
    """The unit named exactly as in the plan; a usage error with a did-you-mean otherwise."""
    name = name.strip()
    if name == plan.all_districts:
        first = next(iter(plan.districts.values()), "")
        raise UsageError(f"`{name}` 是各县级政府的统称，不能作为填报单位；请写本级政府，如 {first}（--all 为每个政府各生成一份）")
    if name not in plan.units or not plan.tasks_reported_by(name):
        hint = suggest(name, reporting_units(plan))
        raise UsageError(f"计划中没有需要填报的单位 `{name}`" + (f"（{hint}）" if hint else "（单位名照计划全称填写，minsheng plan 可查看）"))
    return name


def check_date(plan: Plan, date: dt.date) -> None:
    if date.year != plan.year:
        raise UsageError(f"日期 {date} 不在计划年度 {plan.year} 内（写成 {plan.year}-MM-DD）")


def requirement(target: Target) -> str:
    """`不少于 7 所`, `超过 40%`, `不超过 3%`, `低于 5%`; `完成` for a milestone."""
    if target.op is None or target.value is None:
        return "完成"
    unit = target.unit or ""
    return f"{OP_LABELS[target.op]} {format_number(target.value)}{'' if unit == '%' else ' '}{unit}".rstrip()


def format_number(value: int | float) -> str:
    """A figure as written in a report: whole numbers without `.0`, others exactly."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def build_form(plan: Plan, progress: Progress, unit: str, date: dt.date, reply_by: dt.date | None = None) -> Form:
    """The form of `unit` for `date`, due back by `reply_by`: a line for every target it has a
    role in, in the plan's order, naming the role and quota, with the unit's own last value
    reported before `date`."""
    lines = [_line(plan, progress, unit, date, duty) for duty in duties_of(plan, unit)]
    return Form(plan.title, unit, plan.person(unit), date, tuple(lines), rule=rule_paragraph(plan, unit), reply_by=reply_by)


def _line(plan: Plan, progress: Progress, unit: str, date: dt.date, duty: Duty) -> FormLine:
    ref = plan.targets[duty.target_id]
    task, target = ref.task, ref.target
    own = [r for r in progress.of(ref.id) if r.unit == unit and r.date < date and r.value is not None]
    last = own[-1] if own else None
    return FormLine(
        target_id=ref.id, task=task.number, task_text=task.short_text, name=target.name, kind=target.kind,
        requirement=requirement(target), unit=target.unit or "", meaning=MEANINGS[target.kind],
        last_value=last.value if last else None, last_date=last.date if last else None,
        role=duty.label, quota=duty.quota, deadline=task.deadline,
    )
