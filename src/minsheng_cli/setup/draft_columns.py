"""The columns of a 分解表 by their headings, and its rows grouped into items.

Headings are compared with spaces and line breaks removed, each against the families below in
their order (the first family a heading contains wins, so 责任单位/牵头单位 under a two-row header
is the lead, and 实际完成情况 a progress column, not a deadline). 民生实事 is the item's text when
no other column is, else the category; 项目名称 and 实事项目 are the text when no other column
is, else a short name kept beside it. A heading no family knows is kept as it is: its cells go into the
draft as `# 原文：` comments.

The rows below the header are, each:
- empty, or the header repeated at a page break: skipped;
- an item's first row: a number (1, 1., （1）) in the 序号 column, or, with no 序号 column, any
  row with text in the text column;
- a continuation of the item above: the same number (a merged 序号) or none;
- a category row (一、…, or one text across the row); a note (注：…, 填表说明…, 合计);
- else a structural problem, collected with every other one of the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Heading words of each column family, in the order they are tried.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("progress", ("进展", "形象进度", "完成情况", "推进情况", "实施情况", "存在问题", "下步", "下一步", "工作动态", "完成率")),
    ("lead", ("牵头单位", "牵头部门", "主责单位", "牵头责任单位")),
    ("co_units", ("配合单位", "协办单位", "配合部门", "协办部门", "协同单位", "参与单位", "协助单位")),
    ("units", ("责任单位", "责任部门", "承办单位", "实施单位", "主办单位")),
    ("persons", ("责任人",)),
    ("leader", ("领导", "分管")),
    ("deadline", ("完成时间", "完成时限", "时间节点", "进度安排", "时限", "完成期限", "时间安排")),
    ("number", ("序号", "编号")),
    ("name", ("项目名称", "实事名称", "事项名称", "实事项目")),
    ("text", ("工作事项", "目标任务", "项目内容", "主要内容", "工作任务", "任务内容", "建设内容", "具体内容", "工作内容", "目标要求")),
    ("category", ("类别", "分类", "民生实事", "领域")),
)
#: Families an item is read from; a missing one is named in the summary, never a refusal.
EXPECTED = ("number", "text", "leader", "units", "persons", "deadline")
HEADING_WORDS = {"number": "序号", "text": "工作事项", "leader": "分管领导", "units": "责任单位", "persons": "责任人", "deadline": "完成时间"}

_NUMBER = re.compile(r"^[（(]?([0-9]{1,3})[）)]?[.、．]?$")
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[类项件部分]?)")
_NOTE = re.compile(r"^(?:注|说明|备注|填表|附[:：]|合计|小计|总计)")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class TableProblem:
    """A structural problem of the table at a row and column (1-based, as the file shows them)."""

    row: int
    column: int
    message: str
    hint: str = ""


@dataclass
class Columns:
    """Each family's column (index), the headings as written, and the headings no family knows."""

    index: dict[str, int]
    headings: list[str]
    unknown: list[int]
    header_rows: tuple[int, ...]  # 0-based rows of the header (one or two)
    #: Further columns of a family, under the same heading as its first.
    also: dict[str, list[int]] = field(default_factory=dict)

    def missing(self) -> list[str]:
        """Headings of the expected families the table has not (the lead/co-unit pair stands for 责任单位)."""
        has = set(self.index)
        if has & {"lead", "co_units"}:
            has.add("units")
        return [HEADING_WORDS[k] for k in EXPECTED if k not in has]


@dataclass
class RawItem:
    """One item's rows as cells by family; `rows` are 0-based row numbers in the table."""

    number: int | None
    category: str
    rows: list[int] = field(default_factory=list)
    cells: list[dict[str, str]] = field(default_factory=list)
    others: list[dict[int, str]] = field(default_factory=list)


@dataclass
class Layout:
    columns: Columns
    preface: list[str]  # text above the header: title rows, 填表说明
    notes: list[str]  # note rows below it (注：…, 合计)
    items: list[RawItem]
    problems: list[TableProblem]


