"""Writing a view in each output format: a rich table for people, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from minsheng_cli.engine.status import STATUS_LABELS
from minsheng_cli.outputs.lights import TERMINAL, light_of_item
from minsheng_cli.outputs.formulas import csv_field
from minsheng_cli.outputs.views import Bar, Cell, Day, Status, Stream, View, whole_percent
from minsheng_cli.outputs.views import Table as ViewTable

BAR_WIDTH = 10
#: Width of a table written to a file or a pipe when COLUMNS does not say: wide enough for
#: every column of the status tables, narrow enough for a text editor.
PIPE_WIDTH = 120
#: Columns of long text: they take the room that is left, and wrap when there is too little.
_LONG_COLUMNS = {"工作事项", "目标", "说明", "依据"}
#: Shorter headings where a terminal is narrow: 序时进度 and MM-DD dates are four and five cells
#: wide, their headings eight.
_NARROW_HEADINGS = {"序时进度": "序时", "完成时间": "时限", "分管市领导": "市领导", "逾期天数": "逾期"}
#: Columns whose cells must never be broken over lines: figures, dates, statuses and names.
_WHOLE_COLUMNS = {"序号", "编号", "完成度", "完成率", "状态", "完成时间", "日期", "逾期天数", "序时进度", "数值", "实际",
                  "牵头单位", "单位", "本单位", "责任人", "分管市领导", "填报单位", "牵头"}


#: Below this width a status cell's flags go on a line of their own under the light and status,
#: so the column does not take the room of the item's text and the unit's name.
FLAGS_APART_BELOW = 160


def _rich_cell(cell: Cell, narrow: bool, *, flags_apart: bool = False) -> Any:
    from rich.text import Text

    bar_width = BAR_WIDTH // 2 if narrow else BAR_WIDTH
    if isinstance(cell, Bar):
        filled = int(cell.ratio * bar_width + 1e-9)  # round down: only a met target fills the bar
        text = Text("█" * filled, style="green" if cell.ratio >= 1 else "blue")
        text.append("░" * (bar_width - filled), style="dim")
        text.append(f" {cell}")
        return text
    if isinstance(cell, Status):
        text = str(cell)
        if narrow:  # the light, the status and each flag a line, so the column stays narrow
            text = text.replace(" ", "\n", 1 if cell.light else 0).replace("·", "\n·")
        elif flags_apart:
            text = text.replace("·", "\n·", 1)
        style = TERMINAL.get(light_of_item(cell.key, cell.light) or "", "")
        return Text(text, style=style)
    if isinstance(cell, Day):
        # An extended deadline: the date in force, and the original under it.
        shown = cell.date.strftime("%m-%d") if narrow else cell.date.isoformat()
        if cell.original is None:
            return shown
        original = cell.original.strftime("%m-%d") if cell.original.year == cell.date.year else cell.original.isoformat()
        return f"{shown}\n原定 {original}"
    return str(cell)


def render_table(view: View, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # Piped into a file or a CI log nothing wraps lines for us: don't cut at 80 columns.
        console.width = PIPE_WIDTH
    # Below 100 columns bars are half as long and dates drop the plan's year, so that the
    # status tables still fit 80 columns.
    narrow = console.width < 100
    for line in view.lines:
        console.print(line, markup=False)
    for table in view.tables:
        if narrow:
            table = _narrowed(table)
        rich_table = Table(title=table.title, title_justify="left", title_style="bold", show_lines=False, show_edge=not narrow)
        flags_apart = console.width < FLAGS_APART_BELOW
        cells = [[_rich_cell(c, narrow, flags_apart=flags_apart) for c in row] for row in table.rows]
        room = _room_for_text(console, table, cells, narrow)
        for name in table.columns:
            heading = _NARROW_HEADINGS.get(name, name) if narrow else name
            if name in _LONG_COLUMNS:
                # Takes the room the other columns leave. A summary keeps one line per item and
                # cuts with … only where that room is too small; `show` wraps in full.
                rich_table.add_column(heading, min_width=8, max_width=None if table.wrap else room, overflow="fold" if table.wrap else "ellipsis", no_wrap=not table.wrap)
            else:
                rich_table.add_column(heading, no_wrap=name in _WHOLE_COLUMNS, overflow="ellipsis" if name in _WHOLE_COLUMNS else "fold")
        for row in cells:
            rich_table.add_row(*row)
        console.print(rich_table)


def _narrowed(table: ViewTable) -> ViewTable:
    """A table for a narrow terminal: a unit's person goes under the unit, in one column."""
    from dataclasses import replace

    if "牵头单位" not in table.columns or "责任人" not in table.columns:
        return table
    unit, person = table.columns.index("牵头单位"), table.columns.index("责任人")
    rows = []
    for row in table.rows:
        row = list(row)
        row[unit] = f"{row[unit]}\n{row[person]}" if row[person] else row[unit]
        rows.append([c for i, c in enumerate(row) if i != person])
    return replace(table, columns=[c for i, c in enumerate(table.columns) if i != person], rows=rows)


