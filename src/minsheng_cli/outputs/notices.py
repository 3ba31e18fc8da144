"""The 催报通知: one short text per unit that owes a report, in the office's voice, and the
combined list the office keeps, from `engine.missing`'s facts and the office profile.

Each text fits one WeChat message: the items owed, one line each (the target ids only while a
unit owes few items; a district government owing many gets each item with its number of
targets, the full list being in its form), the reply-by date, and who sends it.
"""

from __future__ import annotations

import datetime as dt

from minsheng_cli.engine.missing import MissingReport, MissingUnit
from minsheng_cli.model.office import Office

#: A unit owing more items than this gets each item's number of targets, not their ids.
LISTED_TARGETS = 5
#: What one WeChat message comfortably holds; the texts stay well under it.
MESSAGE_LIMIT = 1000
#: What a notice keeps to: half of that, so it reads at a glance.
SHORT_MESSAGE = MESSAGE_LIMIT // 2


def day_words(day: dt.date) -> str:
    return f"{day.month} 月 {day.day} 日"


def notice(missing: MissingUnit, office: Office, since: dt.date, as_of: dt.date, form_name: str) -> str:
    """The 催报通知 to one unit."""
    last = f"上次报送为 {day_words(missing.last_report)}" if missing.last_report else "此前从未报送"
    reply = day_words(office.reply_by(as_of))
    lines = [
        f"【催报通知】{missing.unit}：",
        f"你单位负责的民生实事中，以下 {len(missing.tasks)} 项尚未完成，{day_words(since)}以来未报送进度（{last}）。"
        f"请于 {reply}前报送截至 {day_words(as_of)}的累计完成情况：",
    ]
    few = len(missing.tasks) <= LISTED_TARGETS
    if few:
        for task in missing.tasks:
            state = "，已逾期" if task.overdue else ""
            lines.append(f"第 {task.number} 项 {task.text}（{task.role or ('牵头' if task.lead else '配合')}，{day_words(task.deadline)}到期{state}）：{'、'.join(task.targets)}")
    else:
        lines += _summary(missing)
    targets = sum(len(t.targets) for t in missing.tasks)
    lines.append(f"请填写随附的填报表（{form_name}）后发回{f'，{targets} 个目标的明细见表' if not few else ''}。")
    contact = "，".join(part for part in (f"联系人：{office.liaison}" if office.liaison else "", f"电话：{office.phone}" if office.phone else "") if part)
    if contact:
        lines.append(contact)
    if office.name:
        lines.append(office.name)
    lines.append(f"{as_of.year} 年 {day_words(as_of)}")
    # Who reports what (the form's 填报说明, in one paragraph) while the message stays short; a
    # unit owing many items (a district government) has it in its form.
    rule = f"填报分工：{missing.rule}" if missing.rule else ""
    if rule and sum(len(line) + 1 for line in lines) + len(rule) < SHORT_MESSAGE:
        lines.insert(-(1 + bool(contact) + bool(office.name)), rule)
    return "\n".join(lines) + "\n"


def _summary(missing: MissingUnit) -> list[str]:
    """Many items owed (a district government's): grouped by role (the lead's first) and deadline, by number only."""
    groups: dict[tuple[bool, str, dt.date, bool], list[int]] = {}
    for task in missing.tasks:
        role = task.role or ("牵头" if task.lead else "配合")
        groups.setdefault((not task.lead, role, task.deadline, task.overdue), []).append(task.number)
    lines = []
    for (_, role, deadline, overdue), numbers in sorted(groups.items()):
        state = "，已逾期" if overdue else ""
        lines.append(f"{role} {len(numbers)} 项（{day_words(deadline)}到期{state}）：第 {'、'.join(map(str, numbers))} 项")
    return lines


def notice_list(report: MissingReport, office: Office) -> str:
    """The office's own list: who was chased, whom to call, what each owes, by when."""
    reply = day_words(office.reply_by(report.as_of))
    head = (
        f"催报名单（截至 {report.as_of.year} 年 {day_words(report.as_of)}，{day_words(report.since)}以来未报送进度）\n"
        f"应报 {len(report.expected)} 个单位，未报 {len(report.units)} 个；请于 {reply}前报送。\n"
    )
    lines = []
    for i, m in enumerate(report.units, start=1):
        who = "，".join(part for part in (f"责任人 {m.contact.person}", f"联络员 {m.contact.liaison}" if m.contact.liaison else "",
                                           f"电话 {m.contact.phone}" if m.contact.phone else "") if part)
        last = f"上次报送 {m.last_report.isoformat()}" if m.last_report else "从未报送"
        items = "、".join(str(t.number) for t in m.tasks)
        lines.append(f"{i}. {m.unit}（{who}）：第 {items} 项；{last}")
    return head + "\n".join(lines) + ("\n" if lines else "")
