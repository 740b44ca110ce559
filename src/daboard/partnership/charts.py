"""Grouped bars as server-side SVG (the same drawing for page and PDF), beside a table of
the same figures. Suppressed or missing values ("[c]", None) draw no bar."""

from __future__ import annotations

from html import escape  # quotes too: titles and labels go into attributes as well as text

from daboard.insights.charts import chart_frame, chart_top

COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#505a5f")


def bar_chart(groups: list[str], series: dict[str, list], *, title: str, width: int = 720, height: int = 300,
              unit: str = "") -> str:
    top = chart_top(series)
    pad_l, pad_b, pad_t, pad_r = 60, 36, 34 + 18 * ((len(series) - 1) // 3), 20
    pw, ph = width - pad_l - pad_r, height - pad_b - pad_t
    slot = pw / max(1, len(groups))
    bar = slot * 0.8 / max(1, len(series))
    parts = chart_frame(title=title, width=width, height=height, top=top, pad_l=pad_l, pad_t=pad_t, pad_r=pad_r,
                        plot_height=ph, tick=lambda v: f"{v:,.1f}{escape(unit)}")
    for g, label in enumerate(groups):
        x0 = pad_l + g * slot + slot * 0.1
        parts.append(f'<text x="{pad_l + (g + 0.5) * slot:.1f}" y="{height - 12}" text-anchor="middle" font-size="12" '
                     f'font-family="Arial">{escape(label)}</text>')
        for s, (vs, colour) in enumerate(zip(series.values(), COLOURS, strict=False)):
            v = vs[g] if g < len(vs) else None
            if isinstance(v, int | float):
                h = ph * v / top
                parts.append(f'<rect x="{x0 + s * bar:.1f}" y="{pad_t + ph - h:.1f}" width="{bar * 0.9:.1f}" '
                             f'height="{h:.1f}" fill="{colour}"/>')
    for i, (name, colour) in enumerate(zip(series, COLOURS, strict=False)):
        lx, ly = pad_l + (i % 3) * 220, 8 + 18 * (i // 3)
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{colour}"/>'
                     f'<text x="{lx + 20}" y="{ly + 12}" font-size="13" font-family="Arial">{escape(name[:30])}</text>')
    parts.append("</svg>")
    return "".join(parts)
