"""督办建议 in a document's words: the open suggestions past their due date, as a section of the
bulletin and of the year-end report, made of the bulletin's blocks (`bulletin_layout`)."""

from __future__ import annotations

import datetime as dt

from minsheng_cli.engine.inspections import SuggestionState
from minsheng_cli.outputs.bulletin_layout import Block, Cell, Grid, Paragraph, Section, day_words


def suggestion_blocks(late: tuple[SuggestionState, ...], as_of: dt.date) -> list[Block]:
    """A sentence and a table of the open suggestions past due on `as_of`, longest overdue first."""
    rule = "（督办建议在承办单位答复“已办结”之前均为未办结；超过办理期限仍未办结的在此列出。）"
    if not late:
        return [Paragraph(f"截至 {day_words(as_of)}，没有超过办理期限仍未办结的人大代表督办建议。{rule}")]
    units = "、".join(dict.fromkeys(s.unit for s in late))
    rows = tuple(
        (Cell(str(s.task.number)), Cell(s.suggestion.text), Cell(s.unit), Cell(s.suggestion.date.isoformat()), Cell(s.suggestion.due.isoformat()),
         Cell(str(s.days_past_due), "red"), Cell(s.state if s.reply is None else f"{s.state}（{s.reply.date.isoformat()}：{s.reply.text}）"))
        for s in late
    )
    return [
        Paragraph(f"截至 {day_words(as_of)}，人大代表督办建议超过办理期限仍未办结 {len(late)} 条，涉及{units}，请抓紧办理并答复。"),
        Grid(("序号", "督办建议", "承办单位", "交办日期", "办理期限", "逾期天数", "办理情况"), rows,
             numeric=frozenset({0, 5}), fixed=frozenset({3, 4})),
    ]


def suggestion_section(title: str, late: tuple[SuggestionState, ...] | None, as_of: dt.date) -> list[Section]:
    """The section, or none without an inspections file (`late` is None)."""
    return [] if late is None else [Section(title, suggestion_blocks(late, as_of))]