def _room_for_text(console: Any, table: ViewTable, cells: list[list[Any]], narrow: bool) -> int:
    """The cells left for the long-text columns once every other column has its full width:
    names, figures and dates are never cut, so the text gives way."""
    from rich.cells import cell_len
    from rich.measure import Measurement

    long_columns = sum(name in _LONG_COLUMNS for name in table.columns)
    if not long_columns:
        return console.width
    others = 0
    for i, name in enumerate(table.columns):
        if name not in _LONG_COLUMNS:
            heading = _NARROW_HEADINGS.get(name, name) if narrow else name
            widest = max([cell_len(heading), *(Measurement.get(console, console.options, row[i]).maximum for row in cells)])
            others += widest + 3  # padding on both sides and the rule between columns
    edges = 0 if narrow else 4
    return max(8, (console.width - others - edges - 3 * long_columns) // long_columns)


def render_json(view: View, out: TextIO) -> None:
    """JSON, indented on a terminal for people to read and compact otherwise: Python's encoder
    is several times slower with `indent`, and scripts do not care. A `Stream` is written one
    element at a time."""
    indent = 2 if out.isatty() else None
    if not isinstance(view.data, dict) or not any(isinstance(v, Stream) for v in view.data.values()):
        json.dump(_lists(view.data), out, ensure_ascii=False, indent=indent)
        out.write("\n")
        return
    # Compact, each element of a stream still starts a line of its own: easy to diff and grep.
    out.write("{")
    for i, (key, value) in enumerate(view.data.items()):
        out.write(("," if i else "") + ("\n  " if indent else "") + json.dumps(key, ensure_ascii=False) + ": ")
        if isinstance(value, Stream):
            out.write("[")
            for j, item in enumerate(value):
                text = json.dumps(item, ensure_ascii=False, indent=indent)
                out.write(("," if j else "") + "\n" + (textwrap.indent(text, "    ") if indent else text))
            out.write("\n" + ("  " if indent else "") + "]")
        else:
            out.write(json.dumps(value, ensure_ascii=False, indent=indent))
    out.write("\n}\n")


def _lists(value: Any) -> Any:
    """`value` with every Stream made a list (where a view nests one, say in a list of views)."""
    if isinstance(value, Stream):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lists(v) for v in value]
    return value


_GROUPED_NUMBER = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")


def _sheet_value(cell: Cell) -> str | int | float | None:
    """A table cell as one plain fact: a bar as its whole percent, a status as its word."""
    if isinstance(cell, Bar):
        return whole_percent(cell.ratio)
    if isinstance(cell, Status):
        return STATUS_LABELS.get(cell.key, cell.key)
    if isinstance(cell, Day):
        return cell.date.isoformat()
    if cell in ("—", ""):
        return None
    text = str(cell)
    # A figure without thousands separators: Excel reads "1,500" as text.
    return text.replace(",", "") if _GROUPED_NUMBER.fullmatch(text) else text


def render_csv(view: View, out: TextIO) -> None:
    """CSV for Excel: a UTF-8 byte order mark first, so that a double-click on Chinese Windows
    shows Chinese rather than GBK mojibake; one fact per column; dates as YYYY-MM-DD.

    A view with a sheet writes that sheet; others write each table under its title. A field
    that Excel would run as a formula (`=HYPERLINK(…)` in a note) starts with `'` (see
    outputs/formulas)."""
    writer = _InertWriter(csv.writer(out, lineterminator="\r\n"))
    out.write("\ufeff")
    if view.sheet is not None:
        writer.writerow(view.sheet.columns)
        writer.writerows([_csv_text(v) for v in row] for row in view.sheet.rows)
        return
    if not view.tables:
        return
    if len(view.tables) > 1 and all(t.columns == view.tables[0].columns for t in view.tables):
        # Groups of one kind of row (the plan's categories) become one sheet with a 分组 column.
        writer.writerow(["分组", *view.tables[0].columns])
        for table in view.tables:
            writer.writerows([table.title or "", *(_csv_text(_sheet_value(c)) for c in row)] for row in table.rows)
        return
    for i, table in enumerate(view.tables):
        if i:
            writer.writerow([])
        if table.title:
            writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows([_csv_text(_sheet_value(c)) for c in row] for row in table.rows)


class _InertWriter:
    """A csv writer whose every field is made inert for spreadsheet programs."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: Iterable[object]) -> None:
        self.writer.writerow([csv_field(v) if isinstance(v, str) else v for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _md(cell: Cell) -> str:
    return str(cell).replace("|", "\\|").replace("\n", " ")


def render_markdown(view: View, out: TextIO) -> None:
    for line in view.lines:
        out.write(f"{line}\n\n")
    for table in view.tables:
        if table.title:
            out.write(f"### {table.title}\n\n")
        out.write("| " + " | ".join(table.columns) + " |\n")
        out.write("|" + "---|" * len(table.columns) + "\n")
        for row in table.rows:
            out.write("| " + " | ".join(_md(c) for c in row) + " |\n")
        out.write("\n")


RENDERERS: dict[str, Callable[[View, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}


def render(view: View, fmt: str, out: TextIO) -> None:
    RENDERERS[fmt](view, out)
