"""The analyst's workspace through the real pages (AppTest): upload, check, load, restate, roll back, thresholds,
settings, templates, and who may reach them.

Every test has its own copy of the demo database (which has no police return for 2024-25 Q3) and fresh caches.
Analysts get in the way a deployment lets them: the passphrase typed in the sidebar, or sign-in (st.user).
"""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
from conftest import current, fingerprint
from dashboard_support import ROOT, demo_database, explicit_navigation_only, private_database
from streamlit.testing.v1 import AppTest

from pages.ui import state
from safeguarding import access, indicators, safety, uploads
from safeguarding.periods import Quarter, last_ended_quarters
from safeguarding.store import open_store
from safeguarding.template_writer import write_template

PASSPHRASE = "correct horse battery staple"
FAST_HASH = access.hash_passphrase(PASSPHRASE, n=2**4)
Q3, Q4 = Quarter.of(2024, 3), Quarter.of(2024, 4)
POL_Q3 = {"POL.DA_INCIDENTS_CHILDREN": 480, "POL.ENCOMPASS": 330, "POL.ENCOMPASS_TIMELY": 312, "POL.PPO": 10,
          "POL.STRATEGY_INVITED": 215, "POL.STRATEGY_ATTENDED": 195}
POL_Q4_STORED = {"POL.DA_INCIDENTS_CHILDREN": 415, "POL.ENCOMPASS": 335, "POL.ENCOMPASS_TIMELY": 321, "POL.PPO": 7,
                 "POL.STRATEGY_ATTENDED": 206, "POL.STRATEGY_INVITED": 229}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ANALYST_PAGES = ["pages/upload.py", "pages/submissions.py", "pages/templates.py", "pages/thresholds.py",
                 "pages/settings.py"]


def police_return(quarter: Quarter, values: dict) -> bytes:
    """The police template for one quarter, filled in as a partner would."""
    return write_template("POL", [quarter], {(code, quarter): value for code, value in values.items()})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_database(tmp_path_factory.getbasetemp())


@pytest.fixture
def db(demo, tmp_path, monkeypatch):
    with private_database(demo, tmp_path / "workspace.duckdb", monkeypatch) as path:
        yield path


