"""Build the 2025 分解表 as a city publishes it (xlsx, csv, docx) from the source document.

The input is the plain-text extraction of the official PDF table (`/work/shared/seed/000_*.txt`,
see its README), not `data/tasks_2025.yaml`: the drafts made from these tables are measured
against that transcription, so the tables must not be made from it.

    python tests/data/fenjie/build.py [SOURCE.txt]

writes 分解表_2025.xlsx, 分解表_2025.csv and 分解表_2025.docx beside this script. The tables
keep what published tables have: a title row, merged category cells (csv: the category only on
its first row, as a merged cell exports), units and persons one per line in a cell, two-
character names padded with a space ("曹 阳"), 完成时间 as "12 月 10 日" (xlsx: a date cell for
items 1-13, the text for the rest, as hand-kept sheets mix them).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seed")
TITLE = "2025 年市十件民生实事任务分解表（共 10 件，26 项）"
HEADER = ["民生实事", "序号", "工作事项", "分管市领导", "责任单位", "责任人", "完成时间"]

_PAGE_HEADER = ["民生实事 序号 工作事项", "分管", "市领导", "责任单位 责任人 完成时间"]
_CATEGORY = re.compile(r"[一二三四五六七八九十]+、")
_DEADLINE = re.compile(r"([0-9]+) 月 ([0-9]+) 日")
_LEAD_END = re.compile(r"（牵头单位：[^（）]+）$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: How the names of units end and start: a short line that ends otherwise is a person's name; a
#: line that starts otherwise continues the unit's name of the line before ("市人力资源社会保" "障局").
_UNIT_END = ("局", "政府", "委", "部", "会", "联", "协", "支队", "单位")
_UNIT_START = ("市", "各", "团", "江门", "蓬江", "江海", "新会", "台山", "开平", "鹤山", "恩平")


@dataclass
class Row:
    category: str
    number: int
    text: str
    leader: str
    units: list[str]
    persons: list[str]
    month: int
    day: int


def join_text(lines: list[str]) -> str:
    """PDF lines joined; a space where a line break separated a number from a Chinese character,
    following the document's own spacing ("65 岁")."""
    text = ""
    for line in lines:
        if text and ((text[-1].isdigit() and _CJK.match(line[0])) or (_CJK.match(text[-1]) and line[0].isdigit())):
            text += " "
        text += line
    return text


def fragments(source: str) -> list[str]:
    lines = [line.strip() for line in source.splitlines()]
    lines = [line for line in lines if line]
    start = lines.index(_PAGE_HEADER[0])
    out: list[str] = []
    i = start
    while i < len(lines):
        if lines[i:i + 4] == _PAGE_HEADER:
            i += 4
            continue
        if lines[i] in ("附件2", "2025年市十件民生实事任务分解表"):  # the PDF's trailing metadata
            break
        out.append(lines[i])
        i += 1
    return out


def split_units_and_persons(parts: list[str]) -> tuple[list[str], list[str]]:
    """The units, then as many persons: names broken over lines are joined back."""
    units: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else ""
        if part == "各县（市、区）":  # the group, as a unit (…政府) or as a person (…长)
            if following != "政府":
                break
            units.append(part + following)
            i += 2
            continue
        is_name = len(part.replace(" ", "")) <= 3 and not part.endswith(_UNIT_END)
        if is_name:
            break
        if units and not part.startswith(_UNIT_START):
            units[-1] += part
        else:
            units.append(part)
        i += 1
    persons: list[str] = []
    for part in parts[i:]:
        if persons and not (len(part.replace(" ", "")) in (2, 3) or part.startswith(("各", "市"))):
            persons[-1] += part
        else:
            persons.append(part)
    return units, persons


