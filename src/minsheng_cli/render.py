"""Writing a view in each output format: a rich table for people, JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from typing import Any, TextIO

from minsheng_cli.views import Bar, Cell, Day, Status, View

#: Colours of status cells in a terminal, by the item's light; machine formats carry no colour.
STATUS_STYLES = {"green": "green", "yellow": "yellow", "red": "bold red", "blue": "blue"}
#: Nothing reported: grey whatever the light, the figures are not there to judge.
NOT_REPORTED_STYLE = "dim"
BAR_WIDTH = 10
PIPE_WIDTH = 140
#: Columns of long text: in summaries one line each, cut with … where the terminal is too narrow.
_LONG_COLUMNS = {"工作事项", "目标", "说明", "依据"}
_LONG_WIDTH = 40
#: Columns whose cells must never be broken over lines.
_WHOLE_COLUMNS = {"序号", "编号", "完成度", "完成率", "状态", "完成时间", "日期", "逾期天数", "序时进度", "数值", "实际"}


def _rich_cell(cell: Cell, narrow: bool) -> Any:
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
        style = NOT_REPORTED_STYLE if cell.key == "not_reported" else STATUS_STYLES.get(cell.light or "", "")
        return Text(text, style=style)
    if isinstance(cell, Day) and narrow:
        return cell.date.strftime("%m-%d") + (cell.original.strftime("\n原定 %m-%d") if cell.original else "")
    return str(cell)


def render_table(view: View, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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
        rich_table = Table(title=table.title, title_justify="left", title_style="bold", show_lines=False)
        for name in table.columns:
            if name in _LONG_COLUMNS:
                # Gives way first on a narrow terminal; in summaries one line cut with …
                rich_table.add_column(name, max_width=None if table.wrap else _LONG_WIDTH, min_width=6, overflow="fold")
            else:
                # Figures, dates and statuses stay whole; names wrap only when space runs out.
                rich_table.add_column(name, no_wrap=name in _WHOLE_COLUMNS, overflow="fold")
        cut = [name in _LONG_COLUMNS and not table.wrap for name in table.columns]
        for row in table.rows:
            rich_table.add_row(*(
                Text(str(c), no_wrap=True, overflow="ellipsis") if one_line else _rich_cell(c, narrow)
                for c, one_line in zip(row, cut)
            ))
        console.print(rich_table)


def render_json(view: View, out: TextIO) -> None:
    json.dump(view.data, out, ensure_ascii=False, indent=2)
    out.write("\n")


_GROUPED_NUMBER = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")


def _csv_cell(cell: Cell) -> str:
    """A cell for a spreadsheet: figures without thousands separators, which Excel reads as text."""
    text = str(cell)
    return text.replace(",", "") if _GROUPED_NUMBER.fullmatch(text) else text


def render_csv(view: View, out: TextIO) -> None:
    """Tables with the same columns become one sheet with a 分组 column; others follow each
    other, each under its own title and header."""
    writer = csv.writer(out, lineterminator="\n")
    if not view.tables:
        return
    same_columns = all(t.columns == view.tables[0].columns for t in view.tables)
    if same_columns:
        grouped = len(view.tables) > 1
        writer.writerow((["分组"] if grouped else []) + view.tables[0].columns)
        for table in view.tables:
            for row in table.rows:
                writer.writerow(([table.title or ""] if grouped else []) + [_csv_cell(c) for c in row])
        return
    for i, table in enumerate(view.tables):
        if i:
            writer.writerow([])
        if table.title:
            writer.writerow([table.title])
        writer.writerow(table.columns)
        writer.writerows([_csv_cell(c) for c in row] for row in table.rows)


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
