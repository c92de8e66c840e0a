"""What a value cell means under the return contract: a count, missing, not applicable or suppressed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

NOT_APPLICABLE = {"n/a", "na", "-", "\u2013", "\u2014"}
SUPPRESSED = {"<5", "c", "*"}
EXCEL_ERRORS = {"#div/0!", "#ref!", "#value!", "#n/a", "#name?", "#num!", "#null!", "#spill!", "#calc!",
                "#getting_data"}
# Counts written as text: plain digits 0-9 (never other scripts' digits), thousands separated by commas only.
_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?", re.ASCII)
_NUMBER_DIGITS = 15  # beyond this a float loses whole numbers; no count comes near it
MAX_COUNT = 10_000_000
_FIX_COUNT = "Enter a whole number of 0 or more (or leave it blank, or write n/a or <5)."


@dataclass(frozen=True)
class Cell:
    state: str  # number | missing | not_applicable | suppressed
    value: int | None = None


@dataclass(frozen=True)
class CellError:
    message: str
    fix: str


MISSING = Cell("missing")
_TOO_LARGE = CellError("The number is far larger than any count a partnership reports.", _FIX_COUNT)
UNCALCULATED = CellError("The cell holds a formula whose result was never calculated and saved.",
                         "Open the file in Excel and save it (Excel stores each formula's result when it saves).")


def interpret(raw: object, percent_format: bool = False) -> Cell | CellError:
    """The meaning of one value cell's content (a formula's cached result counts as its content)."""
    if raw is None:
        return MISSING
    if isinstance(raw, bool):
        return CellError("TRUE/FALSE is not a count.", _FIX_COUNT)
    if isinstance(raw, (int, float)):
        return _number(raw, percent_format)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return CellError("A date or time is not a count.", _FIX_COUNT + " Format the cell as a number.")
    text = str(raw).strip()
    lowered = text.lower()
    if not text:
        return MISSING
    if lowered in NOT_APPLICABLE:
        return Cell("not_applicable")
    if lowered in SUPPRESSED:
        return Cell("suppressed")
    if lowered in EXCEL_ERRORS or lowered.startswith("#"):
        return CellError("The cell holds an Excel error instead of a count.",
                         "Correct the formula or type the count; send counts only.")
    if lowered.endswith("%"):
        return CellError("Percentages are not accepted: the dashboard works them out.",
                         "Enter the count (the numerator), not a percentage.")
    if _NUMBER.fullmatch(text):
        digits = text.replace(",", "").lstrip("-")
        if len(digits.split(".")[0].lstrip("0")) > _NUMBER_DIGITS:
            return _TOO_LARGE
        return _number(float(digits) * (-1 if text.startswith("-") else 1), False)
    if re.fullmatch(r"[0-9][0-9 ,]*[0-9]", text):
        return CellError("The number has spaces inside it, so it cannot be read safely.",
                         "Write it without spaces, with commas for thousands if you like (1,234).")
    if any(ch.isdigit() for ch in text) and not text.isascii():
        return CellError("The count is written with digits other than 0-9.", "Type the count with the digits 0-9.")
    return CellError("Text is not a count.", _FIX_COUNT)


def _number(number: float, percent_format: bool) -> Cell | CellError:
    if number != number or number in (float("inf"), float("-inf")):
        return CellError("The cell is not a finite number.", _FIX_COUNT)
    if percent_format:
        return CellError("The cell is formatted as a percentage: the dashboard works percentages out.",
                         "Enter the count (the numerator) in a cell formatted as a number.")
    if number < 0:
        return CellError("Counts cannot be negative.", _FIX_COUNT)
    if not float(number).is_integer():
        return CellError("Counts must be whole numbers (a fraction, or a percentage or rate, was found).",
                         "Enter the count of children or events, without decimals.")
    if number > MAX_COUNT:
        return _TOO_LARGE
    return Cell("number", int(number))
