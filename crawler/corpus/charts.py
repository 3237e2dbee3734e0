"""Small hand-written SVG charts for the corpus report: no scripts, no external files, text drawn by the browser."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR = "#4c78a8"
GRID = "#dddddd"
INK = "#333333"
WIDTH = 760
FONT = 'font-family="sans-serif" font-size="12"'


def _svg(chart_id: str, title: str, height: int, body: list[str]) -> str:
    return (f'<svg id="{escape(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" {FONT}>'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def hbars(chart_id: str, title: str, items: Sequence[tuple[str, float]], *, percent: bool = False) -> str:
    """Horizontal bars, one labelled row per item (for per-site, per-section and top-N counts)."""
    row, label_w, top = 22, 230, 8
    height = top * 2 + row * max(len(items), 1)
    peak = max((v for _, v in items), default=0) or 1
    scale = (WIDTH - label_w - 70) / (1 if percent else peak)
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        w = max(value * scale, 1 if value else 0)
        text = f"{value:.0%}" if percent else f"{value:,.0f}"
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">{escape(label[:28])}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{BAR}">'
                    f"<title>{escape(label)}: {text}</title></rect>"
                    f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" fill="{INK}">{text}</text>')
    if not items:
        body.append(f'<text x="10" y="{top + 15}" fill="{INK}">(no data)</text>')
    return _svg(chart_id, title, height, body)


def columns(chart_id: str, title: str, items: Sequence[tuple[str, float]]) -> str:
    """Vertical columns over an ordered axis (days, length bins), every n-th label shown."""
    height, left, bottom, top = 260, 50, 60, 10
    plot_w, plot_h = WIDTH - left - 10, height - bottom - top
    peak = max((v for _, v in items), default=0) or 1
    step = plot_w / max(len(items), 1)
    every = max(1, round(len(items) / 16))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 10}" y2="{top + plot_h}" stroke="{INK}"/>',
            f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" fill="{INK}">{peak:,.0f}</text>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" fill="{INK}">0</text>']
    for i, (label, value) in enumerate(items):
        h = value / peak * plot_h
        x = left + i * step
        body.append(f'<rect x="{x + step * 0.1:.1f}" y="{top + plot_h - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
                    f'height="{h:.1f}" fill="{BAR}"><title>{escape(label)}: {value:,.0f}</title></rect>')
        if i % every == 0:
            lx, ly = x + step / 2, top + plot_h + 12
            body.append(f'<text x="{lx:.1f}" y="{ly}" transform="rotate(40 {lx:.1f} {ly})" '
                        f'fill="{INK}">{escape(label)}</text>')
    if not items:
        body.append(f'<text x="{left + 10}" y="{top + 20}" fill="{INK}">(no data)</text>')
    return _svg(chart_id, title, height, body)


def heatmap(chart_id: str, title: str, rows: Sequence[str], cols: Sequence[str],
            values: Sequence[Sequence[float]]) -> str:
    """Rates in 0..1 as shaded cells (white = 0, full blue = 1), value printed in each cell."""
    label_w, head, cell_h = 160, 70, 22
    cell_w = (WIDTH - label_w - 10) / max(len(cols), 1)
    height = head + cell_h * max(len(rows), 1) + 6
    body = []
    for j, col in enumerate(cols):
        x = label_w + j * cell_w + cell_w / 2
        body.append(f'<text x="{x:.1f}" y="{head - 8}" transform="rotate(-35 {x:.1f} {head - 8})" '
                    f'fill="{INK}">{escape(col)}</text>')
    for i, row in enumerate(rows):
        y = head + i * cell_h
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" fill="{INK}">{escape(row[:24])}</text>')
        for j, value in enumerate(values[i]):
            x = label_w + j * cell_w
            shade = f"rgba(76,120,168,{0.08 + 0.92 * value:.2f})"
            ink = "#ffffff" if value > 0.55 else INK
            body.append(f'<rect x="{x:.1f}" y="{y}" width="{cell_w - 2:.1f}" height="{cell_h - 2}" fill="{shade}">'
                        f"<title>{escape(row)} / {escape(cols[j])}: {value:.0%}</title></rect>"
                        f'<text x="{x + cell_w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="{ink}">'
                        f"{value:.0%}</text>")
    return _svg(chart_id, title, height, body)
