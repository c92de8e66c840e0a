"""Board packs as PowerPoint or PDF: content once, each chart rendered once, then the file drawn."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import plotly.graph_objects as go

from safeguarding.export import contents, layout, pdf_writer, pptx_writer, slides, snapshots
from safeguarding.export.contents import PRESETS, Pack
from safeguarding.export.errors import ExportError, ExportUnavailable
from safeguarding.export.kaleido_server import INSTALL_HINT
from safeguarding.store import Store

__all__ = ["ExportError", "ExportUnavailable", "FORMATS", "PRESETS", "export_pack", "export_pack_to_file",
           "render_pack", "file_name", "page_figure"]

FORMATS = {".pptx": "pptx", ".pdf": "pdf"}
MEDIA_TYPES = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
               "pdf": "application/pdf"}


PAGE_FONT = "Liberation Sans, Arial, Helvetica, sans-serif"  # the page's own typeface
_RGBA = re.compile(r"rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*([\d.]+)\s*\)")


def _opaque(colour):
    """A translucent fill as the solid colour it shows on white, so stacked RAG bands keep their own hue."""
    match = _RGBA.fullmatch(colour.replace(" ", "")) if isinstance(colour, str) else None
    if not match:
        return colour
    r, g, b, a = (float(v) for v in match.groups())
    if a == 0:
        return colour
    return "#" + "".join(f"{round(255 - (255 - c) * a):02X}" for c in (r, g, b))


def page_figure(fig: go.Figure) -> dict:
    """The chart as it sits on a page (plain JSON, no re-validation): the page carries its title, in the
    page's typeface, on a clear ground; stacked RAG fills made solid so each band keeps its own hue."""
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    layout["title"] = {"text": ""}
    layout["paper_bgcolor"] = layout["plot_bgcolor"] = "rgba(0,0,0,0)"
    layout["font"] = {**layout.get("font", {}), "family": PAGE_FONT}
    layout["margin"] = {**layout.get("margin", {}), "t": 24}
    layout["xaxis"] = {**layout.get("xaxis", {}), "zeroline": False}
    for shape in layout.get("shapes", []):
        shape["fillcolor"] = _opaque(shape.get("fillcolor"))
    for trace in spec.get("data", []):
        if trace.get("fill") and trace.get("fillcolor"):
            trace["fillcolor"] = _opaque(trace["fillcolor"])
    return spec


def _notes(pack: Pack) -> list[str]:
    """Speaker notes: nothing for the cover and summary; the full narrative behind each chart."""
    notes = [""] * (len(slides.front_pages(pack)) + 1)
    for page in pack.pages:
        lines = [page.summary, *(flag.label for flag in page.item.flags), page.item.reason]
        lines += [f"{c.agency}, {c.quarter} ({c.measure}): {c.text}" for c in page.comments]
        lines += [f"Definition: {page.definition}", f"Formula: {page.formula}", page.source]
        notes.append("\n".join(lines))
    return notes


def _title(pack: Pack) -> str:
    return f"{pack.partnership}: board pack, {pack.title}, {pack.period} ({pack.status})"


def render_pack(pack: Pack, fmt: str, when: dt.datetime | None = None) -> bytes:
    """A built pack as file bytes ('pptx' or 'pdf')."""
    if fmt not in MEDIA_TYPES:
        raise ExportError(f"Unknown format {fmt!r}: use pptx or pdf.")
    figures = [page_figure(page.figure) for page in pack.pages if page.figure is not None]
    pages = slides.pages(pack)
    width, height = layout.CHART_CSS
    when = when or dt.datetime.combine(pack.generated, dt.datetime.now().time())
    if fmt == "pptx":
        images = snapshots.figures(figures, "png", width, height, layout.CHART_SCALE) if figures else []
        alt = [f"Chart: {p.title}. {p.summary}" for p in pack.pages if p.figure is not None]
        return pptx_writer.write(pages, images, alt, _notes(pack), _title(pack), pack.partnership, when)
    charts = snapshots.figures(figures, "pdf", width, height) if figures else []
    return pdf_writer.write(pages, charts, _title(pack), pack.partnership, when)


def export_pack(store: Store, fmt: str, period: str | None = None, view: str = "quarter",
                preset: str | list[str] | tuple[str, ...] = "headlines", final: bool = False,
                today: dt.date | None = None, commentary_on_hidden: bool = False) -> bytes:
    """A board pack as .pptx or .pdf bytes (fmt 'pptx' or 'pdf'), under the disclosure rule throughout."""
    if fmt not in MEDIA_TYPES:
        raise ExportError(f"Unknown format {fmt!r}: use pptx or pdf.")
    if not snapshots.chromium_available():  # say so at once, before any work
        raise ExportUnavailable(INSTALL_HINT)
    pack = contents.build(store, period=period, view=view, preset=preset, final=final, today=today,
                          commentary_on_hidden=commentary_on_hidden)
    return render_pack(pack, fmt)


def export_pack_to_file(store: Store, path: Path, period: str | None = None, view: str = "quarter",
                        preset: str | list[str] | tuple[str, ...] = "headlines", final: bool = False,
                        commentary_on_hidden: bool = False) -> Path:
    """Write a board pack; the format comes from the suffix (.pptx or .pdf)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"Cannot tell the format from {path.name!r}: name the file .pptx (PowerPoint) or .pdf.")
    if isinstance(preset, str) and preset not in PRESETS and "," in preset:
        preset = [part.strip() for part in preset.split(",") if part.strip()]
    data = export_pack(store, fmt, period=period, view=view, preset=preset, final=final,
                       commentary_on_hidden=commentary_on_hidden)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    return path


def file_name(partnership: str, period: str, preset_title: str, fmt: str, final: bool) -> str:
    """'Board_pack_2024-25_Q4_Child_protection_headlines_DRAFT.pdf'."""
    stem = re.sub(r"[^A-Za-z0-9-]+", "_", f"Board pack {period} {preset_title} {'FINAL' if final else 'DRAFT'}")
    return f"{stem.strip('_')}.{fmt}"
