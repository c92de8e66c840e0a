"""Plain-English meanings of the safeguarding jargon the dashboard shows, one hover away."""

from __future__ import annotations

import re

# Term as it appears on screen -> what it means. Kept short: a tooltip, not a textbook.
TERMS: dict[str, str] = {
    "s47": "Section 47 enquiry: children's social care's investigation when it suspects a child is "
           "suffering, or likely to suffer, significant harm (Children Act 1989, section 47).",
    "ICPC": "Initial child protection conference: the multi-agency meeting that decides whether a child "
            "needs a child protection plan. It should be held within 15 working days of the strategy "
            "discussion.",
    "CP plan": "Child protection plan: the plan agreed at a conference when a child is at continuing risk of "
               "significant harm.",
    "LADO": "Local authority designated officer: handles concerns about adults who work with children.",
    "RHI": "Return home interview: an independent talk with a child after they were missing, offered within "
           "72 hours of their return.",
    "DNA": "Did not attend: a booked training place the person did not turn up for.",
    "CLA": "Children looked after: children in the local authority's care.",
    "CIN": "Children in need: children assessed as needing services from children's social care.",
    "NFA": "No further action: the case was closed without further involvement.",
    "contact": "A contact: any enquiry to children's social care about a child. It becomes a referral when "
               "it is accepted for an assessment or other social care involvement.",
    "referral": "A referral: a contact accepted by children's social care for an assessment or other "
                "involvement.",
    "re-referral": "A referral within 12 months of the child's previous referral.",
    "strategy discussion": "A discussion between social care, police and other agencies when a child may be "
                           "suffering significant harm, deciding whether to start a section 47 enquiry.",
    "Encompass": "Operation Encompass: police tell a child's school before the next school day that the child "
                 "was involved in a domestic abuse incident.",
    "s175": "Section 175 / 157 audit: schools' and colleges' annual self-assessment of their safeguarding "
            "arrangements for the partnership.",
    "level 3": "Level 3 safeguarding training: the level required of health staff who work with children and "
               "could contribute to assessing or planning for them.",
    "early help": "Early help: support for a family before problems need children's social care.",
    "private fostering": "A child under 16 cared for more than 28 days by an adult who is not a close "
                         "relative, arranged privately. The local authority must be told.",
    "police protection": "Police protection powers (Children Act 1989, section 46): police remove a child to "
                         "a safe place, or keep them there, for up to 72 hours.",
    "first-time entrants": "Children receiving their first youth caution or conviction.",
    "per 10,000": "Per 10,000 children aged 0-17 living in the area (ONS mid-year estimate), so areas of "
                  "different sizes can be compared.",
    "rolling 12 months": "The four quarters up to and including the one shown, added together.",
    "statistical neighbours": "The ten local authorities most like ours (DfE's statistical neighbour model); "
                              "the figure shown is their average.",
    "RAG": "Red, amber, green: how the figure compares with the limits the partnership set. Grey means not "
           "rated (no data, too few to rate, or shown for context).",
    "working days": "Monday to Friday, excluding bank holidays.",
}

# Spellings on screen that mean the same term.
_ALIASES = {
    "section 47": "s47", "s47s": "s47", "child protection conference": "ICPC",
    "child protection plan": "CP plan", "child protection plans": "CP plan", "cp plans": "CP plan",
    "return home interview": "RHI", "return home interviews": "RHI", "child protection conferences": "ICPC",
    "did not attend": "DNA", "children looked after": "CLA", "looked after": "CLA",
    "children in need": "CIN", "no further action": "NFA", "re-referrals": "re-referral",
    "contacts": "contact", "referrals": "referral", "strategy discussions": "strategy discussion",
    "s175/157": "s175", "designated officer": "LADO", "first-time entrant": "first-time entrants",
    "statistical neighbour": "statistical neighbours", "neighbours": "statistical neighbours",
}


def _pattern() -> re.Pattern[str]:
    words = sorted({*TERMS, *_ALIASES}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


_FIND = _pattern()
_CANONICAL = {key.lower(): key for key in TERMS}


def term(word: str) -> str | None:
    """The glossary entry a word or alias refers to, or None."""
    lowered = word.lower()
    key = _ALIASES.get(lowered) or _CANONICAL.get(lowered)
    return key if key in TERMS else None


def terms_in(text: str) -> list[str]:
    """The glossary terms a text uses, in order of first use."""
    found: list[str] = []
    for match in _FIND.finditer(text or ""):
        key = term(match.group(1))
        if key and key not in found:
            found.append(key)
    return found


def explain(text: str, exclude: tuple[str, ...] = ("contact", "referral")) -> str:
    """A tooltip explaining every jargon term in `text` (empty when there is none)."""
    # Contacts and referrals are left out by default: a board member knows them, and a tooltip on every
    # front-door figure would be noise.
    lines = [f"**{key}**: {TERMS[key]}" for key in terms_in(text) if key not in exclude]
    return "\n\n".join(lines)
