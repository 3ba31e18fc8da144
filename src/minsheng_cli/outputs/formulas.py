"""Text that an office suite would run as a formula, made inert in what minsheng writes for one.

A unit's 说明 or 依据, or a line of the plan, can begin with `=`, `+`, `-`, `@`, a tab or a
carriage return (`=HYPERLINK("http://…","点击查看")`, `=cmd|' /C calc'!A0`). Excel, WPS and
LibreOffice read such a CSV field as a formula, and openpyxl stores such a string as one. So:

- CSV: a field that starts with one of those characters gets a leading apostrophe `'`, as OWASP
  recommends for CSV injection; the rest of the text is unchanged. A plain number (`-3`, `-1.5`)
  is not a formula and is left alone.
- xlsx: every text cell is stored as a string, never a formula, and marked with Excel's quote
  prefix, so the text shows as typed and stays text when a leader edits the cell.

JSON is for programs and stays exact.
"""

from __future__ import annotations

import re
from typing import Any

#: What a spreadsheet program reads as the start of a formula (or of a DDE command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def runs_as_formula(text: str) -> bool:
    """Whether an office suite would take `text`, typed into a cell or read from CSV, as a formula."""
    return text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text)


def csv_field(text: str) -> str:
    """`text` for a CSV field: prefixed with `'` when it would run as a formula."""
    return "'" + text if runs_as_formula(text) else text


def text_cell(cell: Any, value: Any) -> Any:
    """Set an openpyxl cell to `value`; a string is kept a string even when it starts with `=`.

    openpyxl takes every string starting with `=` as a formula; its type is set back to string,
    and the quote prefix tells Excel to keep it text when someone edits the cell.
    """
    cell.value = value
    if isinstance(value, str) and (cell.data_type == "f" or runs_as_formula(value)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
