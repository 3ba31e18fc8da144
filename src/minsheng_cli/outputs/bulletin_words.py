"""The units' own words in the bulletin's layout: the 销号 counts under 总体情况, each laggard's
lead unit quoted as theirs, and the section 需协调解决的问题.

`add_words` places these blocks into the layout `outputs/bulletin_layout.py` made (found by
the sections' titles and the laggards' own paragraphs), so that layout stays its own."""

from __future__ import annotations

import re

from minsheng_cli.engine.bulletin import Bulletin, Laggard
from minsheng_cli.outputs.bulletin_layout import UNMET, Block, Cell, Grid, Layout, Paragraph, Section, day_words

REQUESTS_TITLE = "需协调解决的问题"
#: A quote in a bulletin is a sentence or two; the rest is in the unit's report and in `show`.
QUOTE_SENTENCES = 2
_SENTENCE = re.compile(r"[^。！？!?；;]*[。！？!?；;]?")


def add_words(layout: Layout, b: Bulletin) -> Layout:
    """`layout` with the 销号 counts after the overview's blocks and each laggard's quote after its
    paragraph. (需协调解决的问题 is a body section of its own: `requests_blocks`, which the bulletin
    numbers among the others, before 下步工作要求.)"""
    sections = layout.sections
    if sections and (closure := closure_blocks(b)):
        first = next((i for i, block in enumerate(sections[0].blocks) if isinstance(block, Paragraph)), None)
        if first is None:
            sections[0].blocks += closure
        else:  # one sentence more in the overview's own paragraph, not a paragraph of its own
            said = sections[0].blocks[first]
            sections[0].blocks[first] = Paragraph(f"{said.text}{closure[0].lead}{closure[0].text}", lead=said.lead, light=said.light)
    for section in sections:
        if "滞后" not in section.title:
            continue
        tabled = []  # laggards in a table (the behind ones): quoted after it, each named
        for lag in b.laggards:
            mark = f"第 {lag.status.task.number} 项“"
            at = next((i for i, block in enumerate(section.blocks) if isinstance(block, Paragraph) and mark in block.lead), None)
            if at is not None:
                section.blocks[at + 1:at + 1] = quote_blocks(b, lag)
            else:
                tabled += quote_blocks(b, lag, named=True)
        # The behind items' quotes go with their unmet targets in the 附件 when there is one (the
        # body stays short), else after the table.
        beside = next((a for a in layout.attachments if a.title == UNMET), None)
        if beside is not None:
            beside.blocks += tabled
        else:
            grids = [i for i, block in enumerate(section.blocks) if isinstance(block, Grid)]
            at = grids[-1] + 1 if grids else len(section.blocks)
            section.blocks[at:at] = tabled
        break
    return layout


def first_sentences(text: str, count: int = QUOTE_SENTENCES) -> str:
    """The first `count` sentences of `text`, with `……` when more followed."""
    parts = [p for p in _SENTENCE.findall(" ".join(text.split())) if p.strip()]
    shown = "".join(parts[:count]).strip()
    return shown + ("……" if len(parts) > count else "")


def closure_blocks(b: Bulletin) -> list[Block]:
    """`销号情况：…` when any item is finished."""
    c = b.words.closure
    if not any(c.values()):
        return []
    return [Paragraph(f"已完成的 {c['signed_off'] + c['awaiting_signoff']} 项中，已销号 {c['signed_off']} 项，"
                      f"待销号 {c['awaiting_signoff']} 项（销号须经督查部门核验佐证材料）。", lead="销号情况：")]


def quote_blocks(b: Bulletin, lag: Laggard, *, named: bool = False) -> list[Block]:
    """The lead unit's own latest 进展情况 and 存在问题 for a laggard, quoted as theirs (`named`:
    with the item's number, where the quote does not follow the item's own paragraph)."""
    w = b.words.quotes.get(lag.status.task.number)
    if w is None:
        return []
    said = "".join(f"{label}：{_quoted(first_sentences(text))}" for label, text in (("进展情况", w.progress), ("存在问题", w.problems)) if text)
    item = f"第 {lag.status.task.number} 项 " if named else ""
    return [Paragraph(said, lead=f"{item}{w.unit}（{day_words(w.date)}报）自述：")]


def _quoted(text: str) -> str:
    """`“……。”`, or `“……”。` when the unit's sentence has no full stop of its own."""
    return f"“{text}”" if text.endswith(("。", "！", "？", "!", "?", "……")) else f"“{text}”。"


def requests_blocks(b: Bulletin) -> list[Block]:
    """需协调解决的问题's blocks."""
    return requests_section(b, "").blocks


def requests_section(b: Bulletin, number: str) -> Section:
    """需协调解决的问题: every standing request, with the unit and the date it was made."""
    section = Section(f"{number}、{REQUESTS_TITLE}" if number else REQUESTS_TITLE)
    if not b.words.requests:
        section.blocks.append(Paragraph(f"截至 {day_words(b.as_of)}，各单位没有提出需协调解决的问题。"))
        return section
    section.blocks.append(Paragraph(
        f"截至 {day_words(b.as_of)}，各单位在最近一次填报中提出需协调解决的问题 {len(b.words.requests)} 项，"
        "请分管市领导和有关部门协调解决。"))
    section.blocks.append(Grid(
        ("事项", "提出单位", "提出日期", "需协调事项"),
        tuple((Cell(f"第 {r.task.number} 项 {r.task.short_text}"), Cell(r.words.unit), Cell(r.words.date.isoformat()), Cell(r.words.help or ""))
              for r in b.words.requests),
        fixed=frozenset({2}),
    ))
    return section
