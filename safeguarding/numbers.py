"""Figures rounded as DfE rounds them: half up, from the exact ratio, in decimal arithmetic."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from safeguarding.nulls import missing

# Shown for a figure that does not exist: a dash that markdown tables do not turn into a bullet point.
NONE = "\u2013"
SCALES = {"percent": 100, "rate": 10000}
# A double is read at this many decimal places before rounding: a stored figure carries float noise far
# below it (16.249999999999996 for an exact 16.25), and no ratio of whole counts (denominators up to
# millions) lies that close to a half without being one.
NOISE_PLACES = 9




def places(unit: str) -> int:
    """Decimal places shown for a unit: counts whole, percentages and rates to 1 place."""
    return 0 if unit == "count" else 1


def _whole(value) -> int | None:
    """A count as an int, or None when absent or not whole."""
    if missing(value):
        return None
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    return int(number) if number == number.to_integral_value() else None


def exact(value, unit: str = "count", numerator=None, denominator=None) -> Decimal | None:
    """The figure as an exact decimal: numerator x scale / denominator when both are known counts, else the
    stored double read at NOISE_PLACES (None when absent)."""
    if missing(value):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    read = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-NOISE_PLACES), rounding=ROUND_HALF_EVEN)
    num, den = _whole(numerator), _whole(denominator)
    if unit in SCALES and num is not None and den:
        ratio = Decimal(num) * SCALES[unit] / Decimal(den)
        # The parts are used only when they are the parts of this figure (never a suppressed or other one).
        if abs(ratio - read) <= Decimal("1e-6") * max(1, abs(ratio)):
            return ratio
    return read


def rounded(value, unit: str = "count", numerator=None, denominator=None, dps: int | None = None) -> Decimal | None:
    """The figure rounded half up (DfE's rule) to `dps` places, by default the unit's."""
    figure = exact(value, unit, numerator, denominator)
    if figure is None:
        return None
    shown = figure.quantize(Decimal(1).scaleb(-(places(unit) if dps is None else dps)), rounding=ROUND_HALF_UP)
    return shown.copy_abs() if shown == 0 else shown  # never '-0.0'


def as_float(value, unit: str = "count", numerator=None, denominator=None, dps: int | None = None) -> float | None:
    """The rounded figure as a number for a spreadsheet cell (None when absent)."""
    shown = rounded(value, unit, numerator, denominator, dps)
    return None if shown is None else float(shown)


def text(value, unit: str = "count", numerator=None, denominator=None, dps: int | None = None,
         grouped: bool = True, empty: str = NONE) -> str:
    """A figure as printed: '1,234', '16.3' (half up from the exact ratio); `empty` when absent."""
    if missing(value):
        return empty
    places_shown = places(unit) if dps is None else dps
    if isinstance(value, float):
        # Fast path: a double more than a millionth of a unit away from a half rounds the same either way.
        scaled = abs(value) * 10 ** places_shown
        if scaled < 1e15 and abs(scaled - math.floor(scaled) - 0.5) > 1e-6:
            quick = f"{value:,.{places_shown}f}" if grouped else f"{value:.{places_shown}f}"
            return quick[1:] if quick.startswith("-") and not quick.strip("-0.,") else quick  # never '-0.0'
    shown = rounded(value, unit, numerator, denominator, dps)
    if shown is None:
        return empty
    return f"{shown:,f}" if grouped else f"{shown:f}"


def percent_of(part, whole, dps: int = 1) -> str:
    """part as a percentage of whole, '29.5' (half up, exact); NONE when whole is 0 or absent."""
    if missing(part) or missing(whole) or not whole:
        return NONE
    return text(Decimal(str(part)) * 100 / Decimal(str(whole)), "percent", dps=dps)
