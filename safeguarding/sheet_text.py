"""Text written into spreadsheets (XLSX, CSV) that a spreadsheet shows as written and never runs."""

from __future__ import annotations

import re

# A cell starting with one of these is run as a formula (or DDE) by Excel and other spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # control characters but tab, CR and LF


def safe_text(value: object) -> object:
    """Text that would start a formula, with a leading apostrophe, and without control characters (a cell cannot
    hold them); anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def as_text(value: object) -> str:
    """Any value as safe text ('' for None)."""
    return safe_text("" if value is None else str(value))
