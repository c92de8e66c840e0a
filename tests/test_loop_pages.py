"""The learning loop's pages under AppTest: a challenge raised on the detail page, listed, answered and kept;
the business plan imported; the yearly report's text saved in versions; a viewer may only read."""

from __future__ import annotations


import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_support import ROOT, app_db, demo_db, seen, table_seen  # noqa: F401  (shared fixtures)
from pages.ui import navigation
from safeguarding import challenges, plan, report_text
from safeguarding.export import contents
from safeguarding.store import open_store
from test_plan import plan_book


def on_page(page: str, query: dict | None = None, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    """The dashboard on `page` (with an address query, a secrets file and a signed-in user when given)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    if query:
        at.query_params.update(query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_a_challenge_raised_on_the_detail_page_is_listed_answered_and_kept(app_db):
    at = on_page(navigation.INDICATOR, {"indicator": "contact_conversion"})
    form_question = next(t for t in at.text_area if t.label == "Question")
    form_question.set_value("Marker 7431: what happened to the rest?")
    next(b for b in at.button if b.label == "Record the question").click().run()
    assert not at.exception, at.exception
    assert any("Recorded as challenge" in s.value for s in at.success)
    store = open_store(app_db)
    [raised] = [c for c in challenges.listing(store, indicator_id="contact_conversion") if "Marker 7431" in c.question]
    assert (raised.status, raised.period) == ("open", "2024-25 Q4")

    at.switch_page(navigation.CHALLENGES).run()
    assert not at.exception, at.exception
    listed = table_seen(at.table[0]) if len(at.table) else at.dataframe[0].value
    assert raised.question in listed["Question"].tolist()
    form = next(s for s in at.selectbox if s.label == "Challenge")
    form.set_value(raised.challenge_id)
    next(t for t in at.text_area if t.label == "The agency's answer").set_value("Passed to early help.")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception, at.exception
    [answered] = [c for c in challenges.listing(store, indicator_id="contact_conversion")
                  if c.challenge_id == raised.challenge_id]
    assert (answered.status, answered.answer) == ("answered", "Passed to early help.")

    at = on_page(navigation.INDICATOR, {"indicator": "contact_conversion"})
    shown = "\n".join(t.value for t in at.text)
    assert "Passed to early help." in shown and raised.question in shown


def test_the_business_plan_page_imports_a_workbook_and_shows_the_linked_trends(app_db):
    at = on_page(navigation.BUSINESS_PLAN)
    assert [c.value for c in at.get("plotly_chart")]  # the demo plan's linked indicators are drawn
    at.file_uploader(key="plan_upload_0").set_value(("plan.xlsx", plan_book(), "application/vnd.ms-excel")).run()
    assert not at.exception, at.exception
    assert any("2 priorities and 2 actions, checked" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Import the plan").click().run()
    assert not at.exception, at.exception
    actions = {a.ref: a for a in plan.actions(open_store(app_db))}
    assert actions["P1.1"].title == "Neglect toolkit" and actions["P1.1"].version == 2
    assert "P4.1" in actions  # an action the workbook does not list is kept, never deleted


def test_report_text_is_saved_as_a_new_version_from_the_page(app_db):
    at = on_page(navigation.YEARLY_REPORT)
    assert at.selectbox(key="report_year").value == "2024-25"
    area = next(t for t in at.text_area if t.label.startswith("Text"))
    area.set_value("Our first draft of what we did.")
    next(b for b in at.button if b.label == "Save this version").click().run()
    assert not at.exception, at.exception
    texts = report_text.latest(open_store(app_db), 2024)
    assert texts["what_we_did"].body == "Our first draft of what we did."
    assert texts["what_we_did"].version == 2  # the demo's synthetic text was version 1, and is kept


SIGN_IN = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                    "client_id": "id", "client_secret": "secret",
                    "server_metadata_url": "https://login.example/.well-known/openid-configuration"},
           "access": {"analysts": ["ana@council.gov.uk"], "business_unit": ["bu@council.gov.uk"],
                      "members": ["member@police.uk"]}}


def signed_in(email: str, page: str, query: dict | None = None) -> AppTest:
    return on_page(page, query, SIGN_IN, {"is_logged_in": True, "email": email})


@pytest.mark.parametrize("email, may_raise, may_import, may_write", [
    ("someone@school.org.uk", False, False, False),   # signed in but on no list: a viewer
    ("member@police.uk", True, False, False),
    ("bu@council.gov.uk", True, True, True),
    ("ana@council.gov.uk", True, True, True),
])
def test_each_role_sees_only_what_it_may_do(app_db, email, may_raise, may_import, may_write):
    at = signed_in(email, navigation.INDICATOR, {"indicator": "care_proceedings"})
    assert "no new care proceedings" in "\n".join(t.value for t in at.text)  # everyone reads open challenges
    assert any(b.label == "Record the question" for b in at.button) == may_raise
    at.switch_page(navigation.BUSINESS_PLAN).run()
    assert not at.exception, at.exception
    assert any(u.label.startswith("Import the edited plan") for u in at.get("file_uploader")) == may_import
    at.switch_page(navigation.YEARLY_REPORT).run()
    assert not at.exception, at.exception
    assert any(b.label == "Save this version" for b in at.button) == may_write


def _everything_shown(at: AppTest) -> str:
    return seen("\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def test_an_open_question_on_a_red_figure_sits_on_its_agenda_line_tile_and_pack_page_until_answered(app_db):
    store = open_store(app_db)
    question = "Marker 5512: why did decisions within a day fall?"
    number = challenges.raise_challenge(store, "member@police.uk", "contacts_decided_1wd", "quarter",
                                        dt.date(2025, 1, 1), "CSC", question, dt.date(2025, 5, 14))
    at = on_page(navigation.OVERVIEW)
    assert question in _everything_shown(at)  # on the red figure's agenda line (and its headline tile)
    pack = contents.build(store, "2024-25 Q4", "quarter", "agenda")
    [page] = [p for p in pack.pages if p.indicator_id == "contacts_decided_1wd"][:1]
    assert any(question in line for line in page.item.questions)

    challenges.answer(store, "bu@council.gov.uk", number, "Two vacancies filled in April.")
    at = on_page(navigation.OVERVIEW)
    assert question not in _everything_shown(at)
    pack = contents.build(store, "2024-25 Q4", "quarter", "agenda")
    assert not any(question in line for p in pack.pages for line in p.item.questions)
    at = on_page(navigation.INDICATOR, {"indicator": "contacts_decided_1wd"})
    shown = "\n".join(t.value for t in at.text)
    assert question in shown and "Two vacancies filled in April." in shown
