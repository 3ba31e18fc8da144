"""The 台账 as an Excel workbook (openpyxl): numbers and dates stored as such, ratios as
percentages, status cells filled with their light, the heading row frozen and filtered,
columns as wide as their Chinese text, A4 landscape with the heading row on every page.

Reproducible: the workbook's created and modified times and every zip entry's date are the
as-of date at midnight, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

from minsheng_cli.ledger import Sheet
from minsheng_cli.outputs.lights import FILL, LIGHT
from minsheng_cli.outputs.package import fixed_zip, stamp_of
from minsheng_cli.views import Bar, Day, Status

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
HEADER_FILL = "DDDDDD"
#: Widest a column grows, in Excel's character units; longer text wraps.
MAX_WIDTH = 16
MAX_WRAPPED_WIDTH = 48


def render_xlsx(sheets: list[Sheet], *, as_of: dt.date, title: str) -> bytes:
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
        widths = [_width(c) for c in sheet.columns]
        for row in sheet.rows:
            values = [_plain(v) for v in row]
            ws.append(values)
            for i, (raw, cell) in enumerate(zip(row, ws[ws.max_row])):
                wrap = sheet.columns[i] in sheet.wrap
                cell.alignment = wrapped if wrap else top
                if isinstance(raw, Day):
                    cell.number_format = DATE_FORMAT
                elif isinstance(raw, Bar):
                    cell.number_format = PERCENT_FORMAT
                elif isinstance(raw, Status):
                    cell.fill = fills[LIGHT[raw.key]]
                widths[i] = max(widths[i], _width(_shown(raw)))
        for i, column in enumerate(sheet.columns):
            limit = MAX_WRAPPED_WIDTH if column in sheet.wrap else max(MAX_WIDTH, _width(column))
            ws.column_dimensions[get_column_letter(i + 1)].width = min(widths[i], limit) + 2
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
        return str(value)
    return value


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Bar):
        return "100.0%"
    return str(value)


def _width(text: str) -> int:
    """Display width: a Chinese character takes two columns, as Excel draws it."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
