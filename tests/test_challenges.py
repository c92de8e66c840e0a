"""Challenges on figures: raised, answered, withdrawn, never deleted, every write recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import query
from safeguarding import challenges

MEETING = dt.date(2025, 5, 14)
Q3 = dt.date(2024, 10, 1)


def raise_one(store, question="What happened to the other 76%?", agency="CSC", indicator="contact_conversion"):
    return challenges.raise_challenge(store, "member@example.org", indicator, "quarter", Q3, agency, question,
                                      MEETING)


def test_a_challenge_is_raised_answered_and_kept(store):
    number = raise_one(store)
    [open_one] = challenges.listing(store, status="open")
    assert (open_one.challenge_id, open_one.period, open_one.agency_name) == (number, "2024-25 Q3",
                                                                                "Children's social care")
    assert challenges.open_by_indicator(store) == {"contact_conversion": [open_one]}

    challenges.answer(store, "analyst@example.org", number, "Most were passed to early help.")
    assert challenges.open_by_indicator(store) == {}
    [answered] = challenges.listing(store, indicator_id="contact_conversion")
    assert (answered.status, answered.answer, answered.answered_by) == (
        "answered", "Most were passed to early help.", "analyst@example.org")
    actions = [r[0] for r in query(store, "select action from audit_log where action like '%challenge%' "
                                          "order by happened_at, action")]
    assert sorted(actions) == ["answer challenge", "raise challenge"]


def test_an_answer_is_never_overwritten_and_a_withdrawn_challenge_stays(store):
    first, second = raise_one(store), raise_one(store, "Is the zero accurate?", "POL", "police_protection")
    challenges.answer(store, "a", first, "Answer one.")
    with pytest.raises(challenges.ChallengeError, match="not open"):
        challenges.answer(store, "b", first, "A second answer.")
    challenges.withdraw(store, "chair", second, "Raised in error: the figure was corrected.")
    with pytest.raises(challenges.ChallengeError, match="not open"):
        challenges.answer(store, "b", second, "Too late.")
    everything = challenges.listing(store)
    assert [(c.challenge_id, c.status) for c in everything] == [(first, "answered"), (second, "withdrawn")]
    assert everything[0].answer == "Answer one."
    assert query(store, "select withdrawn_why from challenges where challenge_id = ?", [second]) == [
        ("Raised in error: the figure was corrected.",)]


@pytest.mark.parametrize("field, kwargs, message", [
    ("question", {"question": "   "}, "cannot be empty"),
    ("question", {"question": "x" * (challenges.MAX_QUESTION + 1)}, "keep it to 2,000"),
    ("agency", {"agency": "XYZ"}, "not an agency code"),
    ("indicator", {"indicator": "no_such_thing"}, "not an indicator"),
])
def test_a_bad_challenge_is_refused_and_nothing_is_stored(store, field, kwargs, message):
    with pytest.raises(challenges.ChallengeError, match=message):
        raise_one(store, **kwargs)
    assert query(store, "select count(*) from challenges") == [(0,)]


def test_control_characters_are_removed_and_markup_is_kept_as_text(store):
    number = raise_one(store, "Why [click here](http://example.org)?\x1b[31m <b>now</b>")
    [item] = challenges.listing(store)
    assert item.challenge_id == number
    assert item.question == "Why [click here](http://example.org)?[31m <b>now</b>"


def test_the_list_filters_by_agency_status_and_meeting(store):
    raise_one(store)
    other = challenges.raise_challenge(store, "m", "cp_rate", "year", dt.date(2024, 4, 1), "POL", "Why?",
                                       dt.date(2025, 8, 1))
    assert [c.challenge_id for c in challenges.listing(store, agency="POL")] == [other]
    assert [c.challenge_id for c in challenges.listing(store, due_meeting=dt.date(2025, 8, 1))] == [other]
    assert challenges.listing(store, status="answered") == []
    assert challenges.meetings(store) == [MEETING, dt.date(2025, 8, 1)]
    table = challenges.table(challenges.listing(store))
    assert list(table["Due meeting"]) == ["14 May 2025", "1 August 2025"]
    assert list(table["Period"]) == ["2024-25 Q3", "2024-25"]
    assert list(table["Status"]) == ["Open", "Open"]
