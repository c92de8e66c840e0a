"""A tile's trend as a small SVG line: drawn once on the server, so a page of tiles needs no chart library."""

from __future__ import annotations

from html import escape

from safeguarding import charts
from safeguarding.nulls import missing

WIDTH, HEIGHT, PAD = 240, 48, 3


def _present(value) -> bool:
    return not missing(value)


def svg(values: list, title: str) -> str | None:
    """The values as a line (gaps where a value is missing), scaled to their own range; None with under two."""
    known = [float(v) for v in values if _present(v)]
    if len(values) < 2 or len(known) < 2:
        return None
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    runs, run = [], []
    for index, value in enumerate(values):
        if not _present(value):
            runs, run = runs + [run] if run else runs, []
            continue
        y = HEIGHT - PAD - (float(value) - low) / span * (HEIGHT - 2 * PAD)
        run.append(f"{PAD + index * step:.1f},{y:.1f}")
    runs = runs + [run] if run else runs
    colour = charts.OURS["color"]
    marks = []
    for points in runs:
        if len(points) == 1:  # a value with no neighbour still shows, as a dot
            x, y = points[0].split(",")
            marks.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{colour}"/>')
        else:
            marks.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2" '
                         'stroke-linejoin="round" stroke-linecap="round"/>')
    lines = "".join(marks)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img"><title>{escape(title)}</title>{lines}</svg>')
