"""Server-side SVG for the dashboard: the same drawing for page and PDF, always with a
table of the same figures beside it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape  # quotes too: titles and labels go into attributes as well as text

COLOURS = ("#1d70b8", "#f47738")


def chart_top(series: dict[str, list]) -> float:
    """The value at the top of the scale: the largest figure drawn (1 when there is none)."""
    values = [v for vs in series.values() for v in vs if isinstance(v, int | float)]
    return (max(values) if values else 1) or 1


def chart_frame(*, title: str, width: int, height: int, top: float, pad_l: int, pad_t: int, pad_r: int,
                plot_height: float, tick: Callable[[float], str]) -> list[str]:
    """The opening of a chart's SVG, titled for screen readers, and its five gridlines each
    labelled by `tick` of its value."""
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i in range(5):
        y = pad_t + plot_height - plot_height * i / 4
        parts.append(f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6"/>')
        parts.append(f'<text x="{pad_l - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" font-family="Arial">'
                     f'{tick(top * i / 4)}</text>')
    return parts


def trend_chart(labels: list[str], series: dict[str, list], *, title: str, width: int = 720, height: int = 280) -> str:
    """Lines over quarters. Suppressed or missing points ("[c]", None) are gaps."""
    top = chart_top(series)
    pad_l, pad_b, pad_t, pad_r = 60, 36, 34, 20
    pw, ph = width - pad_l - pad_r, height - pad_b - pad_t
    step = pw / max(1, len(labels) - 1)
    parts = chart_frame(title=title, width=width, height=height, top=top, pad_l=pad_l, pad_t=pad_t, pad_r=pad_r,
                        plot_height=ph, tick=lambda v: f"{v:,.0f}")
    for i, label in enumerate(labels):
        parts.append(f'<text x="{pad_l + i * step:.1f}" y="{height - 12}" text-anchor="middle" font-size="11" '
                     f'font-family="Arial">{escape(label)}</text>')
    for vs, colour in zip(series.values(), COLOURS, strict=False):
        segment: list[str] = []
        for i, v in enumerate(vs + [None]):
            if isinstance(v, int | float):
                segment.append(f"{pad_l + i * step:.1f},{pad_t + ph - ph * v / top:.1f}")
            elif segment:
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="3" points="{" ".join(segment)}"/>')
                segment = []
        for i, v in enumerate(vs):
            if isinstance(v, int | float):
                parts.append(f'<circle cx="{pad_l + i * step:.1f}" cy="{pad_t + ph - ph * v / top:.1f}" r="4" fill="{colour}"/>')
    lx = pad_l
    for name, colour in zip(series, COLOURS, strict=False):
        parts.append(f'<rect x="{lx}" y="8" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{lx + 20}" y="20" font-size="13" font-family="Arial">{escape(name)}</text>')
        lx += 200
    parts.append("</svg>")
    return "".join(parts)
