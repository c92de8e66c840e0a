"""Every page of the dashboard, by section: the one place a new page is added."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

OVERVIEW = "pages/overview.py"
ANNUAL = "pages/annual.py"
FRONT_DOOR = "pages/front_door.py"
CHILD_PROTECTION = "pages/child_protection.py"
CHILDREN_IN_CARE = "pages/children_in_care.py"
PARTNERS = "pages/partners.py"
TRAINING = "pages/training.py"
INDICATOR = "pages/indicator.py"
DATA_QUALITY = "pages/data_quality.py"
BOARD_PACK = "pages/board_pack.py"
CHALLENGES = "pages/challenges.py"
BUSINESS_PLAN = "pages/business_plan.py"
YEARLY_REPORT = "pages/yearly_report.py"


@dataclass(frozen=True)
class PageEntry:
    """A page as the sidebar lists it."""

    path: str
    title: str
    icon: str
    default: bool = False


# Section -> pages, in sidebar order, for everyone; the analyst pages (upload, submissions, templates,
# thresholds, settings) are added by pages/ui/access.py for analysts only.
SECTIONS: dict[str, tuple[PageEntry, ...]] = {
    "Summary": (
        PageEntry(OVERVIEW, "Overview", ":material/dashboard:", default=True),
        PageEntry(ANNUAL, "Annual view", ":material/calendar_month:"),
    ),
    "Themes": (
        PageEntry(FRONT_DOOR, "Front door", ":material/door_front:"),
        PageEntry(CHILD_PROTECTION, "Child protection", ":material/shield:"),
        PageEntry(CHILDREN_IN_CARE, "Children in care and missing", ":material/home:"),
        PageEntry(PARTNERS, "Partner agencies", ":material/groups:"),
        PageEntry(TRAINING, "Training and workforce", ":material/school:"),
    ),
    "Look closer": (
        PageEntry(INDICATOR, "Indicator detail", ":material/query_stats:"),
        PageEntry(DATA_QUALITY, "Data quality", ":material/fact_check:"),
    ),
    # Anyone may build a pack: every export suppresses small numbers, whoever asks for it.
    "Board papers": (
        PageEntry(BOARD_PACK, "Board pack", ":material/slideshow:"),
        PageEntry(CHALLENGES, "Challenges and answers", ":material/forum:"),
        PageEntry(BUSINESS_PLAN, "Business plan", ":material/flag:"),
        PageEntry(YEARLY_REPORT, "Yearly report", ":material/description:"),
    ),
}


def sections(entries: dict[str, tuple[PageEntry, ...]] = SECTIONS) -> dict[str, list[st.Page]]:
    """st.Page objects by section, exactly what st.navigation is given (the region and analyst sections only for
    those who may see them)."""
    from pages.ui import access  # imported here: access builds its pages from PageEntry

    return {name: [st.Page(e.path, title=e.title, icon=e.icon, default=e.default) for e in pages]
            for name, pages in entries.items()} | access.region_section() | access.sections()


def all_pages() -> list[str]:
    """Every page file in sidebar order (for tests and benchmarks)."""
    return [entry.path for pages in SECTIONS.values() for entry in pages]
