"""The bulletin as Markdown, for pasting into WeChat, a wiki or a commit.

Text is written as it is: a note reading `<script>` stays those characters. Only what would
break a table (a `|`, a line break) is escaped.
"""

from __future__ import annotations

from minsheng_cli.outputs.bulletin_layout import Charts, Grid, Layout, Paragraph


def render_markdown(layout: Layout) -> str:
    lines = [f"# {layout.title}", "", layout.subtitle, ""]
    for section in layout.sections:
        lines += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lead = f"**{block.lead}**" if block.lead else ""
                lines += [lead + block.text, ""]
            elif isinstance(block, Grid):
                lines += _table(block) + [""]
            elif isinstance(block, Charts):
                continue  # the trend table above carries the same figures
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(grid: Grid) -> list[str]:
    align = ["---:" if i in grid.numeric else "---" for i in range(len(grid.columns))]
    rows = [grid.columns, align, *([c.text for c in row] for row in grid.rows)]
    return ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace("\n", " ")
