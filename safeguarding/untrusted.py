"""Text from partners and visitors made safe to keep and show: no control characters, no markup."""

from __future__ import annotations

import re

# C0 and C1 controls but line feed and tab, plus the Unicode marks that reorder or hide text (bidi overrides,
# zero-width spaces, the byte-order mark, line separators): none belongs in a comment, and a slide file would
# spell ESC as _x001B_.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark: CommonMark escapes each one


def clean(value: object) -> str:
    """The text without control characters (line breaks kept as \\n, tabs as spaces); '' for None or NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def comment(value: object) -> str | None:
    """A commentary cell as stored: cleaned and trimmed, None when nothing is left."""
    text = clean(value).strip()
    return text or None


def markdown_literal(value: object) -> str:
    """Text to place inside Markdown (Streamlit's too) so that it shows exactly as written, on one line: every
    punctuation mark escaped, so no link, image, HTML, colour, icon or formula can form."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(clean(value).split()))
