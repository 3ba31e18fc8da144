"""The small SVG charts: valid XML, points where the dates and ratios put them, text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from minsheng_cli.outputs.svgchart import Frame, Series, line_chart

SVG = "{http://www.w3.org/2000/svg}"
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
# A plot 100 wide and 100 high from (10, 10): x = 10 + 100 * days/364, y = 110 - 100 * ratio.
FRAME = Frame(width=120, height=130, left=10, right=10, top=10, bottom=20)


def chart(*series: Series, title: str = "图") -> ET.Element:
    return ET.fromstring(line_chart(series, start=START, end=END, title=title, frame=FRAME))


def test_points_are_placed_by_date_and_ratio() -> None:
    svg = chart(Series("完成度", [(START, 0.0), (dt.date(2025, 7, 2), 0.5), (END, 1.0)], "#123456"))
    line = svg.find(f"{SVG}polyline")
    assert line is not None
    assert line.get("points") == "10,110 60,60 110,10"
    assert line.get("stroke") == "#123456"
    assert [(c.get("cx"), c.get("cy")) for c in svg.iter(f"{SVG}circle")] == [("10", "110"), ("60", "60"), ("110", "10")]


def test_a_missing_value_breaks_the_line_and_ratios_are_clipped() -> None:
    points = [(dt.date(2025, 1, 1), 0.2), (dt.date(2025, 3, 1), None), (dt.date(2025, 7, 2), 1.7)]
    lines = chart(Series("完成度", points, "blue")).findall(f"{SVG}polyline")
    assert [line.get("points") for line in lines] == ["10,90", "60,10"]


def test_dashed_series_without_markers() -> None:
    svg = chart(Series("序时进度", [(START, 0.0), (END, 1.0)], "grey", dashed=True, markers=False))
    assert svg.find(f"{SVG}polyline").get("stroke-dasharray") == "4 3"
    assert svg.find(f"{SVG}circle") is None


def test_text_is_escaped() -> None:
    text = chart(Series('<b>"x"</b>', [(START, 0.5)], "red"), title="<script>&")
    assert text.find(f"{SVG}title").text == "<script>&"
    assert text.get("aria-label") == "<script>&"
    raw = line_chart([Series("<b>", [(START, 0.5)], "red")], start=START, end=END, title="<script>")
    assert "<script>" not in raw and "<b>" not in raw


def test_same_series_same_bytes() -> None:
    series = [Series("完成度", [(START, 1 / 3), (END, 2 / 3)], "red")]
    assert line_chart(series, start=START, end=END, title="t") == line_chart(series, start=START, end=END, title="t")


def test_an_empty_date_range_is_refused() -> None:
    with pytest.raises(ValueError):
        line_chart([], start=END, end=END, title="t")
