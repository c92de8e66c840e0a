"""Partnerships kept apart in the dashboard (AppTest, signed in): each person chooses among their own partnerships,
reads and writes only the chosen one's store, and holds there the role that partnership gives them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard_support import ROOT, copy_of, demo_db, explicit_navigation_only  # noqa: F401  (shared fixtures)
from pages.ui import access, navigation, state
from safeguarding import challenges, loading, settings, store as store_module
from safeguarding.periods import Quarter
from safeguarding.store import open_store
from safeguarding.template_writer import write_template

MARKER = "6621"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://login.example/.well-known/openid-configuration"}
PARTNERSHIPS = {
    "north": {"name": "North Partnership", "la_codes": [830, 831], "analysts": ["ana@north.gov.uk"],
              "viewers": ["vic@both.org"]},
    "south": {"name": "South Partnership", "la_codes": [884], "analysts": ["sam@south.gov.uk", "vic@both.org"],
              "members": ["group:south-board"]},
}
SECRETS = {"auth": AUTH, "partnerships": PARTNERSHIPS}
Q4 = Quarter.of(2024, 4)


@pytest.fixture
def service(demo_db, tmp_path, monkeypatch):  # noqa: F811
    """South holds the demo partnership's records and its own marked ones; North has no store yet."""
    explicit_navigation_only(monkeypatch)
    monkeypatch.setenv("SAFEGUARDING_DB", str(tmp_path / "main.duckdb"))
    south_path = copy_of(demo_db, tmp_path / "partnerships" / "south.duckdb")
    south = open_store(south_path)
    settings.update(south, by="sam@south.gov.uk", name=f"South Partnership {MARKER}")
    challenges.raise_challenge(south, "sam@south.gov.uk", "police_protection", "quarter", Q4.start, "POL",
                               f"Marker {MARKER}: why so many?", dt.date(2025, 5, 14))
    returned = write_template("POL", [Q4], {("POL.PPO", Q4): 96621, ("POL.ENCOMPASS", Q4): 40,
                                            ("POL.ENCOMPASS_TIMELY", Q4): 38})
    assert loading.load_bytes(south, f"south-{MARKER}.xlsx", returned, by="sam@south.gov.uk").ok
    south.close()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield tmp_path
    st.cache_data.clear()
    st.cache_resource.clear()
    for key, opened in list(store_module._open.items()):
        if key.startswith(str(tmp_path)):
            opened.close()