def app(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    explicit_navigation_only()  # run every page through dashboard.py, as a server does
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for key, value in (secrets if secrets is not None else {"analyst_passphrase_hash": FAST_HASH}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, at.exception
    return at


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label.startswith(label)]
    assert found, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return found[0]


def unlock(at: AppTest, name: str = "Test Analyst") -> AppTest:
    at.text_input(key=state.PASSPHRASE_INPUT).input(PASSPHRASE)
    at.text_input(key=state.NAME_INPUT).input(name)
    button(at, "Unlock").click().run()
    assert not at.exception, at.exception
    return at


def analyst() -> AppTest:
    return unlock(app())


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def frames(at: AppTest) -> list:
    """Every table on the page: the scrolling ones (st.dataframe) first, then those shown in full (st.table)."""
    return [d.value for d in at.dataframe] + [t.value for t in at.table]


def submissions(path) -> list[tuple]:
    with open_store(path).read() as cur:
        return cur.execute("select submission_id, file_name, loaded_by, status from submissions "
                           "order by submission_id").fetchall()


# ---------------------------------------------------------------------------------------------- upload


def test_a_good_file_is_previewed_then_loaded_and_stored(db):
    at = open_page(analyst(), "pages/upload.py")
    before = fingerprint(open_store(db))
    upload(at, ("police_q3.xlsx", police_return(Q3, POL_Q3)))
    summary = frames(at)[0]
    assert summary.loc[0, "Agency"] == "POL" and summary.loc[0, "Quarters"] == "2024-25 Q3"
    assert summary.loc[0, "Status"] == "\u2714 Ready to load" and summary.loc[0, "New"] == 6
    new_values = next(f for f in frames(at) if "Value" in f.columns and "Cell" in f.columns)
    assert sorted(new_values["Value"]) == sorted(f"{v:,}" for v in POL_Q3.values())
    assert new_values["Cell"].str.startswith("Return!C").all()
    assert fingerprint(open_store(db)) == before  # checked and previewed: nothing stored yet

    button(at, "Load 1 file").click().run()
    assert not at.exception
    assert "police_q3.xlsx" in texts(at.success) and "6 values for POL, 2024-25 Q3" in texts(at.success)
    sid, name, who, status = submissions(db)[-1]
    assert (name, who, status) == ("police_q3.xlsx", "analyst (passphrase): Test Analyst", "loaded")
    stored = current(open_store(db))
    assert all(stored[("POL", Q3.start, code)][1] == value for code, value in POL_Q3.items())
    assert not at.file_uploader[0].value  # the uploader is empty again, ready for the next files


def test_a_bad_file_stores_nothing_and_says_where_and_how_to_fix(db):
    at = open_page(analyst(), "pages/upload.py")
    before = fingerprint(open_store(db))
    bad = dict(POL_Q3, **{"POL.PPO": "#REF!", "POL.ENCOMPASS": -3})
    upload(at, ("police_q3_bad.xlsx", police_return(Q3, bad)), ("notes.xlsx", b"this is not a workbook"))
    summary = frames(at)[0]
    assert summary["Status"].tolist() == ["\u2716 Rejected: fix the errors"] * 2
    problems = next(f for f in frames(at) if "How to fix it" in f.columns)
    assert problems["Type"].tolist()[:2] == ["Error", "Error"]
    by_measure = {row["Measure"].split(":")[0]: row for _, row in problems.iterrows()}
    assert by_measure["POL.PPO"]["Cell"] == "C11" and by_measure["POL.PPO"]["Value found"] == "#REF!"
    assert by_measure["POL.ENCOMPASS"]["Cell"] == "C9" and by_measure["POL.ENCOMPASS"]["Value found"] == "-3"
    assert all(problems["How to fix it"].str.len() > 0)
    assert [b.label for b in at.get("download_button")][:1] == [
        "Download every problem as a spreadsheet (to send back to partners)"]
    assert not [b for b in at.button if b.label.startswith("Load")]  # nothing to load
    assert "No file is ready to load" in texts(at.info)
    assert fingerprint(open_store(db)) == before


def test_an_oversized_file_is_refused_with_the_limit_named(db):
    checked = uploads.check(open_store(db), "history.xlsx", b"\0" * (safety.MAX_FILE_BYTES + 1))
    assert checked.status == uploads.REJECTED
    assert checked.parsed.errors[0].message.endswith("the limit is 50 MB.")
    assert "Split" in checked.parsed.errors[0].fix


def test_a_file_already_loaded_is_recognised_and_not_offered(db):
    at = open_page(analyst(), "pages/upload.py")
    upload(at, ("again.xlsx", (ROOT / "data" / "sample" / "2024-25-Q4_POL.xlsx").read_bytes()))
    assert frames(at)[0].loc[0, "Status"] == "= Already loaded"
    assert "Byte for byte the same as submission" in texts(at.info)
    assert not [b for b in at.button if b.label.startswith("Load")]


def test_a_restatement_shows_old_and_new_then_both_submissions_are_in_the_history(db):
    at = open_page(analyst(), "pages/upload.py")
    upload(at, ("police_q4_corrected.xlsx", police_return(Q4, dict(POL_Q4_STORED, **{"POL.PPO": 9}))))
    summary = frames(at)[0]
    assert summary.loc[0, "Restated"] == 1 and summary.loc[0, "New"] == 0
    restated = next(f for f in frames(at) if "Stored now" in f.columns)
    assert restated[["Measure", "Stored now", "In this file"]].values.tolist() == [
        ["Police protection powers used", "7", "9"]]
    problems = next(f for f in frames(at) if "Problem" in f.columns)
    assert problems["Problem"].str.contains("this file restates it: 1 value").any()  # the restatement warning

    button(at, "Load 1 file").click().run()
    open_page(at, "pages/submissions.py")
    history = frames(at)[0]
    police_q4 = history[history["Quarters"] == "2024-25 Q4"]
    police_q4 = police_q4[police_q4["Agency"] == "Police"]
    assert police_q4["File"].tolist() == ["police_q4_corrected.xlsx", "2024-25-Q4_POL.xlsx"]
    assert police_q4["Status"].str.startswith("\u2714 In force").all()
    assert current(open_store(db))[("POL", Q4.start, "POL.PPO")][1] == 9


def test_rollback_asks_first_then_withdraws_and_keeps_the_record(db):
    at = open_page(analyst(), "pages/upload.py")
    upload(at, ("police_q4_corrected.xlsx", police_return(Q4, dict(POL_Q4_STORED, **{"POL.PPO": 9}))))
    button(at, "Load 1 file").click().run()
    sid = submissions(db)[-1][0]

    at.query_params["submission"] = str(sid)  # the link convention: ?submission=<id>
    open_page(at, "pages/submissions.py")
    assert at.selectbox(key=state.SUBMISSION).value == sid
    button(at, f"Roll back submission {sid}").click().run()
    assert current(open_store(db))[("POL", Q4.start, "POL.PPO")][1] == 9  # asked, not yet done
    assert "Roll back submission" in texts(at.warning)
    button(at, "Yes, roll it back").click().run()
    assert not at.exception
    assert f"Submission {sid} (police_q4_corrected.xlsx) is rolled back" in texts(at.success)
    assert current(open_store(db))[("POL", Q4.start, "POL.PPO")][1] == 7  # the earlier figure is back
    assert submissions(db)[-1][2:] == ("analyst (passphrase): Test Analyst", "rolled_back")
    history = frames(at)[0]
    assert history.loc[history["ID"] == sid, "Status"].iloc[0].startswith("\u21b6 Rolled back by analyst (passphrase)")
    assert not [b for b in at.button if b.label.startswith("Roll back")]  # nothing more to roll back


# ---------------------------------------------------------------------------------------------- thresholds


def choose_indicator(at: AppTest, indicator_id: str) -> None:
    next(s for s in at.selectbox if s.label == "Indicator").set_value(indicator_id).run()
    assert not at.exception, at.exception


def tile_rating(at: AppTest, title: str) -> str:
    """The RAG badge of the overview tile whose figure is labelled `title` (the badge sits in the tile's box)."""
    def boxes(node):
        children = list(getattr(node, "children", {}).values())
        yield children
        for child in children:
            yield from boxes(child)

    for children in boxes(at.main):
        if any(getattr(c, "type", "") == "metric" and c.label == title for c in children):
            return next(c.value for c in children if getattr(c, "type", "") == "markdown" and "-badge[" in c.value)
    raise AssertionError(f"no tile {title!r} on the page")


def test_a_threshold_change_turns_an_overview_tile_from_green_to_red(db):
    title = "Children looked after visited within timescale"
    at = open_page(analyst(), "pages/overview.py")
    assert "\u2714 Green" in tile_rating(at, title)

    open_page(at, "pages/thresholds.py")
    choose_indicator(at, "cla_visits_timely")
    at.number_input(key="green_lo_cla_visits_timely_0").set_value(99).run()
    at.number_input(key="amber_lo_cla_visits_timely_0").set_value(98).run()
    preview = texts(at.markdown)
    assert "**Now** &nbsp; :green-badge[\u2714 Green]" in preview
    assert "**With the new limits** &nbsp; :red-badge[\u2716 Red]  \nRed: 96.5% is below the amber range" in preview
    assert "\u2714 Green" in tile_rating(open_page(at, "pages/overview.py"), title)  # a preview changes nothing

    open_page(at, "pages/thresholds.py")  # the indicator is still chosen; the inputs show the stored limits again
    assert at.number_input(key="green_lo_cla_visits_timely_0").value == 95
    at.number_input(key="green_lo_cla_visits_timely_0").set_value(99).run()
    at.number_input(key="amber_lo_cla_visits_timely_0").set_value(98).run()
    button(at, "Save these limits").click().run()
    assert "Saved: Children looked after visited within timescale is now green at least 99%" in texts(at.success)
    assert "\u2716 Red" in tile_rating(open_page(at, "pages/overview.py"), title)


def test_inconsistent_limits_cannot_be_saved(db):
    at = open_page(analyst(), "pages/thresholds.py")
    choose_indicator(at, "cla_visits_timely")
    at.number_input(key="amber_lo_cla_visits_timely_0").set_value(99).run()
    assert "The amber minimum must not be above the green minimum." in texts(at.error)
    assert button(at, "Save these limits").disabled


# ---------------------------------------------------------------------------------------------- settings, templates


def test_settings_choose_the_local_authority_by_name_and_record_who(db):
    at = open_page(unlock(app(), "Jo Bloggs"), "pages/settings.py")
    at.selectbox(key=state.LA_FIELD).set_value(201)  # City of London, chosen by its name in the list
    at.number_input(key=state.SUPPRESSION_FIELD).set_value(10)
    button(at, "Save").click().run()
    assert "Saved" in texts(at.success)
    assert "City of London" in texts(at.header)
    assert "Local authority: City of London" in texts(at.caption)  # the sidebar follows at once
    with open_store(db).read() as cur:
        rows = cur.execute("select who, detail from audit_log where action = 'settings' order by happened_at desc "
                           "limit 1").fetchall()
    assert rows == [("analyst (passphrase): Jo Bloggs", "la_code=201, suppression_threshold=10")]


def test_a_population_override_is_used_for_rates(db):
    at = open_page(analyst(), "pages/settings.py")
    before = indicators.compute(open_store(db), "year")
    at.number_input(key=state.YEAR_FIELD).set_value(2024)
    at.number_input(key=state.POPULATION_FIELD).set_value(40000)
    button(at, "Save the override").click().run()
    assert "Children aged 0-17 at mid-2024: 40,000." in texts(at.success)
    populations = next(f for f in frames(at) if "Override" in f.columns)
    assert populations.loc[populations["Mid-year"] == 2024, "Used"].iloc[0] == "40,000"
    after = indicators.compute(open_store(db), "year")

    def rate(frame):
        return frame[(frame.indicator_id == "cp_rate") & (frame.period == "2024-25")]["value"].iloc[0]

    assert rate(after) == pytest.approx(rate(before) * 34439 / 40000)  # ONS mid-2024: 34,439


def test_templates_offer_the_last_four_ended_quarters_for_any_agency(db):
    at = open_page(analyst(), "pages/templates.py")
    expected = [q.label for q in last_ended_quarters(dt.date.today())]
    assert at.multiselect(key=state.TEMPLATE_QUARTERS).value == expected
    at.selectbox(key=state.TEMPLATE_AGENCY).set_value("POL").run()
    label = at.get("download_button")[0].label
    assert label == f"Download the Police template ({expected[0]} to {expected[-1]})"
    assert "POL.PPO" in frames(at)[0]["Measure code"].tolist()


# ---------------------------------------------------------------------------------------------- who may do what


def test_a_viewer_has_no_analyst_pages_until_the_passphrase_is_typed(db):
    at = app()
    for page in ANALYST_PAGES:
        with pytest.raises(ValueError, match="not a registered page|Could not find"):
            at.switch_page(page)
    assert "Analysts: unlock uploads and settings" in [e.label for e in at.expander]
    board_pack = open_page(at, "pages/board_pack.py")  # packs are for everyone: every export is suppressed
    assert any(b.label == "Build the PDF" for b in board_pack.button)
    at.text_input(key=state.PASSPHRASE_INPUT).input("not the passphrase at all")
    button(at, "Unlock").click().run()
    assert "That is not the analyst passphrase." in texts(at.error)
    with pytest.raises(ValueError):
        at.switch_page("pages/upload.py")
    unlock(at)
    for page in ANALYST_PAGES:
        open_page(at, page)
    button(at, "Leave analyst mode").click().run()
    with pytest.raises(ValueError):
        at.switch_page("pages/settings.py")


def test_sign_in_makes_listed_addresses_analysts_and_records_their_address(db):
    secrets = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                        "client_id": "id", "client_secret": "secret",
                        "server_metadata_url": "https://login.example/.well-known/openid-configuration"},
               "access": {"analysts": ["Ana.Lyst@Council.gov.uk"]}}
    viewer = app(secrets, {"is_logged_in": True, "email": "someone.else@council.gov.uk"})
    with pytest.raises(ValueError):
        viewer.switch_page("pages/upload.py")
    assert "Signed in as **someone.else@council.gov.uk** (viewer)." in texts(viewer.caption)

    at = app(secrets, {"is_logged_in": True, "email": "ana.lyst@council.gov.uk"})
    open_page(at, "pages/thresholds.py")
    choose_indicator(at, "cla_visits_timely")
    at.number_input(key="green_lo_cla_visits_timely_0").set_value(97).run()
    button(at, "Save these limits").click().run()
    with open_store(db).read() as cur:
        assert cur.execute("select updated_by from rag_thresholds where indicator_id = 'cla_visits_timely'"
                           ).fetchall() == [("ana.lyst@council.gov.uk",)]


@pytest.mark.parametrize("address, is_analyst", [("127.0.0.1", True), ("0.0.0.0", False), (None, False)])
def test_local_mode_is_for_this_computer_only(db, monkeypatch, address, is_analyst):
    option = st.get_option
    monkeypatch.setattr(st, "get_option", lambda name: address if name == "server.address" else option(name))
    at = app(secrets={})
    if is_analyst:
        open_page(at, "pages/upload.py")
        assert "Single-user local mode: you are the analyst" in texts(at.caption)
    else:
        with pytest.raises(ValueError):
            at.switch_page("pages/upload.py")
        assert "uploads and changes are switched off" in texts(at.warning)
