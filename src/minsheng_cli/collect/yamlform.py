"""The YAML layouts: a unit's fill-in form, and a report as minsheng writes it.

Both are in the plain report format (`unit`, `date`, `values`), one target per line, so a
clerk's editor, `minsheng validate` and `minsheng record` read them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


from minsheng_cli.collect.forms import Form, FormLine, format_number
from minsheng_cli.model.progress import Reading
from minsheng_cli.reading.yamlwrite import scalar

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/progress.schema.json"


def value_text(value: int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return format_number(value)


def _shown(value: int | float | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "已完成" if value else "未完成"
    return format_number(value)


def line_comment(line: FormLine) -> str:
    """`7a 心理健康培训：超过 1000 人次；填累计值…；上次 1000（2025-07-31）`"""
    last = f"上次 {_shown(line.last_value)}（{line.last_date}）" if line.last_date else "此前未填报"
    how = "填 true（已完成）或 false（未完成）" if line.milestone else f"填{line.meaning}"
    if line.unit == "%":
        how += "，40% 写 40"
    return f"{line.target_id} {line.name}：{line.asks}；{how}；{last}"


def form_yaml(form: Form) -> str:
    """The form as a report with every value blank; blank means not reported this time."""
    out = [
        SCHEMA_LINE,
        f"# {form.title} 进度填报表（minsheng form 生成）",
        f"# 填报单位：{form.unit}（责任人：{form.person}）；截至日期：{form.date}"
        + (f"；请于 {form.reply_by.month} 月 {form.reply_by.day} 日前报回" if form.reply_by else ""),
        "# 填写：在目标编号的冒号后空一格，填截至该日期的累计值（不是本期增量）；既不填数也不写说明的不算填报。",
        "# 本期没有新数据的写成：7a: {note: 本月无新进展}（算已报送，不改变以前填报的数）。",
        "# 只写数字（1500、38.5，也可写 3.13万），不带单位；定性任务写 true（已完成）或 false（未完成）。",
        "# 要写说明或依据时写成：7a: {value: 1001, note: 说明, source: 文号或链接}；累计值比上次少时必须写 note。",
        "# 不要改 unit、date 和文件名；用 UTF-8 保存。填报人、联系电话、审核人（分管领导）、报送日期写在下面四行。",
        *([f"# 填报分工：{form.rule}"] if form.rule else []),
        f"unit: {scalar(form.unit)}",
        f"date: {form.date.isoformat()}",
        "reporter:        # 填报人",
        "phone:           # 联系电话",
        "reviewer:        # 审核人（分管领导）",
        "submitted:       # 报送日期，如 " + (form.reply_by or form.date).isoformat(),
        "values:",
    ]
    task = None
    for line in form.lines:
        if line.task != task:
            task = line.task
            out.append(f"  # 第 {line.task} 项 {line.task_text}" + (f"（完成时间 {line.deadline}）" if line.deadline else ""))
        out.append(f"  # {line_comment(line)}")
        out.append(f"  {line.target_id}:")
    return "\n".join(out) + "\n"


def entry_text(value: int | float | bool | None, note: str | None, source: str | None) -> str:
    """One value as a report line writes it: `1001`, or `{value: 1001, note: …}`; a report of
    no new figure as `{note: 本月无新进展}`."""
    if value is not None and not note and not source:
        return value_text(value)
    parts = [] if value is None else [f"value: {value_text(value)}"]
    parts += [f"{key}: {scalar(text)}" for key, text in (("note", note), ("source", source)) if text]
    return "{" + ", ".join(parts) + "}"


def report_yaml(unit: str, date: dt.date, readings: Iterable[Reading], order: list[str], signoffs: dict[str, str | dt.date] | None = None) -> str:
    """A report as minsheng writes it: its sign-offs (填报人, 联系电话, …) after the date, then the
    readings in the plan's order of targets."""
    rank = {tid: i for i, tid in enumerate(order)}
    lines = [SCHEMA_LINE, "# 进度报告（minsheng 写入）", f"unit: {scalar(unit)}", f"date: {date.isoformat()}"]
    lines += [f"{key}: {scalar(text)}" for key, text in (signoffs or {}).items()]
    lines.append("values:")
    for r in sorted(readings, key=lambda r: rank.get(r.target, len(rank))):
        lines.append(f"  {r.target}: {entry_text(r.value, r.note, r.source)}")
    return "\n".join(lines) + "\n"
