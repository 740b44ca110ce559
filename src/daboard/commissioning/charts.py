"""Server-side SVG charts: the same drawing in the web page and the PDF, with the figures
also given as a table for screen readers."""

from __future__ import annotations

from decimal import Decimal
from html import escape  # quotes too: titles and labels go into attributes as well as text

# GOV.UK palette: blue, dark grey, green, with contrast against white.
COLOURS = {"allocated": "#1d70b8", "committed": "#505a5f", "remaining": "#00703c"}


def money_chart(rows, *, width: int = 720, height: int = 320, title: str = "") -> str:
    """Grouped bars of allocated and committed by financial year. Negative remaining shows
    as over-commitment in the table, not the chart; an unknown allocation draws no bar."""
    if not rows:
        return ""
    pad_l, pad_b, pad_t = 80, 40, 30
    plot_w, plot_h = width - pad_l - 20, height - pad_b - pad_t
    top = max(max(r.allocated or 0, r.committed) for r in rows) or Decimal(1)
    scale = float(plot_h) / float(top)
    group = plot_w / len(rows)
    bar = min(40.0, group / 3)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-title"><title id="chart-title">{escape(title)}</title>']
    for i in range(5):
        value = float(top) * i / 4
        y = pad_t + plot_h - value * scale
        parts.append(f'<line x1="{pad_l}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="1"/>')
        parts.append(f'<text x="{pad_l - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" font-family="Arial" fill="#0b0c0c">£{value / 1000:,.0f}k</text>')
    for i, r in enumerate(rows):
        x0 = pad_l + i * group + (group - 2 * bar) / 2
        for j, (key, value) in enumerate((("allocated", r.allocated), ("committed", r.committed))):
            if value is None:
                continue
            h = float(value) * scale
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{pad_t + plot_h - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" fill="{COLOURS[key]}"/>')
        parts.append(f'<text x="{pad_l + i * group + group / 2:.1f}" y="{height - pad_b + 18}" text-anchor="middle" font-size="12" font-family="Arial" fill="#0b0c0c">{escape(r.label)}</text>')
    lx = pad_l
    for key in ("allocated", "committed"):
        parts.append(f'<rect x="{lx}" y="8" width="14" height="14" fill="{COLOURS[key]}"/>')
        parts.append(f'<text x="{lx + 20}" y="20" font-size="13" font-family="Arial" fill="#0b0c0c">{key.capitalize()}</text>')
        lx += 120
    parts.append("</svg>")
    return "".join(parts)
