"""The year-end report (民生实事完成情况报告) in words: its facts (`engine.year_report`) as titled
sections of sentences and tables, drawn by the bulletin's renderers (Markdown, HTML, Word) from
the bulletin's blocks (`bulletin_layout`), so the report looks like the office's other documents.

The official parts of a document (版头, 落款, 附件) are the bulletin's to define (issue 20); this
layout carries only the title, the date line and the sections, so they can be added around it.
"""

from __future__ import annotations

import datetime as dt

from minsheng_cli.engine.inspections import SuggestionState
from minsheng_cli.engine.status import STATUS_LABELS
from minsheng_cli.engine.survey import BASE_LABELS, GRADE_LABELS, GRADES
from minsheng_cli.engine.year_report import Figure, FinalItem, YearReport
from minsheng_cli.model.office import Office
from minsheng_cli.outputs.bulletin_layout import Block, Cell, Grid, Layout, Paragraph, Section, day_words, official_frame, quantity
from minsheng_cli.outputs.congress_views import rate_percent
from minsheng_cli.outputs.views import cn_number, percent, target_requirement

#: An item's final status in the words of a year-end report: in a closed year 已逾期 is 未完成.
FINAL_LABELS = {"done": "按期完成", "done_late": "逾期完成", "overdue": "未完成"}
_GRADE_LIGHT = {"satisfied": "blue", "basic": "yellow", "dissatisfied": "red"}
_STATUS_LIGHT = {"done": "blue", "done_late": "yellow", "overdue": "red"}


def final_label(item: FinalItem, closed: bool) -> str:
    """按期完成, 逾期完成 or 未完成 at a year's end (an item due on 12-31 and not done is 未完成
    too, though its status that day is not yet 已逾期); the status's own word before then."""
    status = item.status.status
    if closed:
        return FINAL_LABELS.get(status, FINAL_LABELS["overdue"])
    return STATUS_LABELS[status]


def final_light(item: FinalItem, closed: bool) -> str | None:
    return _STATUS_LIGHT.get(item.status.status, "red") if closed else None


def figure_words(f: Figure) -> str:
    """One target at year end: `失能老年人免费上门服务：实际 1,620 名，目标不少于 1,500 名，超额完成 8%`."""
    ts, t = f.status, f.status.target
    if ts.actual is None:
        return f"{t.name}：未填报，未完成"
    if t.kind == "milestone":
        return f"{t.name}：{'已完成' if ts.met else '未完成'}"
    said = f"{t.name}：实际 {quantity(ts.actual, t.unit)}，目标{target_requirement(t)}，"
    if f.excess is None:
        return said + f"未完成（完成 {percent(ts.ratio)}；{'说明：' + f.reason if f.reason else '未说明原因'}）"
    return said + (f"超额完成 {f.excess}%" if f.excess > 0 else "完成")


def layout_year_report(r: YearReport, office: Office = Office()) -> Layout:
    """The year-end report in the bulletin's official-document parts: its 落款 (the office and
    the date) and 版记 from the office profile; no 版头, since a 报告 is no numbered 通报, and no
    主送, which the office writes for the body it reports to."""
    frame = official_frame(office, r.as_of, series="")
    # On or after 12-31 the statuses are final; before, the report says so and keeps the status words.
    closed = r.as_of >= dt.date(r.year, 12, 31)
    number = iter(cn_number(n) for n in range(1, 11))
    sections = [
        Section(f"{next(number)}、总体完成情况", _overview(r, closed)),
        Section(f"{next(number)}、各项完成情况", _items(r, closed)),
        Section(f"{next(number)}、经批准延期的事项", _extensions(r)),
    ]
    if r.suggestions is not None:
        sections.append(Section(f"{next(number)}、人大代表督办建议办理情况", _suggestions(r.suggestions, r)))
    if r.survey is not None:
        sections.append(Section(f"{next(number)}、满意度测评结果", _survey(r)))
    return Layout(
        title=f"{r.plan_title}完成情况报告",
        subtitle=f"（截至 {day_words(r.as_of, year=True)}）",
        sections=sections,
        signer=frame.signer,
        date=frame.date,
        copy_to=frame.copy_to,
        printed=frame.printed,
    )


def _overview(r: YearReport, closed: bool) -> list[Block]:
    c = r.counts
    total = len(r.items)
    if closed:
        text = (f"{r.year} 年 {total} 项民生实事，截至 {day_words(r.as_of)}，已完成 {c['done'] + c['done_late']} 项"
                f"（按期完成 {c['done']} 项、逾期完成 {c['done_late']} 项），未完成 {total - c['done'] - c['done_late']} 项。")
    else:
        text = (f"截至 {day_words(r.as_of)}，{total} 项民生实事中已完成 {c['done']} 项、逾期完成 {c['done_late']} 项，"
                f"按进度推进 {c['on_track']} 项，进度滞后 {c['behind']} 项，已逾期 {c['overdue']} 项，未填报 {c['not_reported']} 项（年度尚未结束，状态不是最终结果）。")
    signed = sum(i.signed_off is not None for i in r.items)
    text += f"经验收销号 {signed} 项。" if signed else ""
    rows = tuple(
        (Cell(str(i.status.task.number)), Cell(i.status.task.short_text), Cell(i.status.task.lead_unit or ""),
         Cell(final_label(i, closed), final_light(i, closed)),
         Cell(i.status.done_on.isoformat() if i.status.done_on else "—"),
         # 验收销号: issue 21's sign-offs fill this column; empty until they are in (see engine.year_report).
         Cell(i.signed_off.isoformat() if i.signed_off else ""))
        for i in r.items
    )
    return [Paragraph(text), Grid(("序号", "工作事项", "牵头单位", "完成情况", "完成日期", "验收销号"), rows, numeric=frozenset({0}), fixed=frozenset({3, 4, 5}))]


