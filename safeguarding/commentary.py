"""Partners' commentary that states a small number in digits or words: warned about at load, so it can be reworded."""

from __future__ import annotations

import re

import pandas as pd

from safeguarding import queries
from safeguarding.parsed import ParsedReturn
from safeguarding.periods import Quarter

WORDS = {word: n for n, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split(), start=1)}
ROUND_SMALL = 7  # the rounding rule hides 1 to 7 (see safeguarding/export/suppression.py)
# A whole number standing alone: not part of a word or code (Q4, L3, 2024-25), a decimal or a percentage.
_DIGITS = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w%-]|[.,:/]\d)")
_WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)
_NOT_A_COUNT = re.compile(r"\bno one\b|\bone[- ]off\b|\bone of\b|\bone or two\b", re.IGNORECASE)
# A number followed by a unit of time or a scale measures something else ("within 1 working day", "3 months").
_UNIT = re.compile(r"\s*(working\s+days?|days?|weeks?|months?|years?|hours?|minutes?|quarters?|points?|"
                   r"per\s*cent)\b", re.IGNORECASE)


def small_numbers(text: str, limit: int) -> list[str]:
    """The numbers from 1 to `limit` that `text` states, as written ('3', 'Three'), in order."""
    if not text:
        return []
    found = [(m.start(), m.group(1)) for m in _DIGITS.finditer(text)
             if 1 <= int(m.group(1).replace(",", "")) <= limit and not _UNIT.match(text, m.end())]
    plain = _NOT_A_COUNT.sub(lambda m: " " * len(m.group(0)), text)
    found += [(m.start(), m.group(1)) for m in _WORD.finditer(plain)
              if WORDS[m.group(1).lower()] <= limit and not _UNIT.match(plain, m.end())]
    return [word for _, word in sorted(found)]


def redacted(text: str) -> str:
    """The text with every standalone number (digits or words) and every quotation replaced by '…': how a viewer
    reads the checks' findings, which quote the partners' figures and words."""
    text = re.sub(r"'[^']*'|\u201c[^\u201d]*\u201d", "'\u2026'", str(text))
    text = _DIGITS.sub("\u2026", text)
    return _WORD.sub("\u2026", text)


def limit(cur) -> int:
    """The largest count the partnership's disclosure rule hides."""
    stored = {row[0]: row[1] for row in cur.execute(queries.q("store", "all_settings")).fetchall()}
    if stored.get("disclosure_rule") == "round":
        return ROUND_SMALL
    return int(stored.get("suppression_threshold") or 5)


def warn_small_numbers(parsed: ParsedReturn, largest: int) -> None:
    """Warn about each comment stating a number from 1 to `largest`, naming the value cell it is attached to."""
    frame = parsed.frame()
    rows = frame[frame["commentary"].notna()]
    for measure, start, text, cell in zip(rows["measure"], rows["quarter_start"], rows["commentary"],
                                          rows["source_cell"]):
        numbers = small_numbers(str(text), largest)
        if not numbers:
            continue
        stated = ", ".join(f"'{n}'" for n in dict.fromkeys(numbers))
        quarter = Quarter(pd.Timestamp(start).date()).label
        parsed.warn(f"The commentary with {measure} for {quarter} (the value in {cell}) states "
                    f"{stated}: a number from 1 to {largest} that board packs and viewers must not be told.",
                    "Reword it without the number (for example 'a small number of'); until then it is left out "
                    "beside a hidden figure unless the analyst clears it for a pack.", cell, measure, text)
