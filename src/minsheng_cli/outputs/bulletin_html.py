"""The bulletin as one self-contained HTML file: inline CSS, inline SVG charts, no script, no
external font, stylesheet or image, so it opens offline and prints on A4 with page numbers
(— N —, a page-margin box), each 附件 from a new page. Below 640 px (a phone) every table row
becomes a card of heading: value lines, so nothing scrolls sideways.

The template (`templates/bulletin.html.j2`) only lays the blocks out; Jinja2 escapes every
text, so a note that reads `<script>` or `{{ }}` is shown as those characters.
"""

from __future__ import annotations

from minsheng_cli.engine.bulletin import Trend
from minsheng_cli.outputs.bulletin_layout import Attachment, Grid, Layout
from minsheng_cli.outputs.lights import FILL
from minsheng_cli.outputs.svgchart import Series, line_chart

COMPLETION_COLOUR = "#1f5fa8"
EXPECTED_COLOUR = "#9e9e9e"


def render_html(layout: Layout) -> str:
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("minsheng_cli", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The SVG is built from escaped text (see svgchart), so it goes in as markup.
    env.globals["chart"] = lambda trend: markupsafe.Markup(trend_chart(trend))
    env.globals["wide"] = wide
    template = env.get_template("bulletin.html.j2")
    return template.render(layout=layout, fill=FILL)


#: An 附件 with a table of this many columns or more prints on landscape pages.
WIDE_COLUMNS = 10


def wide(attachment: Attachment) -> bool:
    return any(isinstance(b, Grid) and len(b.columns) >= WIDE_COLUMNS for b in attachment.blocks)


def trend_chart(trend: Trend) -> str:
    """An item's completion at each month's end against its 序时进度 line."""
    as_of = trend.points[-1].date
    end = max(trend.deadline, as_of)
    # The engine's 序时进度 on each day: schedules and extensions bend the line.
    expected = list(trend.expected) or [(p.date, p.expected) for p in trend.points]
    return line_chart(
        [
            Series("序时进度", expected, EXPECTED_COLOUR, dashed=True, markers=False),
            Series("完成度", [(p.date, p.completion) for p in trend.points], COMPLETION_COLOUR),
        ],
        start=trend.start,
        end=end,
        title=f"第 {trend.task.number} 项完成度与序时进度",
    )
