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
from minsheng_cli.model.office import Office
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
    """A titled part of the body. A `draft` section is text the office is meant to rewrite
    (the 下步工作要求): formats that can mark it (Word, HTML) do."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    draft: bool = False


@dataclass(frozen=True)
class Masthead:
    """版头: the series' name in red, the 期号, the issuing office and date, over a red rule."""

    name: str
    issue: str
    office: str
    date: str


@dataclass
class Attachment:
    """附件 N: a long table moved out of the body, on pages of its own."""

    number: int
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Layout:
    """An official document (公文) in parts, which every format lays out in the same order:
    版头, title, 主送, body, 附件说明, 落款, 附件, 版记 (抄送, 印发). A part left empty is left out."""

    title: str
    subtitle: str
    sections: list[Section]
    masthead: Masthead | None = None
    #: 主送, ending with its colon (`各县（市、区）人民政府，市直有关单位：`).
    send_to: str = ""
    #: 落款: the office (may be empty) and the date in words.
    signer: str = ""
    date: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    #: 版记: `抄送：…。` and `某某室　2025 年 10 月 31 日印发`.
    copy_to: str = ""
    printed: str = ""


@dataclass(frozen=True)
class Frame:
    """The parts of an official document the office profile gives: what `official_frame` fills
    in around any document's body (the bulletin's, a year-end report's)."""

    masthead: Masthead | None
    send_to: str
    signer: str
    date: str
    copy_to: str
    printed: str


def official_frame(office: Office, day: dt.date, *, series: str, issue: int | None = None) -> Frame:
    """版头 (when the profile names an office), 主送, 落款 and 版记 of a document dated `day`.

    `series` is the masthead's default name (民生实事工作通报); the profile's `masthead` wins.
    Without 主送 in the profile the document is sent to 各有关单位.
    """
    date = day_words(day, year=True)
    masthead = None
    if office.name:
        masthead = Masthead(office.masthead or series, f"第 {issue} 期" if issue else "", office.name, date)
    return Frame(
        masthead=masthead,
        send_to="，".join(office.send_to or ["各有关单位"]) + "：",
        signer=office.name or "",
        date=date,
        copy_to=f"抄送：{'，'.join(office.copy_to)}。" if office.copy_to else "",
        printed=f"{office.name}　　{date}印发" if office.name else "",
    )


def shares(counts: list[int]) -> list[int]:
    """Whole percentages of `counts` that add up to 100: each rounded down, then the points
    left over go to the largest remainders (earlier first when equal). All zero: all 0."""
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    exact = [c * 100 / total for c in counts]
    whole = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


#: How the status table's shares are rounded, as the bulletin says it.
SHARES_RULE = "（占比取整数，尾差按舍去部分从大到小补足，合计为 100%。）"


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




#: The masthead's name when the profile gives none.
SERIES = "民生实事工作通报"


def layout_bulletin(b: Bulletin, office: Office = Office(), extra: list[tuple[str, list[Block]]] = ()) -> Layout:
    """The bulletin as a 督办通报: the body in five parts (总体情况, 本期变化, 滞后和逾期,
    未按期填报, 下步工作要求; 分县（市、区）情况 where targets are broken down, and the `extra`
    sections, titled and with their blocks, before the last), the long tables as 附件, framed by
    the office profile."""
    # An extra section's tables go to an 附件 of its own title, as the bulletin's own long tables do.
    extra_attachments = [Attachment(0, title, [x for x in blocks if isinstance(x, Grid)]) for title, blocks in extra]
    frame = official_frame(office, b.as_of, series=SERIES, issue=office.issue_number(b.as_of))
    attachments = [a for a in (_figures_attachment(b), _unmet_attachment(b), _missing_attachment(b), _ranking_attachment(b),
                               _districts_attachment(b), *extra_attachments, _trends_attachment(b))
                   if a.blocks]
    for position, attachment in enumerate(attachments, start=1):
        attachment.number = position
    numbers = {a.title: a.number for a in attachments}
    extra = [(title, _with_reference([x for x in blocks if not isinstance(x, Grid)], numbers.get(title))) for title, blocks in extra]
    return Layout(
        title=f"关于{' ' if b.plan_title[:1].isdigit() else ''}{b.plan_title}进展情况的通报",
        subtitle=f"（截至 {day_words(b.as_of, year=True)}{'；' + b.scope if b.scope else ''}）",
        sections=[
            # Without partial figures the districts need one sentence, not a section of their own.
            Section("一、总体情况", _overview(b) + ([] if b.partial else district_blocks(b, numbers.get(DISTRICTS)))),
            Section("二、本期变化", _changes(b, numbers.get(FIGURES))),
            Section("三、进度滞后和逾期事项", _laggards(b, numbers.get(UNMET))),
            Section("四、未按期报送进度的单位", _missing(b, numbers.get(MISSING))),
            *_numbered(5, [*([(DISTRICTS, district_blocks(b, numbers.get(DISTRICTS)))] if b.partial else []), *extra]),
            Section(f"{cn_number(5 + bool(b.partial) + len(extra))}、下步工作要求", _requirements(b, office), draft=True),
        ],
        masthead=frame.masthead,
        send_to=frame.send_to,
        signer=frame.signer,
        date=frame.date,
        attachments=attachments,
        copy_to=frame.copy_to,
        printed=frame.printed,
    )


