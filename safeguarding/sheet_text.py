"""Text written into spreadsheets (XLSX, CSV) that a spreadsheet shows as written and never runs."""

from __future__ import annotations

# A cell starting with one of these is run as a formula (or DDE) by Excel and other spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    """Text that would start a formula, with a leading apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_text(value: object) -> str:
    """Any value as safe text ('' for None)."""
    return safe_text("" if value is None else str(value))
