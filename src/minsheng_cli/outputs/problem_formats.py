"""Writing problems for people (text), for GitHub Actions (workflow commands) and for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from minsheng_cli.reading.text import printable
from minsheng_cli.reading.problems import Problem

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}
#: A message quotes what was typed; a hostile file can make that megabytes long.
MAX_SHOWN = 400


def _short(text: str) -> str:
    if len(text) <= MAX_SHOWN:
        return text
    return f"{text[: MAX_SHOWN // 2]}…（略去 {len(text) - MAX_SHOWN * 3 // 4} 字）…{text[-MAX_SHOWN // 4 :]}"


def shown(text: str) -> str:
    """`text` as it may be shown: escaped (see `printable`), and cut in the middle if very long."""
    return printable(_short(text))


def _place(p: Problem) -> str:
    """`path:line:col`; a place with no line (a cell of a workbook, `f.xlsx:填报!H7`) as it is."""
    path = shown(p.path)
    return f"{path}:{p.line}:{p.column}" if p.line else path


def report_text(problems: Sequence[Problem], out: TextIO, *, color: bool = False, ok: bool = True) -> None:
    """`path:line:col: severity: message（hint） [code]`, one line each, then a count. Whatever
    a file name or a message quotes from a file is shown escaped if a terminal would act on it."""
    if color:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, highlight=False, soft_wrap=True)
        for p in problems:
            line = Text(f"{_place(p)}: ", style="bold")
            line.append(SEVERITY_LABELS[p.severity.value], style="red" if p.is_error else "yellow")
            line.append(f": {shown(p.full_message())} ")
            line.append(f"[{p.code}]", style="dim")
            console.print(line)
    else:
        for p in problems:
            out.write(f"{_place(p)}: {SEVERITY_LABELS[p.severity.value]}: {shown(p.full_message())} [{p.code}]\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(problems: Sequence[Problem], out: TextIO, *, color: bool = False, ok: bool = True) -> None:
    """GitHub Actions workflow commands, escaped as the runner expects, so problems show on the diff."""
    for p in problems:
        command = "error" if p.is_error else "warning"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        out.write(f"::{command} {props}::{printable(_escape_data(_short(p.full_message())))}\n")


def report_json(problems: Sequence[Problem], out: TextIO, *, color: bool = False, ok: bool | None = None) -> None:
    """`ok` is whether the run passed (with --strict, warnings fail it); by default, no errors."""
    data = {
        "ok": not any(p.is_error for p in problems) if ok is None else ok,
        "problems": [
            {
                "file": shown(p.path),  # JSON must be valid UTF-8: no lone surrogates
                "line": p.line,
                "column": p.column,
                "severity": p.severity.value,
                "code": p.code,
                "message": shown(p.message),
                "hint": shown(p.hint),
            }
            for p in problems
        ],
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


REPORTERS: dict[str, Callable[..., None]] = {"text": report_text, "github": report_github, "json": report_json}