def _period(b: Bulletin) -> str:
    return f"本期（{day_words(b.since + dt.timedelta(days=1))}至 {day_words(b.as_of)}）"


def _overview(b: Bulletin) -> list[Block]:
    o = b.overview
    c = o.counts
    finished = c["done"] + c["done_late"]
    parts = [f"已完成 {finished} 项" + (f"（其中逾期完成 {c['done_late']} 项）" if c["done_late"] else "")]
    parts += [f"{STATUS_LABELS[s]} {c[s]} 项" for s in ("on_track", "behind", "overdue", "not_reported") if c[s]]
    text = f"截至 {day_words(b.as_of)}，{o.total} 项民生实事中，{'，'.join(parts)}；各项平均完成度 {percent(o.completion)}。"
    if o.lights:
        text += "亮灯情况：" + "、".join(f"{LIGHT_LABELS[light]} {n} 项" for light, n in o.lights.items() if n) + "。"
    counted = shares([c[key] for key in STATUSES])
    # One row of counts and one of shares, statuses across: three lines instead of eight.
    counts = Grid(
        ("", *(STATUS_LABELS[key] for key in STATUSES), "合计"),
        (
            (Cell("项数"), *(Cell(str(c[key]), _status_light(o, key)) for key in STATUSES), Cell(str(o.total))),
            (Cell("占比"), *(Cell(f"{share}%") for share in counted), Cell("100%" if o.total else "—")),
        ),
        numeric=frozenset(range(1, len(STATUSES) + 2)),
    )
    return [Paragraph(text), counts, Paragraph(SHARES_RULE)]


def _status_light(o: Overview, status: str) -> str | None:
    """The colour of a status's row: the light all its items show (blue for 已完成 and 逾期完成,
    red for 已逾期, grey for 未填报), none where its items show different lights."""
    lights = o.status_lights.get(status, frozenset())
    return light_of_item(status, next(iter(lights)) if len(lights) == 1 else None)


def _item(change: Change | Laggard | NewFigure) -> str:
    task = change.status.task if isinstance(change, Laggard) else change.task
    return f"第 {task.number} 项“{task.short_text}”"


def changed_figures(b: Bulletin) -> tuple[NewFigure, ...]:
    """The new figures that differ from the period's start: a milestone still 未完成 or a
    count reported again unchanged is no news."""
    return tuple(f for f in b.changes.figures if f.before != f.after)


