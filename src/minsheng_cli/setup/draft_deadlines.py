"""Deadlines as 分解表 write them, read as dates in the plan's year.

A cell is read clause by clause (a clause ends at ，；。 or a line break). Each clause with a
time in it gives one date:
- a full date (12 月 10 日, 2025-12-10, 2025年12月10日, a date cell) is exact;
- 6月底前, 6月底, 6月末, 6月份, 9月投入使用, 2025年10月: the month's last day;
- 6月上旬 / 中旬 / 下旬: the 10th, the 20th, the month's last day;
- 6月前: the last day of May (before June begins);
- 年底前, 年底, 年内, 全年, 年度内: 12-31; 上半年, 年中: 06-30; 下半年: 12-31;
- 第三季度, 三季度, 3季度, 第3季度末: the quarter's last day.
Everything but a lone full date is a guess, and says so. A clause naming a node rather than the
completion (动工, 开工, 启动, 开建, 开始) is a node: the item's deadline is the latest other date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR = r"(?:(20[0-9]{2})年)?"
_FULL = re.compile(r"(20[0-9]{2})[-./年](1[0-2]|0?[1-9])[-./月]([0-9]{1,2})日?|" + _YEAR + _MONTH + r"月([0-9]{1,2})[日号]")
_TENTH = re.compile(_YEAR + _MONTH + r"月(上旬|中旬|下旬)")
_BEFORE = re.compile(_YEAR + _MONTH + r"月(?:份)?以?前")
_MONTH_END = re.compile(_YEAR + _MONTH + r"月")
_QUARTER = re.compile(r"(?:(20[0-9]{2})年)?第?([一二三四1-4])季度")
_HALF = re.compile(r"(?:(20[0-9]{2})年)?(上半年|年中|下半年)")
_YEAR_END = re.compile(r"(20[0-9]{2})年(?:底|末|内)|(?:年底|年末|年内|全年|年度内)")
NODE_WORDS = ("动工", "开工", "启动", "开建", "开始")


@dataclass(frozen=True)
class Dated:
    """One clause of a deadline cell read as a date."""

    date: dt.date
    words: str  # the clause as written
    exact: bool  # a full date standing alone, read with no guess
    node: str  # the node word (动工 …), or "" for a completion date


def _month(text: str) -> int:
    return _CN[text] if text in _CN else int(text)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _clause_date(clause: str, year: int) -> dt.date | None:
    if match := _FULL.search(clause):
        y, m, d = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(4), match.group(5), match.group(6))
        try:
            return dt.date(int(y or year), _month(m), int(d))
        except ValueError:
            return None
    if match := _TENTH.search(clause):
        y, m = int(match.group(1) or year), _month(match.group(2))
        return dt.date(y, m, 10) if match.group(3) == "上旬" else dt.date(y, m, 20) if match.group(3) == "中旬" else _month_end(y, m)
    if match := _BEFORE.search(clause):
        y, m = int(match.group(1) or year), _month(match.group(2))
        return dt.date(y - 1, 12, 31) if m == 1 else _month_end(y, m - 1)
    if match := _QUARTER.search(clause):
        quarter = _month(match.group(2))
        return _month_end(int(match.group(1) or year), quarter * 3)
    if match := _HALF.search(clause):
        y = int(match.group(1) or year)
        return dt.date(y, 12, 31) if match.group(2) == "下半年" else dt.date(y, 6, 30)
    if match := _YEAR_END.search(clause):
        return dt.date(int(match.group(1) or year), 12, 31)
    if match := _MONTH_END.search(clause):
        return _month_end(int(match.group(1) or year), _month(match.group(2)))
    return None


def read_deadline(cell: str, year: int) -> tuple[list[Dated], list[str]]:
    """The dates of a deadline cell, in its order, and the clauses with a time word that could
    not be read (2 月 30 日)."""
    text = unicodedata.normalize("NFKC", cell)
    found: list[Dated] = []
    unread: list[str] = []
    clauses = [c.strip() for c in re.split(r"[，,；;。\n]", text) if c.strip()]
    for clause in clauses:
        squeezed = re.sub(r"\s+", "", clause)
        day = _clause_date(squeezed, year)
        if day is None:
            if re.search(r"[0-9]|月|年|季度", squeezed):
                unread.append(clause)
            continue
        exact = len(clauses) == 1 and bool(_FULL.fullmatch(squeezed) or re.fullmatch(r"20[0-9]{2}-[0-9]{2}-[0-9]{2}", squeezed))
        node = next((w for w in NODE_WORDS if w in squeezed), "")
        found.append(Dated(day, clause, exact, node))
    return found, unread
