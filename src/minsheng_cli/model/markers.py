"""Review markers: `# 待核对：…` comments a drafted plan carries until a person has checked
each against the source. A plan with a marker left is not a plan yet."""

from __future__ import annotations

import re

from minsheng_cli.reading.problems import Problem

MARKER = "待核对"
_MARKER = re.compile(r"#\s*" + MARKER + r"[:：]?\s*(.*)$")


def marker(what: str) -> str:
    """The comment that marks `what` for review."""
    return f"# {MARKER}：{what}"


def review_problems(path: str, text: str) -> list[Problem]:
    """An error at each review marker left in a plan's text."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _MARKER.search(line)
        if match:
            problems.append(Problem(
                path, number, match.start() + 1, "draft-review",
                f"草稿尚未核对：{match.group(1).strip() or '见本行'}",
                "对照分解表原文确认或改正这一处，然后删去“# 待核对”标记",
            ))
    return problems
