"""Every colour the dashboard and its exports use: RAG colours for ratings only, a separate palette for categories.

RAG colours are Okabe-Ito's bluish green, orange and vermillion (distinguishable with the common forms of colour
blindness), and a rating always travels with its word and symbol. Categories (referral sources, abuse
categories, agencies, attended or not, benchmark lines) take CATEGORY: no red, amber or green, each at least
3:1 against white (WCAG 1.4.11), so a category is never read as a rating.
"""

from __future__ import annotations

# Ratings. Amber (2.3:1 on white) is always drawn with a dark outline, its word and its symbol.
RAG = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "grey": "#8C8C8C"}
# Band tints behind charts: amber leans yellow so it stays apart from red with red-green colour blindness.
RAG_FILLS = {"green": "rgba(0,158,115,0.16)", "amber": "rgba(240,200,40,0.26)", "red": "rgba(213,94,0,0.15)"}
# Pale fills behind a rating's word in packs (the word is dark ink, 4.5:1 or more on each).
RAG_TINT = {"green": "#DDF2EA", "amber": "#FBEBCB", "red": "#F8DDD0", "grey": "#E9EAEC"}
# Streamlit's badge colours nearest the RAG colours.
RAG_BADGE = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}
# Rating states beyond red/amber/green (no data, suppressed, too few, context) all draw as grey.
STATE_RAG = {"red": "red", "amber": "amber", "green": "green"}

# Categories: blue, purple, indigo, pink, dark grey and mid blue (Okabe-Ito and Paul Tol, reds, oranges,
# yellows and greens left out); bars also carry a pattern so no two categories differ by colour alone.
CATEGORY = ["#0072B2", "#AA4499", "#332288", "#CC79A7", "#555555", "#5289C7"]
PATTERNS = ["", "/", ".", "x", "\\", "-"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
OURS = CATEGORY[0]  # this partnership's own line
BENCHMARKS = {"england": "#000000", "region": "#CC79A7", "neighbours": "#6A3D9A"}

# Text and chart furniture (text colours are 4.5:1 or more on white).
INK = "#262730"
MUTED = "#555555"
AXIS = "#BBBBBB"
GRID = "#E5E5E5"
MARK_LINE = "#333333"
NAVY = "#0B3C5D"
WHITE = "#FFFFFF"
# Streamlit's theme (.streamlit/config.toml): accents in the category blue, text dark enough for its captions
# (drawn at 60% opacity) to keep 4.5:1.
APP_PRIMARY = OURS
APP_TEXT = "#141414"
CAPTION_OPACITY = 0.6


def rag(state: str) -> str:
    """The colour of a rating or rating state (every state that is not red, amber or green is grey)."""
    return RAG[STATE_RAG.get(state, "grey")]


def category(position: int) -> str:
    """The n-th category colour, round again after the last."""
    return CATEGORY[position % len(CATEGORY)]


def hex6(colour: str) -> str:
    """'#0B3C5D' as '0B3C5D', the form the pack writers take."""
    return colour.lstrip("#").upper()


def contrast(foreground: str, background: str = WHITE) -> float:
    """WCAG contrast ratio of two '#RRGGBB' colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
