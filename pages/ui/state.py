"""Every session-state key the dashboard uses, declared once with its default."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

VIEW = "view"                 # 'quarter' | 'year'
PERIOD = "period"             # '2024-25 Q4' | '2024-25'
COMPARATOR = "comparator"     # 'england' | 'region' | 'neighbours'
INDICATOR = "indicator"       # the indicator the detail page shows
ATTENTION_ONLY = "attention_only"  # overview: red and amber tiles only
WARNING_KIND = "warning_kind"      # data quality: which kinds of warning to list
FRAME_RAN = "frame_ran"       # set by dashboard.py on every run, taken by the page: see filters()
COMMENTARY_ON_HIDDEN = "commentary_on_hidden"  # board pack: the analyst cleared commentary on hidden figures
INDICATOR_IN_URL = "indicator_in_url"  # the ?indicator= value last written, to tell a new address from our own
CHALLENGE_AGENCY = "challenge_agency"    # challenges: the agency filter (None: all)
CHALLENGE_STATUS = "challenge_status"    # challenges: the status filter (None: any)
CHALLENGE_MEETING = "challenge_meeting"  # challenges: the meeting filter (None: any)
PRIORITY = "priority"                    # business plan: the priority shown
PLAN_ROUND = "plan_round"                # business plan: part of the uploader's key, a new round empties it
REPORT_YEAR = "report_year"              # yearly report: the financial year
REPORT_SECTION = "report_section"        # yearly report: the section being written

DEFAULTS = {
    VIEW: "quarter",
    PERIOD: None,
    COMPARATOR: "england",
    INDICATOR: "cp_rate",
    ATTENTION_ONLY: False,
    WARNING_KIND: [],
    INDICATOR_IN_URL: None,
    COMMENTARY_ON_HIDDEN: False,
    CHALLENGE_AGENCY: None,
    CHALLENGE_STATUS: "open",
    CHALLENGE_MEETING: None,
    PRIORITY: None,
    PLAN_ROUND: 0,
    REPORT_YEAR: None,
    REPORT_SECTION: "what_we_did",
    FRAME_RAN: False,
}


@dataclass(frozen=True)
class Filters:
    """The shared filters every page reads."""

    view: str
    period: str | None
    comparator: str


def init() -> None:
    """Give every key its default, once per session (a widget's own value is never overwritten)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)


def settle_period(options: list[str], default: str | None) -> None:
    """Keep the chosen period valid for the view (switching view switches quarters for years)."""
    if st.session_state.get(PERIOD) not in options:
        st.session_state[PERIOD] = default


def frame_ran() -> None:
    """Mark this run as started by the frame (dashboard.py)."""
    st.session_state[FRAME_RAN] = True


def filters() -> Filters:
    """The current filter values; every page calls this first."""
    # Streamlit still honours the old pages/ folder convention until st.navigation has been called once
    # in the process, so the first request for a page's own address on a fresh server (and every AppTest
    # rerun) runs the page without dashboard.py. Then the frame is missing: register the navigation and
    # rerun, which runs the frame and then this page.
    if not st.session_state.get(FRAME_RAN):
        from pages.ui import navigation

        st.navigation(navigation.sections(), position="hidden")
        st.rerun()
    st.session_state[FRAME_RAN] = False
    return Filters(st.session_state[VIEW], st.session_state[PERIOD], st.session_state[COMPARATOR])


def open_indicator(indicator_id: str) -> None:
    """Show an indicator on the detail page (query parameter too, so the address can be shared)."""
    from pages.ui import navigation

    st.session_state[INDICATOR] = indicator_id
    st.session_state[INDICATOR_IN_URL] = indicator_id
    st.switch_page(navigation.INDICATOR, query_params={"indicator": indicator_id})


def indicator_from_url(valid: list[str]) -> None:
    """Adopt ?indicator= when the address changed from outside (a shared link, a tile), not by our own write."""
    wanted = st.query_params.get("indicator")
    if wanted in valid and wanted != st.session_state[INDICATOR_IN_URL]:
        st.session_state[INDICATOR] = wanted
        st.session_state[INDICATOR_IN_URL] = wanted


def indicator_to_url() -> None:
    """Put the shown indicator in the address, so the page can be bookmarked and shared."""
    st.query_params["indicator"] = st.session_state[INDICATOR]
    st.session_state[INDICATOR_IN_URL] = st.session_state[INDICATOR]
