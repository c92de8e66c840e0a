"""Every session-state key of the analyst's workspace (access, upload, submissions, thresholds), declared once."""

from __future__ import annotations

import streamlit as st

# Access (pages/ui/access.py)
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
# Templates (pages/templates.py)
TEMPLATE_AGENCY = "template_agency"
TEMPLATE_QUARTERS = "template_quarters"

DEFAULTS = {
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
    TEMPLATE_AGENCY: "CSC",
}


def init() -> None:
    """Give every workspace key its default, once per session."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value.copy() if isinstance(value, (dict, list)) else value)


def take(key: str):
    """A one-off message: its value, then None for the next run."""
    value = st.session_state.get(key)
    st.session_state[key] = None
    return value
