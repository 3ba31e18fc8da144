"""The bulletin in words: its facts (`minsheng_cli.engine.bulletin`) as titled sections of sentences
and tables, in the register of a 通报.

Markdown, HTML and Word each draw these same blocks, so they say the same words; only this
module chooses them. Percentages round down, as everywhere in minsheng.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from minsheng_cli.engine.bulletin import Bulletin, Change, Laggard, NewFigure, Overview, Trend
from minsheng_cli.outputs.lights import light_of_item
from minsheng_cli.engine.rules import LIGHT_LABELS
from minsheng_cli.engine.status import STATUS_LABELS, STATUSES, TargetStatus
from minsheng_cli.engine.cityfigure import PARTIAL_LABEL, SUM_LABEL
from minsheng_cli.outputs.views import cn_number, is_partial, number, percent, shares_words, target_requirement


@dataclass(frozen=True)
class Cell:
    """A table cell's text, shaded in `light`'s colour (see `outputs.lights`) if given."""

    text: str
    light: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; `lead` is set in bold before the text, in `light`'s ink if given."""

    text: str
    lead: str = ""
    light: str | None = None
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Grid:
    """A table with a heading row. `numeric` columns align to the right; neither they nor
    `fixed` columns (dates) break across lines."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()
    fixed: frozenset[int] = frozenset()
    kind: ClassVar[str] = "grid"


@dataclass(frozen=True)
class Charts:
    """Small trend charts, one per item, where the format can draw them (HTML)."""

    trends: tuple[Trend, ...]
    kind: ClassVar[str] = "charts"


Block = Paragraph | Grid | Charts


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Layout:
    title: str
    subtitle: str
    sections: list[Section]


_ORDINALS = "一二三四五六七八九十"


def day_words(day: dt.date, *, year: bool = False) -> str:
    """`9 月 30 日`, or `2025 年 9 月 30 日`."""
    text = f"{day.month} 月 {day.day} 日"
    return f"{day.year} 年 {text}" if year else text


def quantity(value: int | float | bool | None, unit: str | None) -> str:
    """A figure with its unit: `1,250 名`, `60%`, `已完成` for a milestone met."""
    if value is None or isinstance(value, bool):
        return number(value)
    unit = unit or ""
    return f"{number(value)}{'' if unit in ('', '%') else ' '}{unit}"


def layout_bulletin(b: Bulletin) -> Layout:
    return Layout(
        title=f"{b.plan_title}进展情况通报",
        subtitle=f"（截至 {day_words(b.as_of, year=True)}{'；' + b.scope if b.scope else ''}）",
        sections=[
            Section("一、总体情况", _overview(b)),
            Section("二、本期变化", _changes(b)),
            Section("三、进度滞后和逾期事项", _laggards(b)),
            Section("四、未按期填报的单位", _missing(b)),
            Section("五、单位排名", _ranking(b)),
            Section("六、各项进度走势", _trends(b)),
            *([Section("七、分县（市、区）情况", district_blocks(b))] if b.districts or b.partial else []),
        ],
    )


def _overview(b: Bulletin) -> list[Block]:
    o = b.overview
    c = o.counts
    text = (
        f"截至 {day_words(b.as_of)}，{o.total} 项民生实事中已完成 {c['done']} 项、逾期完成 {c['done_late']} 项，"
        f"按进度推进 {c['on_track']} 项，进度滞后 {c['behind']} 项，已逾期 {c['overdue']} 项，未填报 {c['not_reported']} 项；"
        f"总体完成率 {percent(o.completion)}（各项完成度的平均值）。"
    )
    if o.lights:
        text += "亮灯情况：" + "、".join(f"{LIGHT_LABELS[light]} {n} 项" for light, n in o.lights.items()) + "。"
    counts = Grid(
        ("状态", "项数", "占比"),
        tuple((Cell(STATUS_LABELS[s], _status_light(o, s)), Cell(str(c[s])), Cell(percent(c[s] / o.total) if o.total else "—")) for s in STATUSES),
        numeric=frozenset({1, 2}),
    )
    return [Paragraph(text), counts]


def _status_light(o: Overview, status: str) -> str | None:
    """The colour of a status's row: the light all its items show (blue for 已完成 and 逾期完成,
    red for 已逾期, grey for 未填报), none where its items show different lights."""
    lights = o.status_lights.get(status, frozenset())
    return light_of_item(status, next(iter(lights)) if len(lights) == 1 else None)


def _item(change: Change | Laggard | NewFigure) -> str:
    task = change.status.task if isinstance(change, Laggard) else change.task
    return f"第 {task.number} 项“{task.short_text}”"


def _changes(b: Bulletin) -> list[Block]:
    ch = b.changes
    period = f"本期（{day_words(b.since)}至 {day_words(b.as_of)}）"
    blocks: list[Block] = []

    def listing(what: str, items: tuple[Change, ...], *, before: bool = False) -> None:
        if not items:
            blocks.append(Paragraph(f"没有{what}的事项。", lead=f"{what} 0 项："))
            return
        names = "；".join(_item(c) + (f"（此前为{STATUS_LABELS[c.before]}）" if before else "") for c in items)
        blocks.append(Paragraph(f"{names}。", lead=f"{what} {len(items)} 项："))

    blocks.append(Paragraph(f"{period}各事项状态变化如下。"))
    listing("新完成", ch.newly_done)
    listing("新增逾期", ch.newly_overdue)
    listing("新增进度滞后", ch.newly_behind, before=True)
    listing("进度好转", ch.improved, before=True)
    if ch.figures:
        blocks.append(Paragraph(f"{period}新报送数据 {len(ch.figures)} 项（各目标采用的最新数据）："))
        blocks.append(Grid(
            ("序号", "目标", "上期", "本期", "填报单位", "填报日期", "说明"),
            tuple(
                (Cell(str(f.task.number)), Cell(f"{f.target_id} {f.target.name}"), Cell(quantity(f.before, f.target.unit)),
                 Cell(quantity(f.after, f.target.unit)), Cell(f.unit), Cell(f.date.isoformat()), Cell(f.note or ""))
                for f in ch.figures
            ),
            numeric=frozenset({0, 2, 3}),
            fixed=frozenset({5}),
        ))
    else:
        blocks.append(Paragraph(f"{period}没有报送新数据。"))
    return blocks


def figure_words(f: TargetStatus) -> str:
    """One unmet target in words: `养老服务人员专业技能培训：实际 1,500 人次，目标不少于 2,800 人次，完成 53%`."""
    t = f.target
    if is_partial(f):
        return f"{t.name}：{PARTIAL_LABEL}（{shares_words(f)}）"
    if f.actual is None:
        return f"{t.name}：尚未填报"
    if t.kind == "milestone":
        return f"{t.name}：尚未完成"
    mark = f"（{SUM_LABEL}）" if f.source == "sum" else ""
    return f"{t.name}：实际 {quantity(f.actual, t.unit)}{mark}，目标{target_requirement(t)}，完成 {percent(f.ratio)}"


def laggard_words(lag: Laggard) -> str:
    s = lag.status
    targets = "；".join(figure_words(f) for f in lag.figures)
    schedule = f"事项完成度 {percent(s.completion)}，序时进度 {percent(s.expected)}"
    if s.status == "overdue":
        schedule += f"，完成时间 {day_words(s.deadline or s.task.deadline)}，已逾期 {s.days_overdue} 天"
    else:
        gap = _points(s.expected) - _points(s.completion)  # as the two percentages read
        schedule += f"，落后 {gap} 个百分点，完成时间 {day_words(s.deadline or s.task.deadline)}"
    people = f"牵头单位：{lag.lead_unit}（责任人：{lag.person}）；分管市领导：{lag.leader}。"
    return f"{targets}。{schedule}。{people}"


def _laggards(b: Bulletin) -> list[Block]:
    if not b.laggards:
        return [Paragraph(f"截至 {day_words(b.as_of)}，没有进度滞后或逾期的事项。")]
    overdue = sum(lag.status.status == "overdue" for lag in b.laggards)
    blocks: list[Block] = [Paragraph(
        f"截至 {day_words(b.as_of)}，已逾期 {overdue} 项、进度滞后 {len(b.laggards) - overdue} 项"
        "（完成度低于序时进度超过容差），逐项列明如下，请牵头单位抓紧推进。"
    )]
    for i, lag in enumerate(b.laggards):
        s = lag.status
        label = STATUS_LABELS[s.status] + (f" {s.days_overdue} 天" if s.status == "overdue" else "")
        blocks.append(Paragraph(laggard_words(lag), lead=f"（{_ordinal(i + 1)}）{_item(lag)}【{label}】", light=light_of_item(s.status, s.light)))
    return blocks


def _points(ratio: float) -> int:
    return int(percent(ratio)[:-1])


def _ordinal(n: int) -> str:
    return cn_number(n) if n < 100 else str(n)


def _missing(b: Bulletin) -> list[Block]:
    rule = (
        f"（统计口径：与催报名单（minsheng missing）相同，即截至{day_words(b.as_of)}在未完成的目标上有填报分工的单位"
        f"（牵头单位报全市数、指定单位报本部分、各县（市、区）政府分别报本县（市、区）数；没有单独任务数的配合单位不计）中，"
        f"{day_words(b.since)}之后至{day_words(b.as_of)}没有报送进度的单位。）"
    )
    if not b.missing:
        return [Paragraph("本期各责任单位均已报送进度。" + rule)]
    names = "、".join(m.unit for m in b.missing)
    return [
        Paragraph(f"本期有 {len(b.missing)} 个单位未报送进度：{names}。{rule}"),
        Grid(
            ("单位", "责任人", "应报事项", "最近填报"),
            tuple(
                (Cell(m.unit), Cell(m.contact.person), Cell("、".join(f"第 {t.number} 项" for t in m.tasks)),
                 Cell(m.last_report.isoformat() if m.last_report else "从未填报", None if m.last_report else "grey"))
                for m in b.missing
            ),
            fixed=frozenset({3}),
        ),
    ]


def _ranking(b: Bulletin) -> list[Block]:
    rule = (
        "按牵头事项排名：先比已逾期的事项数，再比已逾期、进度滞后或未填报的事项数（均为少者在前），再比牵头事项的平均完成度（高者在前），"
        "再比本期是否报送（已报送在前），仍相同的按计划中的单位顺序。"
    )
    rows = tuple(
        (
            Cell(str(i)), Cell(r.unit), Cell(r.person), Cell("、".join(str(n) for n in r.tasks)), Cell(str(r.finished)),
            Cell(str(r.overdue), "red" if r.overdue else None),
            Cell(str(r.wanting), "yellow" if r.wanting else None), Cell(percent(r.completion)),
            Cell("已报送" if r.reported_in_period else "未报送", None if r.reported_in_period else "grey"),
            Cell(r.last_report.isoformat() if r.last_report else "从未填报"),
        )
        for i, r in enumerate(b.ranking, start=1)
    )
    return [
        Paragraph(rule),
        Grid(("名次", "牵头单位", "责任人", "牵头事项", "已完成", "已逾期", "逾期滞后未报", "平均完成度", "本期填报", "最近填报"), rows,
             numeric=frozenset({0, 4, 5, 6, 7}), fixed=frozenset({9})),
    ]


def _trends(b: Bulletin) -> list[Block]:
    if not b.trends:
        return []
    dates = [p.date for p in b.trends[0].points]
    month_end = [(d + dt.timedelta(days=1)).day == 1 for d in dates]
    heads = tuple(f"{d.month}月" if end else f"{d.month}月{d.day}日" for d, end in zip(dates, month_end))
    rows = tuple(
        (Cell(str(t.task.number)), Cell(t.task.short_text),
         *(Cell("—" if p.completion is None else percent(p.completion)) for p in t.points),
         Cell(percent(t.points[-1].expected)))
        for t in b.trends
    )
    return [
        Paragraph(f"各项在每月末的完成度（“—”为尚未填报），末列为截至 {day_words(b.as_of)}的序时进度。"),
        Grid(("序号", "工作事项", *heads, "序时进度"), rows, numeric=frozenset(range(2, len(heads) + 3)) | {0}),
        Charts(b.trends),
    ]


def district_blocks(b: Bulletin) -> list[Block]:
    """七、分县（市、区）情况: each district's own figure against its own quota, for the targets
    broken down by district; then the targets with only some units' own figures in, which
    have no city figure (a share never stands for the city's)."""
    blocks: list[Block] = []
    if b.districts:
        blocks.append(Paragraph(
            f"以下目标已分解到各县（市、区），按各单位自己报的数计算本单位完成率（本单位数 ÷ 任务数）；序时进度同全市。"
            f"牵头单位未报全市数而各任务单位均已报送的，全市数为{SUM_LABEL}，已在上文注明。"
        ))
        for t in b.districts:
            blocks.append(Paragraph(f"{t.id} {t.target.name}（全市目标{target_requirement(t.target)}）", lead=""))
            blocks.append(Grid(
                ("县（市、区）/单位", "任务数", "本单位数", "完成率", "序时进度", "亮灯", "填报日期"),
                tuple(
                    (Cell(s.place), Cell(quantity(s.quota, t.target.unit) if s.quota is not None else "—"),
                     Cell(quantity(s.value, t.target.unit)), Cell(percent(s.ratio) if s.ratio is not None else "—"),
                     Cell(percent(t.expected) if s.quota is not None else "—"),
                     Cell(LIGHT_LABELS[s.light] if s.light else "", s.light), Cell(s.as_of.isoformat() if s.as_of else "未报", None if s.as_of else "grey"))
                    for s in t.shares
                ),
                numeric=frozenset({1, 2, 3, 4}),
                fixed=frozenset({6}),
            ))
    if b.partial:
        names = "；".join(f"{t.id} {t.target.name}：{shares_words(t)}" for t in b.partial)
        blocks.append(Paragraph(f"{names}。以上目标暂无全市数，不计算全市完成率。", lead=f"{PARTIAL_LABEL}："))
    return blocks