def _changes(b: Bulletin, attachment: int | None) -> list[Block]:
    ch = b.changes
    blocks: list[Block] = []
    done = "；".join(_item(c) + ("（逾期完成）" if c.after == "done_late" else "（按期完成）") for c in ch.newly_done)
    listed = [
        ("新完成", ch.newly_done, done),
        ("新增逾期", ch.newly_overdue, "；".join(_item(c) for c in ch.newly_overdue)),
        ("新增进度滞后", ch.newly_behind, "；".join(_item(c) + f"（此前为{STATUS_LABELS[c.before]}）" for c in ch.newly_behind)),
        ("进度好转", ch.improved, "；".join(_item(c) + f"（此前为{STATUS_LABELS[c.before]}）" for c in ch.improved)),
    ]
    for what, items, names in listed:
        if items:
            blocks.append(Paragraph(f"{names}。", lead=f"{what} {len(items)} 项："))
    empty = [what for what, items, _ in listed if not items]
    said = f"{_period(b)}没有{'、'.join(empty)}的事项" if empty else ""
    figures = changed_figures(b)
    same = len(ch.figures) - len(figures)
    if ch.figures:
        text = f"{_period(b)}各单位报送新数据 {len(ch.figures)} 项，其中较上期有变化的 {len(figures)} 项"
        text += f"、与上期相同的 {same} 项" if same else ""
        text += f"（变化情况见附件 {attachment}）。" if attachment else "。"
        blocks += [Paragraph(said + "。")] if said else []
        blocks.append(Paragraph(text))
    else:  # one sentence: nothing moved and nothing came in
        blocks.append(Paragraph(f"{said}，各单位也没有报送新数据。" if said else f"{_period(b)}各单位没有报送新数据。"))
    return blocks


FIGURES = "本期新报送数据"


def _figures_attachment(b: Bulletin) -> Attachment:
    figures = changed_figures(b)
    if not figures:
        return Attachment(0, FIGURES)
    grid = Grid(
        ("序号", "目标", "上期", "本期", "填报单位", "填报日期", "说明"),
        tuple(
            (Cell(str(f.task.number)), Cell(f"{f.target_id} {f.target.name}"), Cell(quantity(f.before, f.target.unit)),
             Cell(quantity(f.after, f.target.unit)), Cell(f.unit), Cell(f.date.isoformat()), Cell(f.note or ""))
            for f in figures
        ),
        numeric=frozenset({0, 2, 3}),
        fixed=frozenset({5}),
    )
    return Attachment(0, FIGURES, [grid])


def figure_words(f: TargetStatus) -> str:
    """One unmet target in words: `养老服务人员专业技能培训 1,500 人次（目标不少于 2,800 人次）`."""
    t = f.target
    if is_partial(f):
        return f"{t.name}：{PARTIAL_LABEL}（{shares_words(f)}）"
    if f.actual is None:
        return f"{t.name}尚未填报"
    if t.kind == "milestone":
        return f"{t.name}尚未完成"
    # 不少于 is what almost every target asks: the figure alone says it; 超过 and 低于 are said.
    asked = target_requirement(t)
    asked = f" {asked.removeprefix('不少于 ')}" if asked.startswith("不少于 ") else asked
    mark = f"（{SUM_LABEL}）" if f.source == "sum" else ""
    return f"{t.name} {quantity(f.actual, t.unit)}{mark}（目标{asked}）"


#: At most this many unmet targets are written out in the body; the rest are counted.
TARGETS_NAMED = 3


def laggard_words(lag: Laggard) -> str:
    """An item behind or overdue: its unmet targets, its schedule, who leads it."""
    s = lag.status
    deadline = day_words(s.deadline or s.task.deadline)
    named = lag.figures[:TARGETS_NAMED]
    targets = "；".join(figure_words(f) for f in named)
    if len(lag.figures) > len(named):
        targets += f"等 {len(lag.figures)} 个目标未达到要求"
    text = f"{targets}。完成度 {percent(s.completion)}"
    if s.status == "overdue":
        text += f"，{deadline}到期，已逾期 {s.days_overdue} 天。"
    else:
        gap = _points(s.expected) - _points(s.completion)  # as the two percentages read
        text += f"，序时进度 {percent(s.expected)}，落后 {gap} 个百分点，{deadline}到期。"
    return text + f"{lag.lead_unit}牵头（{lag.person}），分管市领导{lag.leader}。"


def unreported_words(lags: list[Laggard]) -> str:
    """The red items with no report at all, in one sentence."""
    # Numbers and lead units only: the items' texts are in 附件 and in `show`; the body stays short.
    leads = "、".join(dict.fromkeys(lag.lead_unit for lag in lags))
    items = f"第 {_numbers(lags)} 项（{leads}牵头）" if len(lags) > 1 else f"{_item(lags[0])}（{lags[0].lead_unit}牵头）"
    expected = sorted({percent(lag.status.expected) for lag in lags}, key=lambda p: int(p[:-1]))
    reach = "至".join(dict.fromkeys([expected[0], expected[-1]]))
    return f"{items}。" + (f"序时进度已达 {reach}，已亮红灯。" if len(lags) == 1 else f"以上事项序时进度已达 {reach}，均已亮红灯。")


