"""Questions the partnership asks an agency about a figure, their answers, and the list for the meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from safeguarding import catalogue, definitions, queries
from safeguarding.periods import period_label
from safeguarding.untrusted import clean as clean_text
from safeguarding.store import Store, now

STATUSES = ("open", "answered", "withdrawn")
STATUS_WORDS = {"open": "Open", "answered": "Answered", "withdrawn": "Withdrawn"}
MAX_QUESTION = 2000
MAX_ANSWER = 4000
LIST_COLUMNS = ["Due meeting", "Indicator", "Period", "Agency", "Question", "Raised by", "Raised on", "Status",
                "Answer", "Answered by", "Answered on"]


class ChallengeError(ValueError):
    """A challenge that cannot be recorded; the message says what to change."""


@dataclass(frozen=True)
class Challenge:
    """One question about one figure, as stored."""

    challenge_id: int
    indicator_id: str
    view: str
    period_start: dt.date
    agency: str
    question: str
    due_meeting: dt.date
    status: str
    raised_by: str
    raised_at: dt.datetime
    answer: str | None
    answered_by: str | None
    answered_at: dt.datetime | None

    @property
    def period(self) -> str:
        return period_label(self.view, self.period_start)

    @property
    def agency_name(self) -> str:
        agency = catalogue.agencies().get(self.agency)
        return agency.name if agency else self.agency

    @property
    def indicator_title(self) -> str:
        ind = definitions.indicators().get(self.indicator_id)
        return ind.title if ind else self.indicator_id

    def line(self) -> str:
        """'Open question to Police, due 12 March 2025: What happened to the other 76%?'"""
        return f"{STATUS_WORDS[self.status]} question to {self.agency_name}, due {day_text(self.due_meeting)}: " \
               f"{self.question}"


def day_text(day: dt.date) -> str:
    """'12 March 2025'."""
    return f"{day.day} {day:%B %Y}"


def _text(value: str, limit: int, what: str) -> str:
    text = clean_text(value).strip()
    if not text:
        raise ChallengeError(f"Write the {what}: it cannot be empty.")
    if len(text) > limit:
        raise ChallengeError(f"The {what} is {len(text):,} characters long: keep it to {limit:,}.")
    return text


def raise_challenge(store: Store, who: str, indicator_id: str, view: str, period_start: dt.date, agency: str,
                    question: str, due_meeting: dt.date, at: dt.datetime | None = None) -> int:
    """Record a question about a figure, addressed to an agency, due at a meeting; returns its number."""
    if indicator_id not in definitions.indicators():
        raise ChallengeError(f"{indicator_id!r} is not an indicator of this dashboard.")
    if agency not in catalogue.agencies():
        raise ChallengeError(f"{agency!r} is not an agency code ({', '.join(catalogue.agencies())}).")
    if view not in ("quarter", "year"):
        raise ChallengeError("The period must be a quarter or a financial year.")
    text = _text(question, MAX_QUESTION, "question")
    params = {"indicator_id": indicator_id, "view": view, "period_start": period_start, "agency": agency,
              "question": text, "due_meeting": due_meeting, "who": who, "at": at or now()}
    with store.write(who, "raise challenge", f"{indicator_id} {period_label(view, period_start)} to {agency}") as cur:
        challenge_id = cur.execute(queries.q("loop", "next_challenge_id")).fetchone()[0]
        cur.execute(queries.q("loop", "insert_challenge"), {**params, "challenge_id": challenge_id})
        return challenge_id


def answer(store: Store, who: str, challenge_id: int, text: str, at: dt.datetime | None = None) -> None:
    """Record the agency's answer; the challenge is then closed (an answer is never overwritten)."""
    body = _text(text, MAX_ANSWER, "answer")
    with store.write(who, "answer challenge", str(challenge_id)) as cur:
        _still_open(cur, challenge_id)
        cur.execute(queries.q("loop", "answer_challenge"),
                    {"challenge_id": challenge_id, "answer": body, "who": who, "at": at or now()})


def withdraw(store: Store, who: str, challenge_id: int, why: str) -> None:
    """Mark an open challenge withdrawn, with the reason (it stays in the history)."""
    reason = _text(why, MAX_QUESTION, "reason for withdrawing")
    with store.write(who, "withdraw challenge", str(challenge_id)) as cur:
        _still_open(cur, challenge_id)
        cur.execute(queries.q("loop", "withdraw_challenge"),
                    {"challenge_id": challenge_id, "why": reason, "who": who, "at": now()})


def _still_open(cur, challenge_id: int) -> None:
    if not cur.execute(queries.q("loop", "open_challenge"), {"challenge_id": challenge_id}).fetchall():
        raise ChallengeError(f"Challenge {challenge_id} is not open: it has been answered or withdrawn.")


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value


def listing(store: Store, agency: str | None = None, status: str | None = None,
            due_meeting: dt.date | None = None, indicator_id: str | None = None) -> list[Challenge]:
    """Challenges matching the filters (None lets everything through), by due meeting."""
    params = {"agency": agency, "status": status, "due_meeting": due_meeting, "indicator_id": indicator_id}
    with store.read() as cur:
        rows = cur.execute(queries.q("loop", "challenges"), params).fetchall()
    return [Challenge(r[0], r[1], r[2], _as_date(r[3]), r[4], r[5], _as_date(r[6]), r[7], r[8], r[9], r[10],
                      r[11], r[12]) for r in rows]


def meetings(store: Store) -> list[dt.date]:
    """The meeting dates challenges are due at."""
    with store.read() as cur:
        return [_as_date(row[0]) for row in cur.execute(queries.q("loop", "meetings")).fetchall()]


def open_by_indicator(store: Store) -> dict[str, list[Challenge]]:
    """Open challenges grouped by indicator: what tiles, the agenda and pack pages show beside a figure."""
    out: dict[str, list[Challenge]] = {}
    for item in listing(store, status="open"):
        out.setdefault(item.indicator_id, []).append(item)
    return out


def table(items: list[Challenge]) -> pd.DataFrame:
    """Challenges as the meeting papers list them."""
    rows = [[day_text(c.due_meeting), c.indicator_title, c.period, c.agency_name, c.question, c.raised_by,
             day_text(c.raised_at.date()), STATUS_WORDS[c.status], c.answer or "", c.answered_by or "",
             day_text(c.answered_at.date()) if c.answered_at else ""] for c in items]
    return pd.DataFrame(rows, columns=LIST_COLUMNS)


def meeting_papers_xlsx(items: list[Challenge], title: str) -> bytes:
    """The challenges as a workbook for the meeting papers (text never runs as a formula)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from safeguarding.sheet_text import safe_text

    book = Workbook()
    sheet = book.active
    sheet.title = "Challenges"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(LIST_COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table(items).itertuples(index=False):
        sheet.append([safe_text(v) for v in row])
    for column, width in zip("ABCDEFGHIJK", (16, 36, 11, 22, 60, 22, 14, 10, 60, 22, 14)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
