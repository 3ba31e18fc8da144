"""The start-up floor of a typer CLI like minsheng: the same libraries imported, an app with the
same commands' options (`status`, `overdue`, `validate`), and no work.

    python benchmarks/floor_app.py status

`run.py` times `minsheng status` (bundled plan, no options) against `python floor_app.py status`:
what minsheng adds to a typer app that imports what it imports is its own work.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import pydantic  # noqa: F401  (the import floor: typer, pydantic, yaml, rich.table)
import rich.table  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Grouping(str, Enum):
    category = "category"
    unit = "unit"
    leader = "leader"
    district = "district"


Plan = Annotated[Optional[Path], typer.Option("--plan", metavar="FILE", help="plan file")]
Progress = Annotated[Optional[Path], typer.Option("--progress", metavar="DIR", help="progress reports")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="as-of date")]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="output format")]
Tolerance = Annotated[float, typer.Option("--tolerance", min=0, max=100, help="behind tolerance")]
DueSoon = Annotated[int, typer.Option("--due-soon-days", min=0, help="due-soon window")]
Stale = Annotated[int, typer.Option("--stale-days", min=0, help="stale after")]


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", is_eager=True, help="show version")] = False) -> None:
    """The floor app."""


@app.command("status")
def status(by: Annotated[Grouping, typer.Option("--by")] = Grouping.category, plan: Plan = None, progress: Progress = None,
           as_of: AsOf = None, format: Fmt = Format.table, tolerance: Tolerance = 10.0, due_soon_days: DueSoon = 30,
           stale_days: Stale = 45) -> None:
    """status, doing nothing."""


@app.command("overdue")
def overdue(by_unit: Annotated[bool, typer.Option("--by-unit")] = False, by_leader: Annotated[bool, typer.Option("--by-leader")] = False,
            plan: Plan = None, progress: Progress = None, as_of: AsOf = None, format: Fmt = Format.table,
            tolerance: Tolerance = 10.0, due_soon_days: DueSoon = 30, stale_days: Stale = 45) -> None:
    """overdue, doing nothing."""


@app.command("validate")
def validate(files: Annotated[Optional[list[Path]], typer.Argument()] = None, plan: Plan = None, progress: Progress = None,
             strict: Annotated[bool, typer.Option("--strict")] = False) -> None:
    """validate, doing nothing."""


if __name__ == "__main__":
    app()
