"""The report's plots as server-side SVG, drawn with leather (a small, dependency-free charting
library): presentation attributes only, no script and no style element, so the desk's CSP holds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

import leather
from leather import theme

WIDTH, HEIGHT = 720, 260
MAX_TICKS = 8
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# leather keeps its look in module variables: the desk's, set once.
theme.background_color = "#ffffff"
for name in ("title", "legend", "axis_title", "tick"):
    setattr(theme, f"{name}_font_family", FONT)
theme.tick_color = "#e2e2e6"  # grid lines
theme.label_color = "#4a4a52"  # tick labels: 8:1 on white
theme.title_color = "#1b1b1f"
theme.default_line_width = 2
theme.default_dot_radius = 4


class Buckets(leather.Scale):  # type: ignore[misc]
    """An x axis of n buckets, each in the middle of its own equal slot (no rounding to nice
    numbers, and a lone bucket sits in the middle, its label whole)."""

    def __init__(self, count: int, ticks: Sequence[int]) -> None:
        self.count = max(1, count)
        self._ticks = list(ticks)

    def contains(self, v: float) -> bool:
        return 0 <= v < self.count

    def project(self, value: float, range_min: float, range_max: float) -> float:
        return range_min + (range_max - range_min) * (value + 0.5) / self.count

    def project_interval(self, value: float, range_min: float, range_max: float) -> Any:
        raise NotImplementedError

    def ticks(self) -> list[int]:
        return self._ticks


class LineWithDots(leather.Line):  # type: ignore[misc]
    """A line through the points with a dot on each, titled with its label and value."""

    def __init__(self, titles: Sequence[str], color: str) -> None:
        super().__init__(stroke_color=color)
        self.titles = titles
        self.color = color

    def to_svg(
        self, width: Any, height: Any, x_scale: Any, y_scale: Any, series: Any, palette: Any
    ) -> Any:
        group = super().to_svg(width, height, x_scale, y_scale, series, palette)
        for point, title in zip(series.data(), self.titles, strict=True):
            if point.y is None:
                continue
            dot = ET.SubElement(
                group,
                "circle",
                cx=str(x_scale.project(point.x, 0, width)),
                cy=str(y_scale.project(point.y, height, 0)),
                r=str(theme.default_dot_radius),
                fill=self.color,
            )
            dot.set("class", "point")
            ET.SubElement(dot, "title").text = title
        return group


def line_plot(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    describe: Callable[[str, float], str],
    y_max: float | None = None,
    y_format: Callable[[float], str] = lambda v: f"{v:g}",
    color: str = "#143d6b",
) -> str:
    """One series over time as an <svg>: a dot per bucket with a value (None: a gap in the
    line), ticks for at most 8 labels."""
    if not any(v is not None for v in values):
        return _svg(title, _nothing(title))
    chart = leather.Chart(title)
    points = list(enumerate(values))
    known = [v for v in values if v is not None]
    top = y_max if y_max is not None else max(1.0, max(known, default=0) * 1.1)
    step = max(1, -(-len(labels) // MAX_TICKS))  # ceiling division
    chart.set_x_scale(Buckets(len(values), range(0, len(labels), step)))
    chart.add_y_scale(0, top)
    chart.add_x_axis(tick_formatter=lambda v, i, n: labels[int(v)])
    chart.add_y_axis(tick_formatter=lambda v, i, n: y_format(v))
    titles = [
        describe(label, value) if value is not None else ""
        for label, value in zip(labels, values, strict=True)
    ]
    chart.add_series(leather.Series(points, name=title), LineWithDots(titles, color))
    return _svg(title, chart.to_svg_group(WIDTH, HEIGHT))


def _nothing(title: str) -> ET.Element:
    """A plot of no questions: the title and a note."""
    group = ET.Element("g")
    for y, text, size in ((40, title, 16), (HEIGHT // 2, "No questions in this range.", 14)):
        label = ET.SubElement(group, "text", x="36", y=str(y), fill=theme.title_color)
        label.set("font-family", FONT)
        label.set("font-size", str(size))
        label.text = text
    return group


def _svg(title: str, body: ET.Element) -> str:
    """The plot as a standalone, accessible <svg> element."""
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width="100%",
        role="img",
    )
    svg.set("aria-label", title)
    svg.set("class", "plot")
    ET.SubElement(svg, "title").text = title
    svg.append(body)
    return ET.tostring(svg, encoding="unicode")