def _items(r: YearReport, closed: bool) -> list[Block]:
    blocks: list[Block] = []
    for i in r.items:
        s = i.status
        state = final_label(i, closed)
        when = f"，{day_words(s.done_on, year=True)}完成" if s.done_on else ""
        deadline = s.deadline or s.task.deadline
        head = f"{state}{when}（完成时间 {day_words(deadline, year=True)}" + ("，经批准延期" if s.extended else "") + "）。"
        figures = "；".join(figure_words(f) for f in i.figures) + "。"
        blocks.append(Paragraph(head + figures + f"牵头单位：{s.task.lead_unit}。",
                                lead=f"（{cn_number(s.task.number)}）第 {s.task.number} 项“{s.task.short_text}”：",
                                light=final_light(i, closed)))
    return blocks


def _extensions(r: YearReport) -> list[Block]:
    if not r.extensions:
        return [Paragraph("本年度没有经批准延期的事项。")]
    counted = sum(ruling.counts for _, ruling in r.extensions)
    blocks: list[Block] = [Paragraph(f"本年度批准延期 {len(r.extensions)} 项次，其中按规定计入 {counted} 项次"
                                     "（延期须在当时的完成时间之前批准方可计入，晚于完成时间批准的照样列明，仍按原定时间考核）。")]
    for s, ruling in r.extensions:
        e = ruling.extension
        verdict = "已计入，按延期后的时间考核" if ruling.counts else "批准晚于当时的完成时间，不计入，仍按原定时间考核"
        blocks.append(Paragraph(
            f"原定 {day_words(ruling.before, year=True)}完成，经{e.document}（{day_words(e.approved, year=True)}批准）延期至 {day_words(e.deadline, year=True)}，{verdict}；理由：{e.reason}。",
            lead=f"第 {s.task.number} 项“{s.task.short_text}”：",
        ))
    return blocks


def _suggestions(states: tuple[SuggestionState, ...], r: YearReport) -> list[Block]:
    open_ = [s for s in states if s.open]
    text = f"本年度人大代表提出督办建议 {len(states)} 条，截至 {day_words(r.as_of)}已办结 {len(states) - len(open_)} 条，尚未办结 {len(open_)} 条。"
    if not open_:
        return [Paragraph(text)]
    rows = tuple(
        (Cell(str(s.task.number)), Cell(s.suggestion.text), Cell(s.unit), Cell(s.suggestion.due.isoformat()),
         Cell(str(s.days_past_due) if s.days_past_due else "—", "red" if s.days_past_due else None),
         Cell(s.state if s.reply is None else f"{s.state}（{s.reply.date.isoformat()}：{s.reply.text}）"))
        for s in open_
    )
    return [Paragraph(text + "尚未办结的逐条列明如下。"),
            Grid(("序号", "督办建议", "承办单位", "办理期限", "逾期天数", "办理情况"), rows, numeric=frozenset({0, 4}), fixed=frozenset({3}))]


def _survey(r: YearReport) -> list[Block]:
    result = r.survey
    assert result is not None
    s = result.survey
    counts = result.counts
    text = ((f"{s.session}对 {len(result.ratings)} 项民生实事进行满意度测评" if s.session else f"对 {len(result.ratings)} 项民生实事进行满意度测评")
            + f"，全体组成人员 {s.members} 人，实到 {s.present} 人。"
            + "，".join(f"{GRADE_LABELS[g]} {counts[g]} 项" for g in GRADES)
            + f"；总体满意率 {rate_percent(result.approval)}。")
    rule = (f"测评等次以{BASE_LABELS[s.base]}（{result.base} 人）为基数：满意票超过半数为满意；否则满意与基本满意票合计超过半数为基本满意；"
            "否则为不满意；恰好一半不算超过。满意率为满意与基本满意票之和除以投票数。")
    rows = tuple(
        (Cell(str(x.task.number)), Cell(x.task.short_text), Cell(str(x.result.satisfied)), Cell(str(x.result.basic)),
         Cell(str(x.result.dissatisfied)), Cell(rate_percent(x.approval)), Cell(GRADE_LABELS[x.grade], _GRADE_LIGHT[x.grade]))
        for x in result.ratings
    )
    return [Paragraph(text), Paragraph(rule),
            Grid(("序号", "工作事项", "满意", "基本满意", "不满意", "满意率", "测评等次"), rows, numeric=frozenset({0, 2, 3, 4, 5}))]
