"""One palette: RAG colours for ratings only, a colour-blind-safe category palette, and no colour literal elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from safeguarding import palette

ROOT = Path(__file__).resolve().parents[1]
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def _hue(colour: str) -> float:
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    top, low = max(r, g, b), min(r, g, b)
    if top == low:
        return -1.0  # a grey has no hue
    if top == r:
        return (60 * (g - b) / (top - low)) % 360
    if top == g:
        return 60 * (b - r) / (top - low) + 120
    return 60 * (r - g) / (top - low) + 240


@pytest.mark.parametrize("colour", palette.CATEGORY + list(palette.BENCHMARKS.values()))
def test_category_colours_are_no_rating_colour_and_stand_out_on_white(colour):
    assert colour.upper() not in {c.upper() for c in palette.RAG.values()}
    hue = _hue(colour)
    # Red, orange, amber, yellow and green hues (0-170 degrees) are for ratings only.
    assert hue < 0 or 180 <= hue <= 345, f"{colour} has hue {hue:.0f}: it could be read as a rating"
    assert palette.contrast(colour) >= 3.0, f"{colour} is {palette.contrast(colour):.2f}:1 on white"


def test_category_colours_are_distinct():
    assert len(set(palette.CATEGORY)) == len(palette.CATEGORY)
    assert len(set(palette.PATTERNS)) == len(palette.PATTERNS) == len(palette.CATEGORY)


@pytest.mark.parametrize("name", ["green", "red", "grey"])
def test_rating_colours_stand_out_on_white(name):
    # Amber is 2.3:1 and so is always drawn with a dark outline, its word and symbol (test_charts.py).
    assert palette.contrast(palette.RAG[name]) >= 3.0


@pytest.mark.parametrize("text", [palette.INK, palette.MUTED, palette.NAVY])
def test_text_colours_meet_4_5_to_1(text):
    assert palette.contrast(text) >= 4.5


def test_contrast_matches_wcag_examples():
    assert palette.contrast("#000000") == pytest.approx(21.0)
    assert palette.contrast("#767676") == pytest.approx(4.54, abs=0.01)


def test_every_state_has_a_colour():
    assert palette.rag("red") == palette.RAG["red"]
    for state in ("no_data", "suppressed", "too_few", "context", "grey"):
        assert palette.rag(state) == palette.RAG["grey"]


def test_rag_colours_live_only_in_the_palette():
    rag_hex = {c.upper() for c in palette.RAG.values()} | {c.upper() for c in palette.RAG_TINT.values()}
    bare = {c.lstrip("#") for c in rag_hex}
    offenders = []
    for path in [*ROOT.glob("safeguarding/**/*.py"), *ROOT.glob("pages/**/*.py"), ROOT / "dashboard.py"]:
        if path.name == "palette.py":
            continue
        text = path.read_text().upper()
        offenders += [f"{path.relative_to(ROOT)}: {c}" for c in rag_hex | bare if f'"{c}"' in text]
    assert not offenders, offenders


def test_streamlit_theme_takes_the_palette_and_its_captions_keep_4_5_to_1():
    import tomllib

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    assert theme["primaryColor"] == palette.APP_PRIMARY and theme["textColor"] == palette.APP_TEXT
    text = int(palette.APP_TEXT[1:3], 16)
    caption = round(255 - (255 - text) * palette.CAPTION_OPACITY)
    assert palette.contrast(f"#{caption:02X}{caption:02X}{caption:02X}") >= 4.5
