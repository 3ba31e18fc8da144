"""The 台账 as an Excel workbook (openpyxl): numbers and dates stored as such, ratios as
percentages, status cells filled with their light, the heading row frozen and filtered,
columns as wide as their Chinese text, A4 landscape with the heading row on every page.

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
#: Points per line of 11-point text.
LINE_HEIGHT = 15


def render_xlsx(sheets: list[LedgerSheet], *, as_of: dt.date, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    fills = {light: PatternFill(fill_type="solid", fgColor=colour) for light, colour in FILL.items()}
    header_fill = PatternFill(fill_type="solid", fgColor=HEADER_FILL)
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append(sheet.columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        widths = [display_width(c) for c in sheet.columns]
        for row in sheet.rows:
            values = [_plain(v) for v in row]
            ws.append(values)
            for i, (raw, cell) in enumerate(zip(row, ws[ws.max_row])):
                if isinstance(cell.value, str):  # a note or plan text starting with `=` stays text
                    text_cell(cell, cell.value)
                wrap = sheet.columns[i] in sheet.wrap
                cell.alignment = wrapped if wrap else top
                if isinstance(raw, Day):
                    cell.number_format = DATE_FORMAT
                elif isinstance(raw, Bar):
                    cell.number_format = PERCENT_FORMAT
                elif isinstance(raw, Status):
                    cell.fill = fills[light_of_item(raw.key, raw.light)]
                widths[i] = max(widths[i], display_width(_shown(raw)))
        final = []
        for i, column in enumerate(sheet.columns):
            limit = MAX_WRAPPED_WIDTH if column in sheet.wrap else max(MAX_WIDTH, display_width(column))
            final.append(min(widths[i], limit))
            ws.column_dimensions[get_column_letter(i + 1)].width = final[i] + 2
        # Excel does not grow a row for wrapped text on opening: give each row its lines.
        wrapping = [i for i, column in enumerate(sheet.columns) if column in sheet.wrap]
        for r, row in enumerate(sheet.rows, start=2):
            lines = max([1] + [-(-display_width(_shown(row[i])) // max(final[i], 1)) for i in wrapping])
            if lines > 1:
                ws.row_dimensions[r].height = LINE_HEIGHT * lines
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
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

