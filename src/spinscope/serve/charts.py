"""Chart geometry for the dashboards, computed server-side and drawn as inline SVG.

Functions here return plain data (rectangles, polylines, ticks); the
``_charts.html`` template turns it into SVG with autoescaping, so labels taken from
the store (outlet names, technique labels) are never trusted as markup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .labels import colour, humanize


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: int
    label: str
    value: float


@dataclass
class Bar:
    label: str
    y: float
    total: float
    rects: list[Rect] = field(default_factory=list)


@dataclass
class BarChart:
    """Horizontal stacked bars, one per row (outlet), each normalised to 100 %."""

    width: int
    height: int
    label_width: int
    bars: list[Bar]
    legend: list[tuple[str, str, int]]  # (label, title, colour)


@dataclass
class Series:
    label: str
    title: str
    colour: int
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, str, float]]  # x, y, x-label, value


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    bottom: int
    series: list[Series]
    x_ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def nice_step(top: float, max_ticks: int = 5) -> float:
    """A round tick step (1, 2, 5 x 10^k, at least 1) giving at most ``max_ticks`` intervals up to ``top``."""
    magnitude = 1.0
    while True:
        for base in (1, 2, 5):
            step = base * magnitude
            if top / step <= max_ticks:
                return step
        magnitude *= 10


def top_categories(rows: Mapping[str, Mapping[str, float]], limit: int = 8) -> list[str]:
    """The ``limit`` categories with the largest totals over all rows."""
    totals: dict[str, float] = {}
    for counts in rows.values():
        for cat, value in counts.items():
            totals[cat] = totals.get(cat, 0.0) + float(value)
    return [c for c, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def stacked_bars(
    rows: Mapping[str, Mapping[str, float]],
    *,
    categories: Sequence[str] | None = None,
    width: int = 1200,
    label_width: int = 180,
    bar_height: int = 22,
    gap: int = 8,
) -> BarChart:
    """One 100 %-stacked bar per row; categories outside ``categories`` go into "other"."""
    cats = list(categories) if categories is not None else top_categories(rows)
    plot = width - label_width - 56
    bars: list[Bar] = []
    for n, (row, counts) in enumerate(rows.items()):
        total = float(sum(counts.values()))
        y = n * (bar_height + gap)
        bar = Bar(label=row, y=y, total=total)
        x = float(label_width)
        parts = [(c, float(counts.get(c, 0))) for c in cats]
        other = total - sum(v for _, v in parts)
        if other > 0:
            parts.append(("other", other))
        for cat, value in parts:
            if value <= 0 or total <= 0:
                continue
            w = plot * value / total
            bar.rects.append(Rect(x, y, w, bar_height, -1 if cat == "other" else colour(cat), cat, value))
            x += w
        bars.append(bar)
    legend = [(c, humanize(c), colour(c)) for c in cats]
    height = max(len(bars), 1) * (bar_height + gap)
    return BarChart(width=width, height=height, label_width=label_width, bars=bars, legend=legend)


def line_chart(
    table: Mapping[str, Mapping[str, float]],
    *,
    categories: Sequence[str] | None = None,
    width: int = 1200,
    height: int = 280,
    left: int = 44,
    bottom: int = 28,
) -> LineChart:
    """Lines over time: ``table`` maps an x value (a month, ``2024-03``) to category counts."""
    xs = sorted(table)
    cats = list(categories) if categories is not None else top_categories(table, 6)
    peak = max([float(table[x].get(c, 0)) for x in xs for c in cats] + [1.0])
    step = nice_step(peak)
    top = step * math.ceil(peak / step)
    plot_w = width - left - 36
    plot_h = height - bottom - 10

    def px(i: int) -> float:
        return left + (plot_w * i / (len(xs) - 1) if len(xs) > 1 else plot_w / 2)

    def py(v: float) -> float:
        return 10 + plot_h * (1 - v / top)

    series = []
    for cat in cats:
        dots = [
            (round(px(i), 1), round(py(float(table[x].get(cat, 0))), 1), x, float(table[x].get(cat, 0)))
            for i, x in enumerate(xs)
        ]
        series.append(Series(cat, humanize(cat), colour(cat), " ".join(f"{a},{b}" for a, b, _, _ in dots), dots))
    every = max(1, len(xs) // 12)
    x_ticks = [(round(px(i), 1), x) for i, x in enumerate(xs) if i % every == 0]
    y_ticks = [(round(py(v), 1), f"{v:g}") for v in (step * k for k in range(int(round(top / step)) + 1))]
    return LineChart(width, height, left, bottom, series, x_ticks, y_ticks)
