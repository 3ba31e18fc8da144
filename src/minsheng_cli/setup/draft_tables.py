"""Reading a published 分解表 as rows of text: xlsx (openpyxl), csv, or a Word table (python-docx).

Merged cells read as their value in every row they span, so a category merged over its items
reaches each item. Dates read as ISO dates. The libraries are imported inside the readers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path


class TableError(Exception):
    """The file cannot be read as a table."""


@dataclass
class Table:
    #: Every row of the sheet as it is, title rows above the header included.
    rows: list[list[str]]
    #: Text outside the table (a Word document's paragraphs): the title, where the year is.
    title: str
    #: What was read, for the draft's header: the sheet, the encoding, the number of tables.
    source: str


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    readers = {".xlsx": _read_xlsx, ".xlsm": _read_xlsx, ".csv": _read_csv, ".docx": _read_docx}
    if suffix in (".xls", ".doc", ".et", ".wps"):
        raise TableError(f"不能读取 {suffix} 旧格式：请在 Excel/WPS 中另存为 .xlsx（表格）或 .docx（Word）")
    if suffix not in readers:
        raise TableError("只能读取 .xlsx、.csv 或 .docx（Word 表格）")
    try:
        table = readers[suffix](path)
    except (zipfile.BadZipFile, KeyError, OSError) as e:
        raise TableError(f"无法作为 {suffix} 文件读取（{type(e).__name__}）：文件是否损坏，或扩展名与内容不符？") from None
    if not any(any(cell for cell in row) for row in table.rows):
        raise TableError("文件中没有表格内容")
    return table


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except InvalidFileException as e:
        raise zipfile.BadZipFile(str(e)) from None
    sheet = book.active
    grid = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = value
    return Table(grid, "", f"工作表“{sheet.title}”")


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("CSV 既不是 UTF-8 也不是 GBK 编码")
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    named = "UTF-8" if encoding == "utf-8-sig" else "GBK/GB18030"
    return Table(rows, "", f"CSV，{named} 编码")


def _read_docx(path: Path) -> Table:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(str(path))
    except PackageNotFoundError:
        raise zipfile.BadZipFile("not a Word document") from None
    if not document.tables:
        raise TableError("Word 文件中没有表格")
    rows = [[cell.text.strip() for cell in row.cells] for table in document.tables for row in table.rows]
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    return Table(rows, "\n".join(paragraphs), f"Word 文件中的 {len(document.tables)} 个表格")
