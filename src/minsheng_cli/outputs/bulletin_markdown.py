"""The bulletin as Markdown, for pasting into WeChat, a wiki or a commit.

The same parts as the Word file, in the same order: 版头 (as lines), title, 主送, body, 附件说明,
落款, each 附件 under its own heading, 版记. Text is written as it is: a note reading `<script>`
stays those characters. Only what would break a table (a `|`, a line break) is escaped.
"""

from __future__ import annotations

from minsheng_cli.outputs.bulletin_layout import Charts, Grid, Layout, Paragraph


def render_markdown(layout: Layout) -> str:
    lines: list[str] = []
    if layout.masthead is not None:
        m = layout.masthead
        lines += [f"**{m.name}**", ""] + ([m.issue, ""] if m.issue else []) + [f"{m.office}　{m.date}", "", "---", ""]
    lines += [f"# {layout.title}", "", layout.subtitle, ""]
    if layout.send_to:
        lines += [layout.send_to, ""]
    for section in layout.sections:
        lines += [f"## {section.title}", ""]
        lines += _blocks(section.blocks)
    if layout.attachments:
        lines += ["附件：" + "；".join(f"{a.number}. {a.title}" for a in layout.attachments), ""]
    lines += [text for text in (layout.signer, layout.date) if text] and [
        "　".join(text for text in (layout.signer, layout.date) if text), ""
    ]
    for attachment in layout.attachments:
        lines += [f"## 附件 {attachment.number}　{attachment.title}", ""]
        lines += _blocks(attachment.blocks)
    record = [text for text in (layout.copy_to, layout.printed) if text]
    if record:
        lines += ["---", ""] + [line for text in record for line in (text, "")]
    return "\n".join(lines).rstrip("\n") + "\n"


def _blocks(blocks) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lead = f"**{block.lead}**" if block.lead else ""
            lines += [lead + block.text, ""]
        elif isinstance(block, Grid):
            lines += _table(block) + [""]
        elif isinstance(block, Charts):
            continue  # the trend table above carries the same figures
    return lines


def _table(grid: Grid) -> list[str]:
    align = ["---:" if i in grid.numeric else "---" for i in range(len(grid.columns))]
    rows = [grid.columns, align, *([c.text for c in row] for row in grid.rows)]
    return ["| " + " | ".join(_cell(text) for text in row) + " |" for row in rows]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace("\n", " ")
