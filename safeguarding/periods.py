"""UK financial-year quarters: parse every spelling the return contract allows, and label them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Quarter number by the month the quarter starts in.
_START_MONTH_QUARTER = {4: 1, 7: 2, 10: 3, 1: 4}
_DASH = r"[-\u2013\u2014]"


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial-year quarter, identified by its start date."""

    start: dt.date

    @classmethod
    def of(cls, fy_start_year: int, number: int) -> Quarter:
        """Quarter `number` (1-4) of the financial year starting in April `fy_start_year`."""
        if number not in (1, 2, 3, 4):
            raise ValueError(f"quarter number {number} is not 1-4")
        month = {1: 4, 2: 7, 3: 10, 4: 1}[number]
        year = fy_start_year + (1 if number == 4 else 0)
        return cls(dt.date(year, month, 1))

    @classmethod
    def containing(cls, day: dt.date) -> Quarter:
        """The quarter a calendar day falls in."""
        month = ((day.month - 1) // 3) * 3 + 1
        return cls(dt.date(day.year, month, 1))

    @property
    def number(self) -> int:
        return _START_MONTH_QUARTER[self.start.month]

    @property
    def fy_start_year(self) -> int:
        return self.start.year - 1 if self.number == 4 else self.start.year

    @property
    def end(self) -> dt.date:
        nxt = self.shift(1).start
        return nxt - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{fy_label(self.fy_start_year)} Q{self.number}"

    def shift(self, quarters: int) -> Quarter:
        index = self.start.year * 4 + (self.start.month - 1) // 3 + quarters
        return Quarter(dt.date(index // 4, (index % 4) * 3 + 1, 1))

    def has_ended(self, today: dt.date) -> bool:
        return self.end < today

    def __str__(self) -> str:
        return self.label


def fy_label(fy_start_year: int) -> str:
    """`2024-25` for the financial year starting April 2024."""
    return f"{fy_start_year}-{(fy_start_year + 1) % 100:02d}"


def fy_of(day: dt.date) -> int:
    """The start year of the financial year a day falls in."""
    return day.year if day.month >= 4 else day.year - 1


def period_label(view: str, start: dt.date) -> str:
    """Canonical label of a period start: `2024-25 Q1` in the quarter view, `2024-25` in the year view."""
    return Quarter(start).label if view == "quarter" else fy_label(start.year)


def last_ended_quarters(today: dt.date, count: int = 4) -> list[Quarter]:
    """The `count` most recent quarters that had ended before `today`, oldest first."""
    latest = Quarter.containing(today).shift(-1)
    return [latest.shift(-i) for i in range(count - 1, -1, -1)]


def _fy_years(first: str, second: str) -> int | None:
    start = int(first)
    end = int(second)
    expected = (start + 1) % (100 if len(second) == 2 else 10000)
    return start if end == expected else None


_FY = r"(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_FY}\s*q\s*([1-4])$"), "fy_q"),
    (re.compile(rf"^q\s*([1-4])\s*{_FY}$"), "q_fy"),
    (re.compile(rf"^([a-z]{{3,9}})\s*(?:{_DASH}|to)\s*([a-z]{{3,9}})\s*(\d{{4}})$"), "months"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$"), "ymd"),
]


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:3]) if (word[:3] in _MONTHS and (len(word) == 3 or _full_month(word))) else None


def _full_month(word: str) -> bool:
    names = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "sept"]
    return word in names


def _quarter_ending(day: dt.date) -> Quarter | None:
    quarter = Quarter.containing(day)
    return quarter if quarter.end == day else None


def parse_quarter(value: object) -> Quarter | None:
    """The quarter a header cell names, or None when the spelling is not one the contract allows."""
    try:
        return _parse_quarter(value)
    except (ValueError, OverflowError):  # a year a calendar date cannot hold (0000, 9999 Q4)
        return None


def _parse_quarter(value: object) -> Quarter | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _quarter_ending(value)
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value.strip().lower())
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        if kind in ("fy_q", "q_fy"):
            first, second, number = (groups if kind == "fy_q" else (groups[1], groups[2], groups[0]))
            start = _fy_years(first, second)
            return Quarter.of(start, int(number)) if start is not None else None
        if kind == "months":
            first, last, year = _month(groups[0]), _month(groups[1]), int(groups[2])
            if first is None or last is None or (last - first) % 12 != 2:
                return None
            quarter = Quarter(dt.date(year, first, 1))
            return quarter if quarter.start.month in _START_MONTH_QUARTER else None
        try:
            if kind == "dmy":
                day = dt.date(int(groups[2]), int(groups[1]), int(groups[0]))
            else:
                day = dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
        except ValueError:
            return None
        return _quarter_ending(day)
    return None


def parse_label(label: str) -> tuple[str, dt.date]:
    """(view, period start) of a canonical label: `2024-25 Q1` or `2024-25`."""
    text = label.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if match and _fy_years(match.group(1), match.group(2)) is not None:
        return "year", dt.date(int(match.group(1)), 4, 1)
    quarter = parse_quarter(text)
    if quarter is None or not re.fullmatch(r"\d{4}-\d{2} Q[1-4]", text, re.IGNORECASE):
        raise ValueError(f"{label!r} is not a period such as '2024-25 Q4' or '2024-25'")
    return "quarter", quarter.start
