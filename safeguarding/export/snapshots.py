"""Static chart images (PNG, SVG, vector PDF) rendered by the process's one warm Kaleido browser."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from safeguarding.export.kaleido_server import ExportUnavailable, chromium_available, render

__all__ = ["ExportUnavailable", "chromium_available", "figure_png", "figure_svg", "figure_pdf", "figures"]

WIDTH, HEIGHT, SCALE = 1600, 900, 2


def _spec(fig: go.Figure | dict, width: int, height: int) -> dict:
    """The figure as plain JSON for the browser, sized for the image (a dashboard height would squash it)."""
    spec = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    layout = dict(spec.get("layout") or {})
    layout["width"], layout["height"] = width, height
    spec["layout"] = layout
    return spec


def figures(figs: Sequence[go.Figure | dict], fmt: str = "png", width: int = WIDTH, height: int = HEIGHT,
            scale: float = 1) -> list[bytes]:
    """Several figures in one call under the export lock: the fast path for packs."""
    return render([_spec(f, width, height) for f in figs], fmt, width, height, scale)


def figure_png(fig: go.Figure | dict, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE) -> bytes:
    """A PNG of the figure (1600x900 at scale 2 by default: sharp on a projector)."""
    return figures([fig], "png", width, height, scale)[0]


def figure_svg(fig: go.Figure | dict, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """An SVG of the figure."""
    return figures([fig], "svg", width, height)[0]


def figure_pdf(fig: go.Figure | dict, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A one-page vector PDF of the figure."""
    return figures([fig], "pdf", width, height)[0]
