"""Inline SVG line charts with axes, ticks, labels and a legend (no scripts, no network)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 20, 80
LEGEND_COLUMNS, LEGEND_WIDTH = 3, 225
COLOURS = ["#1f5fa8", "#d0611b", "#2b8a3e", "#8e3aa8", "#b8860b"]


@dataclass
class Series:
    """One line: points (date, value); dashed for forecasts and norms."""

    name: str
    kpi_id: str
    points: list[tuple[date, float | None]]
    dashed: bool = False
    markers: bool = True


@dataclass
class Chart:
    """A chart of dated series on one y axis; fmt turns a y value into its label."""

    chart_id: str
    title: str
    series: list[Series]
    fmt: object
    y_min: float | None = None
    notes: list[str] = field(default_factory=list)

    def svg(self) -> str:
        points = [(d, v) for s in self.series for d, v in s.points if v is not None]
        if not points:
            return f"<figure id='{self.chart_id}'><figcaption>{escape(self.title)}</figcaption><p>—</p></figure>"
        x0 = min(d for d, _ in points).toordinal()
        x1 = max(max(d for d, _ in points).toordinal(), x0 + 1)
        lo = min(v for _, v in points) if self.y_min is None else min(self.y_min, min(v for _, v in points))
        hi = max(v for _, v in points)
        lo, hi, ticks = _nice_ticks(lo, hi)

        def x(d: date) -> float:
            return LEFT + (d.toordinal() - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT)

        def y(v: float) -> float:
            return TOP + (1 - (v - lo) / (hi - lo)) * (HEIGHT - TOP - BOTTOM)

        parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {WIDTH} {HEIGHT}' role='img' "
                 f"aria-label='{escape(self.title)}' class='chart'>"]
        for t in ticks:  # y axis grid and labels
            parts.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{y(t):.1f}' y2='{y(t):.1f}' class='grid'/>"
                         f"<text x='{LEFT - 6}' y='{y(t) + 4:.1f}' text-anchor='end' class='tick'>{escape(self.fmt(t))}</text>")
        for year in range(date.fromordinal(x0).year, date.fromordinal(x1).year + 1):  # x axis: years
            d = date(year, 1, 1)
            if x0 <= d.toordinal() <= x1:
                parts.append(f"<line x1='{x(d):.1f}' x2='{x(d):.1f}' y1='{TOP}' y2='{HEIGHT - BOTTOM}' class='grid'/>"
                             f"<text x='{x(d):.1f}' y='{HEIGHT - BOTTOM + 16}' text-anchor='middle' class='tick'>{year}</text>")
        parts.append(f"<line x1='{LEFT}' x2='{WIDTH - RIGHT}' y1='{HEIGHT - BOTTOM}' y2='{HEIGHT - BOTTOM}' class='axis'/>"
                     f"<line x1='{LEFT}' x2='{LEFT}' y1='{TOP}' y2='{HEIGHT - BOTTOM}' class='axis'/>")
        for i, s in enumerate(self.series):
            colour = COLOURS[i % len(COLOURS)]
            line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in s.points if v is not None)
            dash = " stroke-dasharray='6 4'" if s.dashed else ""
            parts.append(f"<g class='series' data-kpi='{escape(s.kpi_id)}'><polyline points='{line}' fill='none' "
                         f"stroke='{colour}' stroke-width='2'{dash}/>")
            if s.markers:
                for d, v in s.points:
                    if v is not None:
                        parts.append(f"<circle cx='{x(d):.1f}' cy='{y(v):.1f}' r='2.5' fill='{colour}' "
                                     f"data-period='{d.isoformat()}' data-value='{v!r}'><title>{escape(s.name)} "
                                     f"{d.isoformat()}: {escape(self.fmt(v))}</title></circle>")
            parts.append("</g>")
            lx = 10 + (i % LEGEND_COLUMNS) * LEGEND_WIDTH
            ly = HEIGHT - BOTTOM + 36 + (i // LEGEND_COLUMNS) * 16
            parts.append(f"<line x1='{lx}' x2='{lx + 20}' y1='{ly}' y2='{ly}' stroke='{colour}' stroke-width='3'{dash}/>"
                         f"<text x='{lx + 26}' y='{ly + 4}' class='legend'>{escape(s.name[:38])}</text>")
        parts.append("</svg>")
        notes = "".join(f"<p class='note'>{escape(n)}</p>" for n in self.notes)
        return (f"<figure id='{self.chart_id}'><figcaption>{escape(self.title)}</figcaption>{''.join(parts)}"
                f"{notes}</figure>")


def _nice_ticks(lo: float, hi: float, count: int = 5) -> tuple[float, float, list[float]]:
    """A rounded axis range and about `count` evenly spaced tick values covering [lo, hi]."""
    if hi == lo:
        hi = lo + (abs(lo) or 1)
    step = _step((hi - lo) / count)
    start = (lo // step) * step
    end = -((-hi) // step) * step
    ticks, t = [], start
    while t <= end + step / 1e9:
        ticks.append(round(t, 10))
        t += step
    return start, end, ticks


def _step(raw: float) -> float:
    """The smallest of 1, 2, 5 x 10^k that is at least raw."""
    power = 1.0
    while power * 10 <= raw:
        power *= 10
    while power > raw:
        power /= 10
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power
