"""Download buttons for a chart as PNG and SVG, rendered on the server only when a button is clicked."""

from __future__ import annotations

import re
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from safeguarding.export import snapshots
from safeguarding.export.packs import PAGE_FONT

# 1000 x 562 CSS pixels at scale 2: a 2000-pixel PNG whose text still reads once pasted into a slide.
IMAGE_SIZE = (1000, 562)
UNAVAILABLE = ("Image downloads need Chromium on the server: install it with "
               "`sudo apt-get install chromium` (Debian/Ubuntu), then restart the dashboard.")


def _stem(name: str, period: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", f"{name} {period}").strip("_") or "chart"


def _snapshot(figure: go.Figure) -> dict:
    """The figure as it is now, in a typeface the server has, its title off the image's very edge."""
    spec = figure.to_dict()
    layout = spec.setdefault("layout", {})
    layout["font"] = {**layout.get("font", {}), "family": PAGE_FONT}
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text") and not title.get("x"):
        layout["title"] = {**title, "x": 16 / IMAGE_SIZE[0]}
    return spec


def image_buttons(figure: go.Figure | Callable[[], go.Figure], name: str, period: str = "",
                  key: str | None = None) -> None:
    """PNG and SVG download buttons for `figure` (or for what a callable returns, made only on a click): each
    image is drawn on the server when its button is clicked."""
    key = key or _stem(name, period)
    if not snapshots.chromium_available():
        st.caption(UNAVAILABLE)
        return
    make = figure if callable(figure) else (lambda: figure)
    stem = _stem(name, period)
    width, height = IMAGE_SIZE
    with st.container(horizontal=True, gap="small"):
        st.download_button("PNG", data=lambda: snapshots.figure_png(_snapshot(make()), width, height, 2),
                           file_name=f"{stem}.png", mime="image/png", key=f"png_{key}", on_click="ignore",
                           icon=":material/image:", type="tertiary",
                           help="The chart as a picture for slides and reports (2000 pixels wide), small numbers "
                                "suppressed")
        st.download_button("SVG", data=lambda: snapshots.figure_svg(_snapshot(make()), width, height),
                           file_name=f"{stem}.svg", mime="image/svg+xml", key=f"svg_{key}", on_click="ignore",
                           icon=":material/polyline:", type="tertiary",
                           help="The chart as a scalable vector drawing, sharp at any size, small numbers "
                                "suppressed")