def _family(heading: str) -> str | None:
    name = squeeze(heading)
    if not name:
        return None
    return next((key for key, words in FAMILIES if any(w in name for w in words)), None)


def _match(headings: list[str]) -> tuple[dict[str, int], list[int], dict[str, list[int]]]:
    """Each family's column, the columns no family takes, and further columns under the same
    heading as a family's first (责任单位 merged over two columns)."""
    found: dict[str, int] = {}
    unknown: list[int] = []
    also: dict[str, list[int]] = {}
    for index, heading in enumerate(headings):
        key = _family(heading)
        if key is not None and key in found and squeeze(headings[found[key]]) == squeeze(heading):
            also.setdefault(key, []).append(index)
        elif key is None or key in found:
            if squeeze(heading):
                unknown.append(index)
        else:
            found[key] = index
    if "text" not in found:
        for fallback in ("name", "category"):
            if fallback in found:
                found["text"] = found.pop(fallback)
                if fallback in also:
                    also["text"] = also.pop(fallback)
                break
    return found, unknown, also


def _is_header(row: list[str]) -> bool:
    found, _, _ = _match(row)
    return ("text" in found and len(found) >= 2) and not any(len(squeeze(c)) > 20 for c in row)


def find_header(rows: list[list[str]]) -> int | None:
    """The row of the header: the first with an item-text heading beside another known one."""
    return next((i for i, row in enumerate(rows[:30]) if _is_header(row)), None)


def _columns(rows: list[list[str]], at: int) -> Columns:
    headings = list(rows[at])
    header_rows: tuple[int, ...] = (at,)
    below = rows[at + 1] if at + 1 < len(rows) else []
    # A two-row header: 责任单位 merged over 牵头单位 | 配合单位 (or any sub-headings) below it.
    subs = [(i, c) for i, c in enumerate(below) if squeeze(c) and (i >= len(headings) or squeeze(c) != squeeze(headings[i]))]
    if subs and all(_family(c) for _, c in subs):
        width = max(len(headings), len(below))
        headings += [""] * (width - len(headings))
        for i, sub in enumerate(below):
            if squeeze(sub) and squeeze(sub) != squeeze(headings[i]):
                headings[i] = f"{headings[i]}/{sub}" if squeeze(headings[i]) else sub
        header_rows = (at, at + 1)
    index, unknown, also = _match(headings)
    return Columns(index, headings, unknown, header_rows, also)


def _distinct(row: list[str]) -> list[str]:
    seen: list[str] = []
    for cell in row:
        if cell.strip() and cell.strip() not in seen:
            seen.append(cell.strip())
    return seen


