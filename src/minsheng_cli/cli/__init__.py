"""The `minsheng` command line: parse options, call the core, render, exit.

`common` holds the app and what the commands share; each module beside it holds one group of
commands and registers them on the app when imported here.

Exit codes: 0 clean, 1 problems found (or overdue items with --fail-on-overdue), 2 usage error.
"""

from __future__ import annotations

import sys

from minsheng_cli.cli import checks, collect, congress, publish, setup, tracking  # noqa: F401  (registers the commands)
from minsheng_cli.cli.chinese import use_chinese
from minsheng_cli.cli.common import app
from minsheng_cli.cli.tracking import overdue_command, show_command, status_command

__all__ = ["app", "main", "overdue_command", "show_command", "status_command"]

use_chinese(app)


def _utf8_output() -> None:
    """Write UTF-8 when output goes to a file or a pipe. On Chinese Windows Python would
    otherwise encode in GBK, which cannot hold the table's bar characters, and the README
    promises UTF-8 JSON and CSV. A console keeps its encoding (on Windows Python writes to it in
    Unicode); one that cannot show Chinese (an `ascii` locale) gets `\\u` escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding == "utf8" or not hasattr(stream, "reconfigure"):
            continue
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8")


def main() -> None:
    _utf8_output()
    app()
