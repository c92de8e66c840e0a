"""Every session-state key the dashboard uses (viewer pages and the analyst's workspace), declared once."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

VIEW = "view"                 # 'quarter' | 'year'
PERIOD = "period"             # '2024-25 Q4' | '2024-25'
COMPARATOR = "comparator"     # 'england' | 'region' | 'neighbours'
INDICATOR = "indicator"       # the indicator the detail page shows
ATTENTION_ONLY = "attention_only"  # overview: red and amber tiles only
EVERY_INDICATOR = "every_indicator"  # overview: the grid of every indicator is open (drawn only then)
FIGURES_OPEN = "figures_open_"     # prefix, + a chart's key: its table of figures is open (drawn only then)
THEME_QUESTION = "theme_question_"  # prefix, + a theme: the question whose charts its page shows (drawn only then)
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
# Access (pages/ui/access.py)
PARTNERSHIP = "partnership"            # several partnerships: the code of the one this session works in
UNLOCKED = "analyst_unlocked"          # passphrase mode: the passphrase was typed in this session
ANALYST_NAME = "analyst_name"          # passphrase mode: the name the analyst typed, recorded with each write
PASSPHRASE_INPUT = "analyst_passphrase_input"
NAME_INPUT = "analyst_name_input"
ACCESS_MESSAGE = "access_message"      # the outcome of the last unlock attempt, shown once
# Upload (pages/upload.py)
UPLOAD_ROUND = "upload_round"          # part of the uploader's key: a new round empties the uploader
CHECKED = "upload_checked"             # file id -> CheckedFile (read once, compared again after each write)
OUTCOMES = "upload_outcomes"           # what the last Load did, shown until the next upload
# Submissions (pages/submissions.py); the address carries ?submission=<id>
SUBMISSION = "submission"              # the submission shown
SUBMISSION_IN_URL = "submission_in_url"  # the ?submission= value last written, to tell a new address from our own
CONFIRM_ROLLBACK = "confirm_rollback"  # the submission whose rollback awaits confirmation
ROLLBACK_MESSAGE = "rollback_message"
# Thresholds (pages/thresholds.py)
THRESHOLD_INDICATOR = "threshold_indicator"  # the indicator shown (kept while the analyst visits other pages)
THRESHOLD_ROUND = "threshold_round"    # part of the limit inputs' keys: a new round shows the stored limits again
THRESHOLD_MESSAGE = "threshold_message"  # ("success" | "error", text), shown once
# Settings (pages/settings.py); the form fields' own values are read by the forms' callbacks
SETTINGS_MESSAGE = "settings_message"  # ("success" | "error", text), shown once
NAME_FIELD = "settings_name"
LA_FIELD = "settings_la_code"
SUPPRESSION_FIELD = "settings_suppression"
DISCLOSURE_FIELD = "settings_disclosure_rule"
YEAR_FIELD = "settings_override_year"
POPULATION_FIELD = "settings_override_population"
RELEASE_ROUND = "settings_release_round"  # part of the DfE files uploader's key: a new round empties it
# Templates (pages/templates.py)
TEMPLATE_AGENCY = "template_agency"
TEMPLATE_QUARTERS = "template_quarters"

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
    UNLOCKED: False,
    ANALYST_NAME: "",
    ACCESS_MESSAGE: None,
    UPLOAD_ROUND: 0,
    CHECKED: {},
    OUTCOMES: [],
    SUBMISSION: None,
    SUBMISSION_IN_URL: None,
    CONFIRM_ROLLBACK: None,
    ROLLBACK_MESSAGE: None,
    THRESHOLD_INDICATOR: None,
    THRESHOLD_ROUND: 0,
    THRESHOLD_MESSAGE: None,
    SETTINGS_MESSAGE: None,
    RELEASE_ROUND: 0,
    TEMPLATE_AGENCY: "CSC",
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
        st.session_state.setdefault(key, value.copy() if isinstance(value, (dict, list)) else value)


def switch_partnership() -> None:
    """Another partnership was chosen: forget everything this session held of the last one (a checked upload, a
    rollback awaiting confirmation, form fields), keeping only the choice itself."""
    for key in list(st.session_state.keys()):
        if key != PARTNERSHIP:
            del st.session_state[key]
    init()


def take(key: str):
    """A one-off message: its value, then None for the next run."""
    value = st.session_state.get(key)
    st.session_state[key] = None
    return value


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
