"""The 台账 as an Excel workbook (openpyxl): numbers and dates stored as such, ratios as
percentages, status cells filled with their light, a title row over the frozen, filtered heading
row, every cell boxed, columns as wide as their Chinese text (long text wrapping in rows tall
enough), A4 landscape with the title and headings on every page and page numbers in the footer.
The first sheet, 台账, is the one to print: its columns are chosen and sized for A4 landscape at
10.5 pt; the sheets after it keep every column for the screen.

Reproducible: the workbook's created and modified times and every zip entry's date are the
as-of date at midnight, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from rich.cells import cell_len as display_width  # a Chinese character takes two columns

from minsheng_cli.outputs.formulas import text_cell
from minsheng_cli.outputs.ledger import LedgerSheet
from minsheng_cli.outputs.lights import FILL, light_of_item
from minsheng_cli.engine.status import STATUS_LABELS
from minsheng_cli.outputs.package import fixed_zip, stamp_of
from minsheng_cli.outputs.views import Bar, Day, Status

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = "DDDDDD"
#: Widest a column grows, in Excel's character units; longer text wraps.
MAX_WIDTH = 16
MAX_WRAPPED_WIDTH = 48
#: A line of text takes this many times its font size (15 points for 11-point text).
LINE_FACTOR = 15 / 11
#: Rows: the title, then the headings; the data from the row after.
TITLE_ROW, HEAD_ROW = 1, 2
TITLE_SIZE = 14
SCREEN_SIZE = 11
#: The print sheet's text: 10.5 pt (五号) on A4 landscape, the columns chosen to fit unscaled.
PRINT_SIZE = 10.5


def render_xlsx(sheets: list[LedgerSheet], *, as_of: dt.date, title: str) -> bytes:
    """The workbook: each sheet under a title row, its heading row repeated on every printed page,
    every cell boxed; a sheet with set widths (the print sheet) in 10.5 pt with page numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    fills = {light: PatternFill(fill_type="solid", fgColor=colour) for light, colour in FILL.items()}
    header_fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        printed = bool(sheet.widths)
        size = PRINT_SIZE if printed else SCREEN_SIZE
        font = Font(size=size)
        last = get_column_letter(len(sheet.columns))
        ws.append([title])
        ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
        ws.cell(TITLE_ROW, 1).font = Font(bold=True, size=TITLE_SIZE)
        ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[TITLE_ROW].height = TITLE_SIZE * 2
        ws.append(sheet.columns)
        for cell in ws[HEAD_ROW]:
            cell.font = Font(bold=True, size=size)
            cell.fill = header_fill
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        widths = [display_width(c) for c in sheet.columns]
        for row in sheet.rows:
            ws.append([_plain(v) for v in row])
            for i, (raw, cell) in enumerate(zip(row, ws[ws.max_row])):
                if isinstance(cell.value, str):  # a note or plan text starting with `=` stays text
                    text_cell(cell, cell.value)
                cell.alignment = wrapped if sheet.columns[i] in sheet.wrap else top
                cell.border = box
                cell.font = font
                if isinstance(raw, Day):
                    cell.number_format = DATE_FORMAT
                elif isinstance(raw, Bar):
                    cell.number_format = PERCENT_FORMAT
                elif isinstance(raw, Status):
                    cell.fill = fills[light_of_item(raw.key, raw.light)]
                widths[i] = max(widths[i], display_width(_shown(raw)))
        final = []
        for i, column in enumerate(sheet.columns):
            if printed:
                final.append(sheet.widths[column])
            else:
                limit = MAX_WRAPPED_WIDTH if column in sheet.wrap else max(MAX_WIDTH, display_width(column))
                final.append(min(widths[i], limit))
            ws.column_dimensions[get_column_letter(i + 1)].width = final[i] if printed else final[i] + 2
        # Excel does not grow a row for wrapped text on opening: give each row its lines, and no
        # more (a row as tall as its longest cell, not taller).
        wrapping = [i for i, column in enumerate(sheet.columns) if column in sheet.wrap]
        for r, row in enumerate(sheet.rows, start=HEAD_ROW + 1):
            lines = max([1] + [lines_of(_shown(row[i]), final[i]) for i in wrapping])
            if lines > 1:
                ws.row_dimensions[r].height = round(line_height(size) * lines, 1)
        ws.row_dimensions[HEAD_ROW].height = round(line_height(size) * max(lines_of(c, final[i]) for i, c in enumerate(sheet.columns)), 1)
        ws.freeze_panes = f"A{HEAD_ROW + 1}"
        ws.auto_filter.ref = f"A{HEAD_ROW}:{last}{ws.max_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{TITLE_ROW}:{HEAD_ROW}"
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    stamp = stamp_of(as_of)
    props = workbook.properties
    props.title = title
    props.creator = props.lastModifiedBy = "minsheng"
    props.created = props.modified = stamp
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save stamps the modified time with the clock.
    from zipfile import ZIP_DEFLATED, ZipFile

    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return fixed_zip(buffer.getvalue(), stamp)


def lines_of(text: str, width: int) -> int:
    """Lines a wrapped cell of `width` characters needs for `text`, a Chinese character counting
    two and a line keeping one column for the cell's margin."""
    return max(1, -(-display_width(text) // max(width - 1, 1)))


def line_height(size: float) -> float:
    """Points a line of text of `size` points takes in a row."""
    return size * LINE_FACTOR


def _plain(value):
    """The value a cell stores: dates as dates, ratios as numbers, statuses as their label."""
    if isinstance(value, Day):
        return value.date
    if isinstance(value, Bar):
        return value.ratio
    if isinstance(value, Status):
        return STATUS_LABELS[value.key]  # its light has a column of its own
    return value


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Bar):
        return "100.0%"
    return str(value)