def _laggards(b: Bulletin, attachment: int | None = None) -> list[Block]:
    if not b.laggards:
        return [Paragraph(f"截至 {day_words(b.as_of)}，没有进度滞后或逾期的事项。")]
    count = {key: sum(lag.status.status == key for lag in b.laggards) for key in ("overdue", "behind", "not_reported")}
    tolerance = f"{b.tolerance * 100:g}"
    said = []
    if count["overdue"]:
        said.append(f"已逾期 {count['overdue']} 项（过了完成时间仍未完成）")
    if count["behind"]:
        said.append(f"进度滞后 {count['behind']} 项（完成度低于序时进度 {tolerance} 个百分点以上）")
    if count["not_reported"]:
        said.append(f"至今未报送进度、已亮红灯 {count['not_reported']} 项")
    blocks: list[Block] = [Paragraph(f"截至 {day_words(b.as_of)}，{'，'.join(said)}，请牵头单位抓紧推进。")]
    overdue = [lag for lag in b.laggards if lag.status.status == "overdue"]
    for i, lag in enumerate(overdue):
        s = lag.status
        blocks.append(Paragraph(laggard_words(lag), lead=f"（{_ordinal(i + 1)}）{_item(lag)}（已逾期 {s.days_overdue} 天）。", light=s.light))
    behind = [lag for lag in b.laggards if lag.status.status == "behind"]
    n = len(overdue)
    if behind:
        n += 1
        # One 序时进度 for all (items on the same straight line): said once, not in a column.
        shared = {percent(lag.status.expected) for lag in behind}
        same = f"序时进度均为 {next(iter(shared))}，" if len(shared) == 1 else ""
        blocks.append(Paragraph(f"{same}按落后序时进度的多少排列如下{'（未达要求的目标见附件 ' + str(attachment) + '）' if attachment else ''}。",
                                lead=f"（{_ordinal(n)}）进度滞后 {len(behind)} 项，"))
        rows = tuple(
            (Cell(str(lag.status.task.number)), Cell(lag.status.task.short_text), Cell(percent(lag.status.completion), lag.status.light),
             *(() if same else (Cell(percent(lag.status.expected)),)), Cell(str(_points(lag.status.expected) - _points(lag.status.completion))),
             Cell(lag.lead_unit), Cell(lag.leader))
            for lag in behind
        )
        columns = ("序号", "工作事项", "完成度", *(() if same else ("序时进度",)), "落后（百分点）", "牵头单位", "分管市领导")
        blocks.append(Grid(columns, rows, numeric=frozenset({0, 2, 3} if same else {0, 2, 3, 4}), fixed=frozenset({len(columns) - 1})))
    silent = [lag for lag in b.laggards if lag.status.status == "not_reported"]
    if silent:
        blocks.append(Paragraph(unreported_words(silent), lead=f"（{_ordinal(n + 1)}）至今未报送进度的 {len(silent)} 项：", light="red"))
    return blocks


UNMET = "进度滞后事项未达要求的目标"


def _unmet_attachment(b: Bulletin) -> Attachment:
    """Each behind item's targets not yet met, with the figure reported and the one required."""
    rows = tuple(
        (Cell(str(lag.status.task.number)), Cell(f"{f.id} {f.target.name}"),
         Cell("尚未填报" if f.actual is None else quantity(f.actual, f.target.unit)),
         Cell(target_requirement(f.target)), Cell("—" if f.actual is None else percent(f.ratio)))
        for lag in b.laggards if lag.status.status == "behind" for f in lag.figures
    )
    if not rows:
        return Attachment(0, UNMET)
    return Attachment(0, UNMET, [Grid(("序号", "目标", "实际", "要求", "完成率"), rows, numeric=frozenset({0, 2, 4}))])


def _points(ratio: float) -> int:
    return int(percent(ratio)[:-1])


def _ordinal(n: int) -> str:
    return cn_number(n) if n < 100 else str(n)


MISSING = "未按期报送进度的单位及应报事项"
#: Who owed a report, said with the list in its 附件.
MISSING_RULE = "应报送单位：在未完成的目标上有填报分工的单位（牵头单位报全市数，指定单位报其负责的部分，各县（市、区）政府报本县（市、区）的数），与填报表的“填报说明”所写相同。"
#: At most this many lead units are named in the body; more are in the 附件.
NAMED_UNITS = 5


