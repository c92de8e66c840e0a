"""The board pack's page design, shared by the PowerPoint and PDF writers: boxes in points, colours, type."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from safeguarding import palette

# A 16:9 page, 13.333 x 7.5 inches: PowerPoint's widescreen slide.
PAGE_W, PAGE_H = 960.0, 540.0
MARGIN = 40.0

NAVY = palette.hex6(palette.NAVY)
INK = "1F2328"
MUTED = "5B6470"
RULE = "D0D5DB"
ZEBRA = "F4F6F8"
WATERMARK = "B3261E"
STATUS = {"DRAFT": "B3261E", "FINAL": "00694A"}
RAG_STRONG = {k: palette.hex6(v) for k, v in palette.RAG.items()}
RAG_TINT = {k: palette.hex6(v) for k, v in palette.RAG_TINT.items()}

# Chart images: drawn at this CSS size so their type reads at about 10 pt on the page.
CHART_CSS = (720, 405)
CHART_SCALE = 2
ROWS_PER_TABLE = 14  # at most, per summary page (every theme fits one); a longer group is split evenly


@dataclass(frozen=True)
class Box:
    """A rectangle measured from the page's top-left corner, in points."""

    x: float
    y: float
    w: float
    h: float


TITLE = Box(MARGIN, 24, 700, 40)
BADGE = Box(PAGE_W - MARGIN - 170, 28, 170, 30)
SUMMARY = Box(MARGIN, 66, PAGE_W - 2 * MARGIN, 36)
CHART = Box(MARGIN, 110, 592, 333)
PANEL = Box(CHART.x + CHART.w + 24, 110, PAGE_W - MARGIN - (CHART.x + CHART.w + 24), 333)
SOURCE = Box(MARGIN, 452, PAGE_W - 2 * MARGIN, 30)
FOOTER = Box(MARGIN, 508, PAGE_W - 2 * MARGIN, 16)
TABLE = Box(MARGIN, 112, PAGE_W - 2 * MARGIN, 340)
TABLE_COLUMNS = (("Indicator", 0.33), ("Value", 0.13), ("Rating", 0.12), ("Change since {previous}", 0.2),
                 ("Compared with", 0.22))

_FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/dejavu",
              "/usr/share/fonts/liberation", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
              "/Library/Fonts", "C:/Windows/Fonts")
_CANDIDATES = {
    "regular": ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "DejaVuSans.ttf"),
    "bold": ("LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "DejaVuSans-Bold.ttf"),
    "symbols": ("DejaVuSans.ttf", "seguisym.ttf", "Arial Unicode.ttf"),
}


def _find(names: tuple[str, ...]) -> str | None:
    for folder in _FONT_DIRS:
        for name in names:
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return None


@lru_cache(maxsize=1)
def fonts() -> dict[str, str]:
    """Registered reportlab font names for regular, bold and the RAG symbols (Helvetica if none is found)."""
    found = {}
    for role, names in _CANDIDATES.items():
        path = _find(names)
        if path:
            name = f"Pack-{role}"
            pdfmetrics.registerFont(TTFont(name, path))
            found[role] = name
    found.setdefault("regular", "Helvetica")
    found.setdefault("bold", "Helvetica-Bold")
    found.setdefault("symbols", "")  # no font with the symbols: the word alone is shown
    return found


def _covers(font_name: str, char: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:  # a built-in Type 1 font: Latin-1 only
        return ord(char) < 256
    return ord(char) in face.charToGlyph


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """(font name, text) pieces: characters the text font lacks (the RAG symbols) go to the symbol font."""
    main = fonts()["bold" if bold else "regular"]
    spare = fonts()["symbols"] or main
    pieces: list[tuple[str, str]] = []
    for char in text:
        name = main if char in " " or _covers(main, char) else spare
        if pieces and pieces[-1][0] == name:
            pieces[-1] = (name, pieces[-1][1] + char)
        else:
            pieces.append((name, char))
    return pieces


def width(text: str, size: float, bold: bool = False) -> float:
    """The drawn width of text in points, symbols included."""
    return sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in runs(text, bold))


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Lines of `text` as they wrap in `width` points (Arial metrics: PowerPoint wraps the same way)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(simpleSplit(paragraph, fonts()["bold" if bold else "regular"], size, width) or [""])
    return lines


def fit(text: str, box_w: float, box_h: float, largest: float, smallest: float, bold: bool = False,
        leading: float = 1.22) -> tuple[float, list[str]]:
    """The largest size from `largest` down to `smallest` at which text fits the box; cut with '...' if none."""
    size = largest
    while size >= smallest:
        lines = wrap(text, size, box_w, bold)
        if len(lines) * size * leading <= box_h:
            return size, lines
        size -= 0.5
    size = smallest
    lines = wrap(text, size, box_w, bold)
    keep = max(1, int(box_h // (size * leading)))
    if len(lines) > keep:
        lines = lines[:keep]
        lines[-1] = lines[-1].rstrip(" .,;:") + "\u2026"
    return size, lines


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'0B3C5D' as 0-1 floats."""
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
