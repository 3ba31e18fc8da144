"""The people's congress loop as views: the vote's result, the 测评 grades, and the inspections
and 督办建议 of an item (for `show`). Tables for people, dicts for JSON, sheets for CSV."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from minsheng_cli.engine.inspections import SuggestionState, inspections_of, suggestion_states
from minsheng_cli.engine.survey import BASE_LABELS, GRADE_LABELS, GRADES, SurveyResult
from minsheng_cli.engine.vote import OUTCOME_LABELS, VoteResult
from minsheng_cli.model.inspections import Inspections
from minsheng_cli.model.plan import Plan, Task
from minsheng_cli.outputs.views import Day, Records, Table, View


def rate_percent(ratio: Fraction | None) -> str:
    """A 满意率 to two decimals, rounded down (98.56%), as offices publish it; "—" for none."""
    if ratio is None:
        return "—"
    hundredths = ratio.numerator * 10000 // ratio.denominator
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def _ratio(ratio: Fraction | None) -> float | None:
    return None if ratio is None else round(float(ratio), 4)


def vote_view(result: VoteResult) -> View:
    """The result in the congress's order: place, votes, share of those present, majority, outcome."""
    b = result.ballot
    lines = [
        f"{b.session}：应到代表 {b.deputies} 人，实到 {b.present} 人；候选项目 {len(b.candidates)} 个，拟票决产生 {b.adopt} 个",
        f"过半数：得票须多于实到代表的一半（{b.present} 人的一半为 {b.present / 2:g}），即至少 {result.needed} 票；"
        f"得票过半数的 {len(result.passed)} 个，按得票从多到少取前 {b.adopt} 个",
    ]
    if result.tied:
        names = "、".join(f"{p.candidate.id} {p.candidate.title}" for p in result.tied)
        lines.append(
            f"注意：第 {b.adopt} 名处票数相同：{names} 均得 {result.tied[0].candidate.votes} 票，争 {result.open_places} 个名额，"
            "票决结果不能确定这几项；请按议事规则（如就这几项再次投票）确定后改正票数"
        )
    elif len(result.passed) < b.adopt:
        lines.append(f"注意：得票过半数的只有 {len(result.passed)} 个，少于拟票决的 {b.adopt} 个；入选 {len(result.adopted)} 个")
    lines.append(f"入选 {len(result.adopted)} 个" + (f"，待定 {len(result.tied)} 个" if result.tied else ""))
    table = Table(None, ["名次", "编号", "项目", "拟牵头单位", "得票", "得票率", "过半数", "结果"], wrap=True)
    sheet = Records(["名次", "编号", "项目", "拟牵头单位", "得票", "得票率（%）", "过半数", "结果"])
    for p in result.placed:
        c = p.candidate
        share = Fraction(c.votes, b.present)
        table.rows.append([str(p.place), str(c.id), c.title, c.lead_unit, str(c.votes), rate_percent(share), "是" if p.majority else "否", OUTCOME_LABELS[p.outcome]])
        sheet.rows.append([p.place, str(c.id), c.title, c.lead_unit, c.votes, float(rate_percent(share)[:-1]), "是" if p.majority else "否", OUTCOME_LABELS[p.outcome]])
    data = {
        "session": b.session, "deputies": b.deputies, "present": b.present, "adopt": b.adopt, "needed": result.needed,
        "candidates": [
            {"id": p.candidate.id, "title": p.candidate.title, "lead_unit": p.candidate.lead_unit, "votes": p.candidate.votes,
             "place": p.place, "majority": p.majority, "outcome": p.outcome}
            for p in result.placed
        ],
        "tie": [p.candidate.id for p in result.tied],
    }
    return View(data, [table], lines, sheet)