def _missing(b: Bulletin, attachment: int | None) -> list[Block]:
    rule = "（应报送单位：在未完成的目标上有填报分工的单位，与填报表的“填报说明”所写相同。）"
    if not b.missing:
        return [Paragraph(f"本期应报送进度的 {b.expected_units} 个单位均已按期报送。{rule}")]
    never = sum(m.last_report is None for m in b.missing)
    leads = [m.unit for m in b.missing if any(t.lead for t in m.tasks)]
    aside = [f"其中 {never} 个至今从未报送" if never else "", f"名单及应报事项见附件 {attachment}" if attachment else ""]
    aside = [a for a in aside if a]
    everyone = len(b.missing) == b.expected_units
    text = (f"本期应报送进度的 {b.expected_units} 个单位{'均未按期报送' if everyone else f'中，{len(b.missing)} 个单位未按期报送'}"
            + (f"（{'；'.join(aside)}）" if aside else ""))
    if leads and len(leads) < len(b.missing):
        # A long list of names is the 附件's: the body names the lead units while they are few.
        named = f"：{'、'.join(leads)}" if len(leads) <= NAMED_UNITS or not attachment else ""
        text += f"，其中牵头单位 {len(leads)} 个{named}，配合单位和县（市、区）政府 {len(b.missing) - len(leads)} 个。"
    else:
        text += f"：{'、'.join(m.unit for m in b.missing)}。"
    return [Paragraph(text)]


def _missing_attachment(b: Bulletin) -> Attachment:
    if not b.missing:
        return Attachment(0, MISSING)
    grid = Grid(
        ("单位", "责任人", "应报事项", "最近报送"),
        tuple(
            (Cell(m.unit), Cell(m.contact.person), Cell(f"第 {'、'.join(str(t.number) for t in m.tasks)} 项"),
             Cell(m.last_report.isoformat() if m.last_report else "从未报送", None if m.last_report else "grey"))
            for m in b.missing
        ),
        fixed=frozenset({3}),
    )
    return Attachment(0, MISSING, [Paragraph(MISSING_RULE), grid])


def _units(lags: list[Laggard]) -> str:
    return "、".join(dict.fromkeys(lag.lead_unit for lag in lags))


def _numbers(lags: list[Laggard]) -> str:
    return "、".join(str(lag.status.task.number) for lag in lags)


def _requirements(b: Bulletin, office: Office) -> list[Block]:
    """下步工作要求, drafted from the period's facts for the office to rewrite."""
    reply = day_words(office.reply_by(b.as_of))
    to = f"报{office.name}" if office.name else "报送"
    overdue = [lag for lag in b.laggards if lag.status.status == "overdue"]
    behind = [lag for lag in b.laggards if lag.status.status == "behind"]
    silent = [lag for lag in b.laggards if lag.status.status == "not_reported"]
    asks = []
    if overdue:
        asks.append(f"对已逾期的第 {_numbers(overdue)} 项，请{_units(overdue)}书面说明原因，提出整改措施和完成时限，于 {reply}前{to}。")
    if behind:
        asks.append(f"对进度滞后的第 {_numbers(behind)} 项，请牵头单位对照序时进度倒排工期，确保按期完成。")
    if silent:
        asks.append(f"对至今未报送进度的第 {_numbers(silent)} 项，请{_units(silent)}于 {reply}前报送进展情况。")
    if b.missing:
        asks.append(f"请未按期报送进度的 {len(b.missing)} 个单位于 {reply}前补报截至 {day_words(b.as_of)}的进展情况。")
    if not asks:
        asks.append("请各责任单位保持工作力度，按月报送进展情况，确保各项民生实事按期完成。")
    return [Paragraph("（本部分根据本期数据草拟，印发前请审改。）")] + [
        Paragraph(text, lead=f"（{_ordinal(i)}）") for i, text in enumerate(asks, start=1)
    ]


RANKING = "牵头单位排名"


