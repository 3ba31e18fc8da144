"""Small static SVG line charts: ratios (0 to 1) over dates, for the bulletin's trends.

Plain text out, no library and no script: the SVG is inlined into a self-contained HTML file
that must open offline on an intranet. Every text is XML-escaped, coordinates are rounded to
one decimal, so the same series give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class Series:
    """A line through `points` (date, ratio); a ratio of None breaks the line there."""

    label: str
    points: Sequence[tuple[dt.date, float | None]]
    colour: str
    dashed: bool = False
    markers: bool = True


@dataclass(frozen=True)
class Frame:
    width: int = 260
    height: int = 130
    left: int = 34
    right: int = 8
    top: int = 8
    bottom: int = 20


def line_chart(series: Sequence[Series], *, start: dt.date, end: dt.date, title: str, frame: Frame = Frame()) -> str:
    """An SVG of `series` on a date axis from `start` to `end` and a ratio axis from 0 to 100%.

    Ratios outside 0..1 are clipped to the frame. `title` is the chart's accessible name.
    """
    if end <= start:
        raise ValueError("end must be after start")
    plot_w = frame.width - frame.left - frame.right
    plot_h = frame.height - frame.top - frame.bottom
    span = (end - start).days

    def x(day: dt.date) -> float:
        return frame.left + plot_w * min(max((day - start).days / span, 0.0), 1.0)

    def y(ratio: float) -> float:
        return frame.top + plot_h * (1.0 - min(max(ratio, 0.0), 1.0))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="{frame.width}" height="{frame.height}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
    ]
    for ratio, label in ((0.0, "0"), (0.5, "50%"), (1.0, "100%")):
        parts.append(f'<line x1="{_n(frame.left)}" y1="{_n(y(ratio))}" x2="{_n(frame.left + plot_w)}" y2="{_n(y(ratio))}" stroke="#d0d0d0" stroke-width="0.6"/>')
        parts.append(f'<text x="{_n(frame.left - 3)}" y="{_n(y(ratio) + 3)}" font-size="8" text-anchor="end" fill="#555">{label}</text>')
    base = frame.top + plot_h + 12
    parts.append(f'<text x="{_n(frame.left)}" y="{_n(base)}" font-size="8" fill="#555">{_month_day(start)}</text>')
    parts.append(f'<text x="{_n(frame.left + plot_w)}" y="{_n(base)}" font-size="8" text-anchor="end" fill="#555">{_month_day(end)}</text>')
    for s in series:
        colour = quoteattr(s.colour)
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        for run in _runs(s.points):
            coords = " ".join(f"{_n(x(d))},{_n(y(r))}" for d, r in run)
            parts.append(f'<polyline points="{coords}" fill="none" stroke={colour} stroke-width="1.6"{dash}><title>{escape(s.label)}</title></polyline>')
            if s.markers:
                parts += [f'<circle cx="{_n(x(d))}" cy="{_n(y(r))}" r="2" fill={colour}/>' for d, r in run]
    parts.append("</svg>")
    return "".join(parts)


def _runs(points: Sequence[tuple[dt.date, float | None]]) -> list[list[tuple[dt.date, float]]]:
    """The stretches of consecutive points that have a value."""
    runs: list[list[tuple[dt.date, float]]] = [[]]
    for day, ratio in points:
        if ratio is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((day, ratio))
    return [run for run in runs if run]


def _n(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing `.0`."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _month_day(day: dt.date) -> str:
    return f"{day.month}/{day.day}"