def signed_in(email: str | None, groups: list[str] | None = None, claimed: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if claimed:
        at.session_state[state.PARTNERSHIP] = claimed
    for key, value in SECRETS.items():
        at.secrets[key] = value
    at.user = {"is_logged_in": True, "email": email, **({"groups": groups} if groups else {})} if email else \
        {"is_logged_in": False}
    at.run()
    assert not at.exception, at.exception
    return at


def _values(node) -> list[str]:
    """Every value an element tree shows: text, labels, options and table cells."""
    found = []
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        found += _values(child)
    for attribute in ("value", "label", "options", "body", "help", "placeholder"):
        try:
            value = getattr(node, attribute, None)
        except Exception:  # an element without that field raises rather than answering None
            value = None
        if value is None or callable(value):
            continue
        found.append(value.to_string() if hasattr(value, "to_string") else str(value))
    return found


def shown(at: AppTest) -> str:
    return "\n".join(_values(at._tree))


def can_open(at: AppTest, page: str) -> bool:
    """Whether the session's navigation offers the page (an analyst page is not even listed for others)."""
    try:
        at.switch_page(page)
    except ValueError:
        return False
    at.run()
    assert not at.exception, (page, at.exception)
    return True


def visit_everything(at: AppTest) -> str:
    """What every page the session may open shows it, one after another."""
    every = [*navigation.all_pages(), *(entry.path for entry in access.ANALYST_PAGES)]
    return "\n".join(shown(at) for page in every if can_open(at, page))


def digest(path: Path) -> str:
    store = open_store(path)
    store.checkpoint()
    with store.read() as cur:
        rows = [cur.execute(f"select * from {t} order by all").fetchall()  # our own table names
                for (t,) in cur.execute("select table_name from information_schema.tables where table_type = "
                                        "'BASE TABLE' and table_name not like 'ref_%' order by 1").fetchall()]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_an_analyst_of_one_partnership_never_reaches_anothers_records(service):
    south_path = service / "partnerships" / "south.duckdb"
    before = digest(south_path)
    at = signed_in("ana@north.gov.uk")
    picker = at.sidebar.selectbox(key=state.PARTNERSHIP)
    assert picker.options == ["North Partnership"] and picker.value == "north"
    everything = visit_everything(at)
    assert MARKER not in everything
    assert "North Partnership" in everything and "Derbyshire and Derby" in everything
    assert (service / "partnerships" / "north.duckdb").exists()
    # A session that claims South before its first run still works in North, the only one it belongs to.
    forged = signed_in("ana@north.gov.uk", claimed="south")
    assert forged.sidebar.selectbox(key=state.PARTNERSHIP).value == "north"
    again = visit_everything(forged)
    assert MARKER not in again and "North Partnership" in again
    # Writing: the analyst renames North from the Settings page; South is untouched.
    at.switch_page(access.SETTINGS).run()
    at.text_input(key=state.NAME_FIELD).set_value("North Renamed")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    assert settings.partnership_name(open_store(service / "partnerships" / "north.duckdb")) == "North Renamed"
    assert digest(south_path) == before


def test_a_person_holds_in_each_partnership_the_role_it_gives_them(service):
    at = signed_in("vic@both.org")
    picker = at.sidebar.selectbox(key=state.PARTNERSHIP)
    assert picker.options == ["North Partnership", "South Partnership"] and picker.value == "north"
    north = shown(at)
    assert "(viewer)" in north and MARKER not in north
    assert not can_open(at, access.SETTINGS)  # a viewer here
    picker = at.sidebar.selectbox(key=state.PARTNERSHIP)
    picker.set_value("south").run()
    assert not at.exception, at.exception
    south = visit_everything(at)
    assert f"South Partnership {MARKER}" in south and f"south-{MARKER}.xlsx" in south  # the Submissions page
    assert "(analyst)" in south and can_open(at, access.SETTINGS)
    # What the session holds of South (a rollback awaiting confirmation, a checked upload) is forgotten on switching.
    at.session_state[state.CONFIRM_ROLLBACK] = 50
    at.session_state[state.CHECKED] = {"file": "checked against South"}
    at.sidebar.selectbox(key=state.PARTNERSHIP).set_value("north").run()
    assert at.session_state[state.CONFIRM_ROLLBACK] is None and at.session_state[state.CHECKED] == {}
    back = visit_everything(at)
    assert MARKER not in back and "(viewer)" in back and not can_open(at, access.SUBMISSIONS)


def test_a_sign_in_group_gives_its_role(service):
    at = signed_in("someone@police.uk", groups=["South-Board"])
    assert at.sidebar.selectbox(key=state.PARTNERSHIP).options == ["South Partnership"]
    assert "(member)" in shown(at)


def test_someone_in_no_partnership_sees_a_plain_page_and_nothing_else(service):
    at = signed_in("stranger@example.org")
    words = shown(at)
    assert "you are not in any partnership on this service" in words
    assert "Ask your partnership's business unit or analysts" in words
    assert MARKER not in words and not at.sidebar.selectbox
    assert not (service / "partnerships" / "north.duckdb").exists()
    assert not any(can_open(at, page) for page in (access.SUBMISSIONS, navigation.all_pages()[0]))
    assert MARKER not in shown(at)


def test_without_signing_in_nothing_is_shown(service):
    at = signed_in(None)
    assert "Sign in to see your partnership's dashboard." in shown(at)
    assert MARKER not in shown(at) and not can_open(at, access.SETTINGS)