def _ranking_attachment(b: Bulletin) -> Attachment:
    if not b.ranking:
        return Attachment(0, RANKING)
    rule = (
        "按牵头事项排名：已逾期事项少的在前；相同的，比进度滞后、已逾期和未报送进度的事项合计数，少的在前；"
        "再相同的，平均完成度高的在前；再相同的，本期已报送进度的在前。"
    )
    rows = tuple(
        (
            Cell(str(i)), Cell(r.unit), Cell("、".join(str(n) for n in r.tasks)), Cell(str(r.finished)),
            Cell(str(r.overdue), "red" if r.overdue else None),
            Cell(str(r.wanting - r.overdue), "yellow" if r.wanting - r.overdue else None), Cell(percent(r.completion)),
            Cell("已报送" if r.reported_in_period else "未报送", None if r.reported_in_period else "grey"),
        )
        for i, r in enumerate(b.ranking, start=1)
    )
    return Attachment(0, RANKING, [
        Paragraph(rule),
        Grid(("名次", "牵头单位", "牵头事项", "已完成", "已逾期", "滞后或未报", "平均完成度", "本期报送"), rows,
             numeric=frozenset({0, 3, 4, 5, 6})),
    ])


TRENDS = "各项完成度走势"


def _trends_attachment(b: Bulletin) -> Attachment:
    if not b.trends:
        return Attachment(0, TRENDS)
    dates = [p.date for p in b.trends[0].points]
    month_end = [(d + dt.timedelta(days=1)).day == 1 for d in dates]
    heads = tuple(f"{d.month}月" if end else f"{d.month}月{d.day}日" for d, end in zip(dates, month_end))
    rows = tuple(
        (Cell(str(t.task.number)), Cell(t.task.short_text),
         *(Cell("—" if p.completion is None else percent(p.completion)) for p in t.points),
         Cell(percent(t.points[-1].expected)))
        for t in b.trends
    )
    return Attachment(0, TRENDS, [
        Paragraph(f"各项在每月末的完成度（“—”为尚未报送），末列为截至 {day_words(b.as_of)}的序时进度。"),
        Grid(("序号", "工作事项", *heads, "序时进度"), rows, numeric=frozenset(range(2, len(heads) + 3)) | {0}),
        Charts(b.trends),
    ])


DISTRICTS = "分县（市、区）情况"


def _with_reference(blocks: list[Block], attachment: int | None) -> list[Block]:
    """An extra section's sentences, the first ending with where its table is (明细见附件 N)."""
    if attachment is None or not blocks or not isinstance(blocks[0], Paragraph):
        return blocks
    first = blocks[0]
    return [Paragraph(f"{first.text}明细见附件 {attachment}。", lead=first.lead, light=first.light), *blocks[1:]]


def _numbered(first: int, parts: list[tuple[str, list[Block]]]) -> list[Section]:
    """Body sections numbered on from `first` (一、二、…), in the order given."""
    return [Section(f"{cn_number(first + i)}、{title}", blocks) for i, (title, blocks) in enumerate(parts)]


def district_blocks(b: Bulletin, attachment: int | None) -> list[Block]:
    """分县（市、区）情况 in the body: which targets are broken down by district (each district's
    own figure against its quota is in the 附件), and the targets with only some units' own
    figures in, which have no city figure (a share never stands for the city's)."""
    blocks: list[Block] = []
    if b.districts:
        names = "、".join(t.id for t in b.districts)
        where = f"，各县（市、区）的数、任务数、完成率和亮灯见附件 {attachment}" if attachment else ""
        summed = [t.id for t in b.districts if t.source == "sum"]
        total = f"{'、'.join(summed)} 牵头单位未报全市数，全市数为{SUM_LABEL}。" if summed else ""
        blocks.append(Paragraph(f"目标 {names} 已把任务数分解到各县（市、区）{where}。{total}"))
    if b.partial:
        names = "；".join(f"{t.id} {t.target.name}：{shares_words(t)}" for t in b.partial)
        blocks.append(Paragraph(f"{names}。以上目标暂无全市数，不计算全市完成率。", lead=f"{PARTIAL_LABEL}："))
    return blocks


def _districts_attachment(b: Bulletin) -> Attachment:
    """Each district's own figure against its own quota, a table per target broken down."""
    blocks: list[Block] = []
    for t in b.districts:
        blocks.append(Paragraph(f"{t.id} {t.target.name}（全市目标{target_requirement(t.target)}）"))
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
    return Attachment(0, DISTRICTS, blocks)