def _same_row(row: list[str]) -> tuple[str, ...]:
    """A row's cells compared as text, spaces and trailing empty cells aside."""
    cells = [squeeze(c) for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _single(row: list[str], value: str, index: dict[str, int]) -> str:
    """What a row with one text in it is: a note, a category, or part of the item above (a
    sub-task's text, its deadline, on a row of its own)."""
    if _NOTE.match(squeeze(value)):
        return "note"
    filled = [i for i, c in enumerate(row) if c.strip()]
    known = {i: key for key, i in index.items()}
    if _CATEGORY.match(squeeze(value)) or len(filled) > 1 or known.get(filled[0]) in (None, "number", "category"):
        return "category"  # merged across the row, or in a column of its own
    return "continuation"


def lay_out(rows: list[list[str]]) -> Layout | TableProblem:
    """The table's columns, preface, notes and items; a problem when there is no header."""
    at = find_header(rows)
    if at is None:
        return TableProblem(1, 1, "找不到表头：需要事项一列（工作事项、目标任务、项目内容、主要内容、实事项目……）和序号、责任单位等列",
                            "表头写在事项之上的一行（或两行）；不是分解表的文件不能起草计划")
    columns = _columns(rows, at)
    preface = [cell for row in rows[:at] for cell in _distinct(row)]
    layout = Layout(columns, preface, [], [], [])
    category = ""
    seen_numbers: dict[tuple[str, int], int] = {}
    index = columns.index

    def cell(row: list[str], key: str) -> str:
        if key not in index:
            return ""
        at = [index[key], *columns.also.get(key, ())]
        return "\n".join(_distinct([row[i] for i in at if i < len(row)]))

    header_rows = {_same_row(rows[h]) for h in columns.header_rows}
    for r in range(columns.header_rows[-1] + 1, len(rows)):
        row = rows[r]
        values = _distinct(row)
        number_text = squeeze(cell(row, "number"))
        number = _NUMBER.match(number_text)
        if not values or _same_row(row) in header_rows:
            continue  # an empty row, or a header row repeated at a page break
        if number is None and _is_header(row):
            # The header repeated at a page break; another table's header (a Word file with
            # two tables) would put its columns where these are not, so it is named.
            if _match(row)[0] != _match(rows[at])[0]:
                layout.problems.append(TableProblem(r + 1, 1, "这一行是另一张表的表头，列与第一张表不同",
                                                    "每次只起草一张分解表：把其他表格移到另一个文件"))
            continue
        current = layout.items[-1] if layout.items else None
        if number is None and len(values) == 1:
            kind = _single(row, values[0], index)
            if kind == "note":
                layout.notes.append(values[0])
                continue
            if kind == "category":
                category = _CATEGORY.sub("", squeeze(values[0]))
                continue
        if number is None and number_text and not (current and number_text == squeeze(cell(rows[current.rows[0]], "number"))):
            if _NOTE.match(number_text):
                layout.notes.append(" | ".join(values))
                continue
            layout.problems.append(TableProblem(r + 1, index["number"] + 1, f"序号“{number_text}”不是数字",
                                                "序号写成 1、2、3……；类别行只写类别名称（如“一、养老服务”）"))
            continue
        if "category" in index and cell(row, "category"):
            category = _CATEGORY.sub("", squeeze(cell(row, "category")))
        if "number" in index:
            # A 序号 merged over an item's rows repeats in each (xlsx, docx); a CSV leaves it empty.
            merged = current is not None and number is not None and r == current.rows[-1] + 1 and cell(rows[current.rows[0]], "number") == cell(row, "number")
            new_item = number is not None and not merged
        else:
            new_item = bool(cell(row, "text")) and (current is None or cell(row, "text") != cell(rows[current.rows[-1]], "text"))
        if new_item:
            value = int(number.group(1)) if number else len(layout.items) + 1
            if number is not None and (category, value) in seen_numbers:
                layout.problems.append(TableProblem(r + 1, index["number"] + 1, f"序号 {value} 重复（第 {seen_numbers[(category, value)]} 行已有）",
                                                    "每项一个序号；一项占几行时，序号只写在第一行或合并单元格"))
            seen_numbers[(category, value)] = r + 1
            current = RawItem(value, category)
            layout.items.append(current)
        elif current is None:
            layout.problems.append(TableProblem(r + 1, 1, "这一行在第一个事项之前，不属于任何事项", "在这一行的序号列写上序号，或删去这一行"))
            continue
        elif current.category != category:
            layout.problems.append(TableProblem(r + 1, 1, f"这一行在类别“{category}”之下，却没有序号", "在这一行的序号列写上序号，或把它移到所属事项之下"))
            continue
        current.rows.append(r)
        current.cells.append({key: cell(row, key) for key in index})
        current.others.append({i: row[i].strip() for i in columns.unknown if i < len(row) and row[i].strip()}
                              | {i: row[i].strip() for i in range(len(columns.headings), len(row)) if row[i].strip()})
    if not layout.items and not layout.problems:
        layout.problems.append(TableProblem(at + 1, 1, "表头下没有事项", "事项写在表头之下，每项一个序号"))
    return layout
