"""Problems found in a partner's workbook: where, what was found, and how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from safeguarding import untrusted


@dataclass(frozen=True)
class Problem:
    """One error (the file is not loaded) or warning (it is, with this noted)."""

    severity: str  # error | warning
    file: str
    message: str
    fix: str = ""
    sheet: str | None = None
    cell: str | None = None
    measure: str | None = None
    found: str | None = None

    @property
    def where(self) -> str:
        place = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else (self.sheet or "")
        return ", ".join(part for part in (self.file, place, self.measure) if part)

    def __str__(self) -> str:
        found = f" Found: {self.found!r}." if self.found not in (None, "") else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{self.severity.capitalize()} in {self.where}: {self.message}{found}{fix}"

    def as_row(self) -> dict:
        return asdict(self)


def shown(value: object) -> str:
    """A cell's content as the partner would read it in Excel."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return untrusted.clean(value)