def survey_view(result: SurveyResult) -> View:
    """Each item's 测评等次 with its counts and 满意率, the counts per grade and the overall 满意率."""
    s = result.survey
    counts = result.counts
    lines = [
        (f"{s.session}：" if s.session else "") + f"全体组成人员 {s.members} 人，实到 {s.present} 人；"
        f"以{BASE_LABELS[s.base]}（{result.base} 人）为基数：满意票超过半数为满意，满意与基本满意票合计超过半数为基本满意，否则为不满意（恰好一半不算超过）",
        f"共 {len(result.ratings)} 项：" + "，".join(f"{GRADE_LABELS[g]} {counts[g]} 项" for g in GRADES)
        + f"；总体满意率 {rate_percent(result.approval)}（满意与基本满意票之和 ÷ 投票数之和）",
    ]
    heads = ["序号", "工作事项", "满意", "基本满意", "不满意", "弃权", "投票数", "满意率", "测评等次"]
    table = Table(None, heads, wrap=True)
    sheet = Records([*heads[:7], "满意率（%）", "测评等次"])
    items = []
    for r in result.ratings:
        v = r.result
        abstain = "" if v.abstain is None else str(v.abstain)
        table.rows.append([str(r.task.number), r.task.short_text, str(v.satisfied), str(v.basic), str(v.dissatisfied), abstain, str(v.cast), rate_percent(r.approval), GRADE_LABELS[r.grade]])
        sheet.rows.append([r.task.number, r.task.short_text, v.satisfied, v.basic, v.dissatisfied, v.abstain, v.cast,
                           None if r.approval is None else float(rate_percent(r.approval)[:-1]), GRADE_LABELS[r.grade]])
        items.append({"no": r.task.number, "satisfied": v.satisfied, "basic": v.basic, "dissatisfied": v.dissatisfied,
                      "abstain": v.abstain, "cast": v.cast, "approval": _ratio(r.approval), "grade": r.grade})
    data = {"session": s.session, "members": s.members, "present": s.present, "base": s.base, "base_count": result.base,
            "counts": counts, "approval": _ratio(result.approval), "items": items}
    return View(data, [table], lines, sheet)


def suggestion_json(s: SuggestionState) -> dict[str, Any]:
    return {
        "item": s.task.number, "date": s.suggestion.date.isoformat(), "due": s.suggestion.due.isoformat(), "text": s.suggestion.text,
        "unit": s.unit, "state": s.state, "open": s.open, "days_past_due": s.days_past_due,
        "reply": None if s.reply is None else {"date": s.reply.date.isoformat(), "text": s.reply.text, "state": s.reply.state},
    }


def item_inspections(plan: Plan, task: Task, record: Inspections, as_of: dt.date) -> tuple[list[Table], dict[str, Any]]:
    """`show N`'s tables of the item's inspections and 督办建议 as of `as_of`, and their JSON."""
    visits = inspections_of(record, task.number, as_of)
    states = suggestion_states(plan, record, as_of, item=task.number)
    seen = Table("视察与调研", ["日期", "形式", "代表", "发现的问题"], wrap=True)
    seen.rows = [[Day(i.date), i.kind, "、".join(i.deputies), i.findings] for i in visits] or [["—", "", "", "尚无视察、调研记录"]]
    advice = Table("督办建议", ["日期", "办理期限", "建议", "承办单位", "办理情况", "状态"], wrap=True)
    for s in states:
        reply = "" if s.reply is None else f"{s.reply.date.isoformat()}：{s.reply.text}"
        state = s.state + (f"·逾期 {s.days_past_due} 天" if s.days_past_due else "")
        advice.rows.append([Day(s.suggestion.date), Day(s.suggestion.due), s.suggestion.text, s.unit, reply, state])
    if not advice.rows:
        advice.rows.append(["—", "", "尚无督办建议", "", "", ""])
    data = {
        "inspections": [{"date": i.date.isoformat(), "kind": i.kind, "deputies": list(i.deputies), "findings": i.findings} for i in visits],
        "suggestions": [suggestion_json(s) for s in states],
    }
    return [seen, advice], data
