"""Who reports what (填报分工): the city total, a unit's own part, a district's share.

The 分解表 breaks each city target onto units and districts. For one target a responsible unit
has at most one role:

- `total`: the lead unit (牵头单位) reports the city's figure (全市数), its parts included;
- `part`: the unit named by the target's `reported_by` reports the figure that *is* the target
  (9b 其中农业农村部门 → 市农业农村局);
- `share`: a unit with a quota (`quotas`), and each district government responsible for the
  item, report their own figure (本县（市、区）数, 本单位部分) — never the city's.

A target set city-wide (`city_only`, by default every `standard`) is asked of the lead alone. A
co-handling unit with neither a part nor a quota has no role: its work is in the lead's figure,
it owes no report and its form says so. This module is the rule: the forms, the 催报 list and
their texts read it from here, and engine/cityfigure.py finds the city figure by the same keys
(the lead, `reported_by`, `quotas`); tests/test_roles.py checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from minsheng_cli.model.plan import Plan, TargetRef

Role = Literal["total", "part", "share"]

#: What a role asks for, as a form's row names it.
ROLE_LABELS = {"total": "牵头·报全市数", "part": "配合·报本单位部分", "share": "本县（市、区）数"}
#: A co-unit's share (one with a quota of its own) is its own part, not a district's.
UNIT_SHARE_LABEL = "配合·报本单位部分"

#: The rule in one sentence per role; the form's 填报说明, the 催报 text and the guides say these.
RULE_TOTAL = "你单位是牵头单位，报全市数（含各县（市、区）和配合单位的部分），全市数以牵头单位所报为准"
RULE_PART = "你单位报本单位负责的那一部分（计划中写明由你单位完成的“其中”部分），牵头单位未报全市数时，这一部分以你单位所报为准"
RULE_SHARE = "你单位只报本县（市、区）自己的数，不报全市数；有任务数的，按任务数计算本县（市、区）的完成率"
RULE_UNIT_SHARE = "你单位有本单位任务数的，只报本单位完成的数，不报全市数，按任务数计算本单位的完成率"
RULE_NONE = "你单位在这些事项中是配合单位，没有单独的任务数，进度计入牵头单位所报的全市数，不必填报"
RULE_CITY_ONLY = "这些事项是全市统一的标准或限额，只由牵头单位填报，你单位不必填报"
RULE_QUIET = "某个目标本期没有新数据的，数值留空、在“说明”中写明（如“本月无新进展”），也算已报送"


@dataclass(frozen=True)
class Duty:
    """One unit's role on one target, with its quota where the plan gives one."""

    target_id: str
    task: int
    role: Role
    quota: int | float | None = None
    #: Whether the unit is a district government (its share is its district's figure).
    district: bool = False

    @property
    def label(self) -> str:
        """`牵头·报全市数`, `配合·报本单位部分` or `本县（市、区）数`."""
        return UNIT_SHARE_LABEL if self.role == "share" and not self.district else ROLE_LABELS[self.role]


def duty_of(plan: Plan, ref: TargetRef, unit: str) -> Duty | None:
    """`unit`'s role on the target `ref`, or None when it has none (see the module's rule)."""
    task, target = ref.task, ref.target
    if unit not in plan.responsible(task):
        return None
    district = unit in plan.governments
    if unit == task.lead_unit:
        return Duty(ref.id, task.number, "total", district=district)
    if target.is_city_only:
        return None
    if unit == target.reported_by:
        return Duty(ref.id, task.number, "part", district=district)
    quota = (target.quotas or {}).get(unit)
    if quota is not None or (district and target.reported_by is None):
        return Duty(ref.id, task.number, "share", quota, district=district)
    return None


def duties_of(plan: Plan, unit: str) -> list[Duty]:
    """Every role `unit` has, in the plan's order of targets."""
    return [duty for ref in plan.targets.values() if (duty := duty_of(plan, ref, unit)) is not None]


def unasked(plan: Plan, unit: str) -> list[int]:
    """The items `unit` is responsible for without any role in them (a co-unit with no part)."""
    asked = {duty.task for duty in duties_of(plan, unit)}
    return [n for n in sorted(plan.tasks_reported_by(unit)) if n not in asked]


def rule_paragraph(plan: Plan, unit: str) -> str:
    """The rule for `unit` in one paragraph, as its form's 填报说明 and its 催报 text state it."""
    duties = duties_of(plan, unit)
    roles = {duty.role for duty in duties}
    sentences = []
    if "total" in roles:
        sentences.append(RULE_TOTAL)
    if "part" in roles:
        sentences.append(RULE_PART)
    if "share" in roles:
        sentences.append(RULE_SHARE if unit in plan.governments else RULE_UNIT_SHARE)
    idle = unasked(plan, unit)
    levels = [n for n in idle if all(ref.target.is_city_only for ref in plan.targets.values() if ref.task.number == n)]
    others = [n for n in idle if n not in levels]
    if others:
        sentences.append(RULE_NONE.replace("这些事项", f"第 {'、'.join(map(str, others))} 项"))
    if levels:
        sentences.append(RULE_CITY_ONLY.replace("这些事项", f"第 {'、'.join(map(str, levels))} 项"))
    if duties:
        sentences.append(RULE_QUIET)
    return f"{unit}：" + "；".join(sentences) + "。"
