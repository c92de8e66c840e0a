"""Red/amber/green ratings: one rule for every indicator, and a sentence saying why."""

from __future__ import annotations

from functools import lru_cache

from safeguarding import comparators, numbers, queries
from safeguarding.definitions import Limits

WORDS = {"green": "Green", "amber": "Amber", "red": "Red", "grey": "Not rated"}
# Never colour alone: each rating has a word and a symbol too.
SYMBOLS = {"green": "\u2714", "amber": "\u25b2", "red": "\u2716", "grey": "\u25cb"}
# A figure's state (the `state` column of queries/rating.sql): its rating, or why it has none. One word and
# one symbol each, the same on every page, pack and download.
STATES = ("red", "amber", "green", "no_data", "suppressed", "too_few", "context")
STATE_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "no_data": "No data",
               "suppressed": "Suppressed", "too_few": "Too few to rate", "context": "Context only"}
STATE_SYMBOLS = {"red": SYMBOLS["red"], "amber": SYMBOLS["amber"], "green": SYMBOLS["green"],
                 "no_data": "\u2205", "suppressed": "\u2298", "too_few": "\u25d4", "context": SYMBOLS["grey"]}
STATUS_REASONS = {
    "missing": "no data",
    "absent": "no data",
    "incomplete": "incomplete: a quarter is missing",
    "short_history": "fewer than four quarters for a rolling 12 months",
    "suppressed": "a count was suppressed (fewer than 5)",
    "not_applicable": "not applicable",
    "no_population": "no population figure: set the partnership's local authority",
}


def min_denominator() -> int:
    """The smallest denominator a percentage is rated on, as the SQL rule rag_of defines it."""
    return int(queries.constants("rating")["min_denominator"])


def label(rag: str) -> str:
    """A rating as symbol and word, never colour alone: '\u2716 Red'."""
    return f"{SYMBOLS[rag]} {WORDS[rag]}"


def state_label(state: str) -> str:
    """A state as symbol and word: '\u2205 No data', '\u2298 Suppressed'."""
    return f"{STATE_SYMBOLS[state]} {STATE_WORDS[state]}"


def colour_key(state: str) -> str:
    """The rating colour a state is drawn in: its own for red, amber and green, grey for every other state."""
    return state if state in ("red", "amber", "green") else "grey"


def _fmt(number, unit: str, numerator=None, denominator=None) -> str:
    text = numbers.text(number, unit, numerator, denominator)
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{text}%" if unit == "percent" else text


@lru_cache(maxsize=1024)  # the same few limits are written out for every period of an indicator
def _limit_text(lo: float | None, hi: float | None, unit: str, relative: bool) -> str:
    fmt = (lambda n: f"{_fmt(n, 'rate')}%") if relative else (lambda n: _fmt(n, unit))
    if lo is not None and hi is not None:
        return f"{fmt(lo)} to {fmt(hi)}"
    return f"at least {fmt(lo)}" if lo is not None else f"at most {fmt(hi)}"


def no_value_reason(numerator_status: str | None, denominator_status: str | None) -> str:
    """Why an indicator has no value, from its parts' statuses."""
    for status in (numerator_status, denominator_status):
        if status and status not in ("ok", "latest", "override"):
            return STATUS_REASONS.get(status, "no data")
    return "no data"


def explain(rag: str, value: float | None, unit: str, limits: Limits, comparator_value: float | None = None,
            comparator_name: str = "England", no_value: str = "no data", numerator=None, denominator=None) -> str:
    """The sentence behind a rating made by the SQL rule rag_of (queries/rating.sql); figures as shown."""
    if rag == "grey":
        if value is None:
            return f"Not rated: {no_value}."
        if limits.method == "none":
            return "Not rated: shown for context and trend."
        if limits.method == "relative" and not comparator_value:
            return f"Not rated: no {comparator_name} figure to compare with."
        return f"Not rated: too few to rate (fewer than {min_denominator()} in the denominator)."
    shown = _fmt(value, unit, numerator, denominator)
    if limits.method == "relative":
        exact_value = numbers.exact(value, unit, numerator, denominator)
        exact_comparator = numbers.exact(comparator_value)
        distance = numbers.text(abs(exact_value - exact_comparator) / exact_comparator * 100, "percent")
        where = (f"{distance}% {'above' if value > comparator_value else 'below'} {comparator_name} "
                 f"({_fmt(comparator_value, unit)})")
        green, amber = _fmt(limits.green_hi or 0, "rate"), _fmt(limits.amber_hi or 0, "rate")
        return {
            "green": f"Green: {shown} is {where}, within the green limit of {green}%.",
            "amber": f"Amber: {shown} is {where}, beyond the green limit of {green}% but within the amber "
                     f"limit of {amber}%.",
            "red": f"Red: {shown} is {where}, beyond the amber limit of {amber}%.",
        }[rag]
    green = _limit_text(limits.green_lo, limits.green_hi, unit, False)
    amber = _limit_text(limits.amber_lo, limits.amber_hi, unit, False)
    return {
        "green": f"Green: {shown} is within the green range ({green}).",
        "amber": f"Amber: {shown} is outside the green range ({green}) but within the amber range ({amber}).",
        "red": f"Red: {shown} is {_side(value, limits)} the amber range ({amber}).",
    }[rag]


def _side(value: float, limits: Limits) -> str:
    if limits.amber_lo is not None and value < limits.amber_lo:
        return "below"
    return "above"


def check_limits(limits: Limits) -> list[str]:
    """What is inconsistent about a set of limits (empty when they are usable)."""
    problems = []
    if limits.method == "none":
        return problems
    if limits.method == "up" and (limits.green_lo is None or limits.amber_lo is None):
        problems.append("'Higher is better' needs a green minimum and an amber minimum.")
    if limits.method in ("down", "relative") and (limits.green_hi is None or limits.amber_hi is None):
        problems.append("This kind of limit needs a green maximum and an amber maximum.")
    if limits.method == "band" and None in (limits.green_lo, limits.green_hi, limits.amber_lo, limits.amber_hi):
        problems.append("A band needs green and amber lower and upper limits.")
    if problems:
        return problems
    if limits.method == "up" and limits.amber_lo > limits.green_lo:
        problems.append("The amber minimum must not be above the green minimum.")
    if limits.method in ("down", "relative") and limits.amber_hi < limits.green_hi:
        problems.append("The amber maximum must not be below the green maximum.")
    if limits.method == "band":
        if limits.green_lo > limits.green_hi:
            problems.append("The green range's lower limit is above its upper limit.")
        if limits.amber_lo > limits.green_lo or limits.amber_hi < limits.green_hi:
            problems.append("The amber range must contain the green range.")
    if limits.method == "relative" and limits.comparator not in comparators.KEYS:
        problems.append("Choose England, region or statistical neighbours to compare with.")
    values = [v for v in (limits.green_lo, limits.green_hi, limits.amber_lo, limits.amber_hi) if v is not None]
    if any(v < 0 for v in values):
        problems.append("Limits cannot be negative.")
    return problems
