"""What reading a workbook gives: the values it carries and the problems found on the way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from safeguarding.catalogue import measures
from safeguarding.periods import Quarter
from safeguarding.problems import Problem, shown

VALUE_COLUMNS = ["agency", "quarter_start", "measure", "state", "value", "commentary", "source_cell"]
EARLIEST_QUARTER = Quarter.of(2000, 1)  # no partnership holds figures from before 2000-01
MAX_ERRORS = 200  # beyond this a file is plainly the wrong one; more messages would not help


@dataclass
class ParsedReturn:
    """One workbook's values and problems; it loads only when there is no error."""

    file_name: str
    sha256: str
    layout: str = ""
    sheet: str = ""
    problems: list[Problem] = field(default_factory=list)
    more_errors: int = 0
    table: pd.DataFrame | None = None  # set by readers that build the values column-wise
    _rows: list[tuple] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple]:
        """The values as (agency, quarter_start, measure, state, value, commentary, source_cell) tuples."""
        if self.table is not None:
            return [(agency, start, code, state, None if pd.isna(value) else int(value),
                     None if not isinstance(note, str) else note, cell)
                    for agency, start, code, state, value, note, cell
                    in self.table.itertuples(index=False, name=None)]
        return self._rows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def value_count(self) -> int:
        return len(self.table) if self.table is not None else len(self._rows)

    @property
    def agencies(self) -> list[str]:
        return sorted(self.frame()["agency"].dropna().unique().tolist())

    @property
    def quarters(self) -> list[Quarter]:
        return sorted({Quarter(start) for start in self.frame()["quarter_start"].dropna().unique()})

    def error(self, message: str, fix: str, cell: str | Callable[[], str] | None = None, measure: str | None = None,
              found: object = None, sheet: str | None = None) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.more_errors += 1
            return
        if callable(cell):  # a reader that finds the cell only when there is something to report
            cell = cell()
        self.problems.append(Problem("error", self.file_name, message, fix, sheet or self.sheet or None, cell,
                                     measure, shown(found) if found is not None else None))

    def warn(self, message: str, fix: str = "", cell: str | None = None, measure: str | None = None,
             found: object = None, sheet: str | None = None) -> None:
        self.problems.append(Problem("warning", self.file_name, message, fix, sheet or self.sheet or None, cell,
                                     measure, shown(found) if found is not None else None))

    def frame(self) -> pd.DataFrame:
        frame = self.table if self.table is not None else pd.DataFrame(self._rows, columns=VALUE_COLUMNS)
        return frame.astype({"agency": "str", "measure": "str", "state": "str", "value": "Int64",
                             "commentary": "object", "source_cell": "str"})

    def check_code(self, raw: object, agency: str | None, cell: str | Callable[[], str]) -> str | None:
        """The catalogue code a code cell names, or None after recording why not."""
        code = str(raw).strip().upper()
        known = measures().get(code)
        if known is None:
            from safeguarding.catalogue import nearest_code

            guess = nearest_code(code)
            hint = f"Did you mean {guess}? " if guess else ""
            self.error("This measure code is not in the catalogue.",
                       f"{hint}Use a code from the template's Notes sheet.", cell, None, raw)
            return None
        if agency and known.agency != agency:
            self.error(f"{code} is a {known.agency} measure, not one this agency ({agency}) reports.",
                       f"Remove the row, or send it in the {known.agency} return.", cell, code, raw)
            return None
        return code


def quarter_check(parsed: ParsedReturn, quarter: Quarter, today: dt.date, cell: str | Callable[[], str],
                  found: object) -> bool:
    """False (with an error recorded) when a quarter lies outside the accepted range or has not ended yet."""
    latest = Quarter.containing(today).shift(1)
    if not EARLIEST_QUARTER <= quarter <= latest:
        parsed.error(f"The quarter is outside those the dashboard accepts ({EARLIEST_QUARTER.label} to "
                     f"{latest.label}).", "Check the year: write the quarter as, for example, "
                     f"'{Quarter.containing(today).shift(-1).label}'.", cell, None, found)
        return False
    if quarter.has_ended(today):
        return True
    parsed.error(f"{quarter.label} has not ended yet (it ends on {quarter.end:%d %B %Y}).",
                 "Send figures for a quarter only after it has ended.", cell, None, found)
    return False
