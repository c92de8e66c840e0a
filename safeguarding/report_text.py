"""The yearly report's sections, as statutory guidance lists them, and the business unit's text for each.

Working Together to Safeguard Children 2023 (chapter 2, the safeguarding partners' yearly report) asks the
partners to publish, at least once in every 12 months, what they and the relevant agencies did under the
arrangements and how effective the arrangements were, and says the report should include the four items
that follow the first two sections here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safeguarding import queries
from safeguarding.plain import clean_text
from safeguarding.store import Store, now

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    asks: str  # what the guidance asks this section to show, printed under the heading in a draft


SECTIONS = (
    Section("what_we_did", "What the partners did under the arrangements",
            "What the safeguarding partners and relevant agencies have done as a result of the arrangements, "
            "including on child safeguarding practice reviews."),
    Section("effectiveness", "How effective the arrangements have been",
            "How effective the arrangements have been in practice: the year's figures beside England, the region "
            "and statistical neighbours."),
    Section("impact", "Evidence of impact on outcomes for children and families",
            "Evidence of the impact of the partners' and relevant agencies' work, including training, on outcomes "
            "for children and families, from early help to children looked after and care leavers."),
    Section("little_progress", "Where there has been little or no progress",
            "An analysis of any areas where there has been little or no evidence of progress on agreed priorities."),
    Section("reviews", "Decisions and actions on review findings",
            "Decisions and actions taken (or planned) by the partners to implement the recommendations of local and "
            "national child safeguarding practice reviews, including any resulting improvements."),
    Section("feedback", "How feedback from children and families was used",
            "How the partners sought and used feedback from children and families to inform their work and "
            "influence service provision."),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


class ReportTextError(ValueError):
    """Text that cannot be stored; the message says why."""


@dataclass(frozen=True)
class Written:
    """One version of a section's text."""

    section: str
    version: int
    body: str
    written_by: str
    written_at: dt.datetime


def save(store: Store, who: str, fy_start: int, section: str, body: str) -> int:
    """Store a new version of a section's text (earlier versions are kept); returns the version number."""
    if section not in SECTION_KEYS:
        raise ReportTextError(f"{section!r} is not a section of the yearly report.")
    text = clean_text(body).strip()
    if len(text) > MAX_TEXT:
        raise ReportTextError(f"The text is {len(text):,} characters long: keep a section to {MAX_TEXT:,}.")
    current = latest(store, fy_start).get(section)
    if current is not None and current.body == text:
        return current.version
    with store.write(who, "report text", f"{fy_start} {section}") as cur:
        cur.execute(queries.q("loop", "put_report_text"),
                    {"fy_start": fy_start, "section": section, "body": text, "who": who, "at": now()})
    return latest(store, fy_start)[section].version


def latest(store: Store, fy_start: int) -> dict[str, Written]:
    """The newest text of each section written for the year."""
    with store.read() as cur:
        rows = cur.execute(queries.q("loop", "report_text"), {"fy_start": fy_start}).fetchall()
    return {r[0]: Written(r[0], r[1], r[2], r[3], r[4]) for r in rows}


def history(store: Store, fy_start: int, section: str) -> list[Written]:
    """Every version of one section's text, newest first."""
    with store.read() as cur:
        rows = cur.execute(queries.q("loop", "report_text_history"),
                           {"fy_start": fy_start, "section": section}).fetchall()
    return [Written(r[0], r[1], r[2], r[3], r[4]) for r in rows]