def parse(source: str) -> list[Row]:
    parts = fragments(source)
    rows: list[Row] = []
    category = ""
    i = 0
    while i < len(parts):
        if _CATEGORY.match(parts[i]):
            title = [parts[i]]
            i += 1
            while parts[i] != str(len(rows) + 1):
                title.append(parts[i])
                i += 1
            if not category or not rows or not title[0].startswith(category.split("、")[0] + "、"):
                category = "".join(title).replace(" ", "")
            continue
        number = int(parts[i])
        assert number == len(rows) + 1, (number, parts[i - 3:i + 3])
        i += 1
        text_lines: list[str] = []
        while not _LEAD_END.search("".join(text_lines)):
            text_lines.append(parts[i])
            i += 1
        leader = parts[i]
        i += 1
        block: list[str] = []
        while not _DEADLINE.fullmatch(parts[i]):
            block.append(parts[i])
            i += 1
        month, day = map(int, _DEADLINE.fullmatch(parts[i]).groups())
        i += 1
        units, persons = split_units_and_persons(block)
        assert len(units) == len(persons), (number, units, persons)
        rows.append(Row(category, number, join_text(text_lines), leader, units, persons, month, day))
    return rows


def deadline_text(row: Row) -> str:
    return f"{row.month} 月 {row.day} 日"


def table(rows: list[Row]) -> list[list[str]]:
    return [[r.category, str(r.number), r.text, r.leader, "\n".join(r.units), "\n".join(r.persons), deadline_text(r)] for r in rows]


def write_csv(rows: list[Row], path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([TITLE] + [""] * 6)
    writer.writerow(HEADER)
    previous = None
    for cells, row in zip(table(rows), rows):
        writer.writerow(["" if row.category == previous else cells[0], *cells[1:]])
        previous = row.category
    path.write_bytes(out.getvalue().encode("utf-8-sig"))  # as Excel saves "CSV UTF-8"


def _category_runs(rows: list[Row]) -> list[tuple[int, int]]:
    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].category != rows[start].category:
            runs.append((start, i - 1))
            start = i
    return runs


def write_xlsx(rows: list[Row], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    book = Workbook()
    sheet = book.active
    sheet.title = "分解表"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=7)
    sheet.append(HEADER)
    for cells, row in zip(table(rows), rows):
        deadline: object = dt.datetime(2025, row.month, row.day) if row.number <= 13 else cells[6]
        sheet.append([cells[0], row.number, *cells[2:6], deadline])
        if isinstance(deadline, dt.datetime):
            sheet.cell(sheet.max_row, 7).number_format = "m月d日"
    for start, end in _category_runs(rows):
        if end > start:
            sheet.merge_cells(start_row=start + 3, start_column=1, end_row=end + 3, end_column=1)
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for column, width in zip("ABCDEFG", (14, 6, 60, 10, 20, 14, 12)):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "minsheng tests"
    book.properties.created = book.properties.modified = dt.datetime(2025, 1, 1)
    book.save(path)


def write_docx(rows: list[Row], path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("附件 2")
    document.add_paragraph(TITLE)
    grid = document.add_table(rows=1 + len(rows), cols=7)
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, HEADER):
        cell.text = heading
    for r, cells in enumerate(table(rows), start=1):
        for c, value in enumerate(cells):
            if c == 0 and r > 1 and rows[r - 1].category == rows[r - 2].category:
                continue
            grid.cell(r, c).text = value
    for start, end in _category_runs(rows):
        if end > start:
            grid.cell(start + 1, 0).merge(grid.cell(end + 1, 0))
    document.core_properties.author = "minsheng tests"
    document.core_properties.created = document.core_properties.modified = dt.datetime(2025, 1, 1)
    document.save(path)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else next(SEED.glob("000_*.txt"))
    rows = parse(source.read_text(encoding="utf-8"))
    assert [r.number for r in rows] == list(range(1, 27)), [r.number for r in rows]
    write_csv(rows, HERE / "分解表_2025.csv")
    write_xlsx(rows, HERE / "分解表_2025.xlsx")
    write_docx(rows, HERE / "分解表_2025.docx")
    print(f"{len(rows)} 项，{len({r.category for r in rows})} 件 → {HERE}")


if __name__ == "__main__":
    main()
