"""The Settings page's DfE files upload (AppTest, the real page on a copy of the demo database)."""

from __future__ import annotations

from pathlib import Path

from conftest import fingerprint
from test_releases import C1, _broken, _next_release
from test_workspace import analyst, button, db, demo, frames, open_page, texts  # noqa: F401 (db, demo: fixtures)

from safeguarding import indicators, releases
from safeguarding.store import open_store

CSV = "text/csv"


def _england(db: Path) -> float:
    frame = indicators.compute(open_store(db), "year")
    return frame[(frame.indicator_id == "rereferral_rate") & (frame.period == "2024-25")]["england"].iloc[0]


def test_the_settings_page_previews_then_saves_a_release(db):
    at = open_page(analyst(), "pages/settings.py")
    assert "No releases loaded: every benchmark is the shipped figure." in texts(at.caption)
    assert _england(db) == 22.6
    at.file_uploader[0].set_value([(C1.name, _next_release(C1.read_text(encoding="utf-8")).encode(), CSV)]).run()
    assert not at.exception, at.exception
    assert any("5 revised" in t for t in [str(e.value) for e in at.text])
    changes = next(f for f in frames(at) if "Change" in f.columns)
    england = changes[(changes["Area"] == "England") & (changes["Year"] == "2024-25")]
    assert england[["Before", "After", "Change"]].values.tolist() == [["22.6", "23.4", "revised"]]
    assert _england(db) == 22.6, "nothing is stored before Save"
    button(at, "Save these benchmarks").click().run()
    assert not at.exception, at.exception
    assert f"{C1.name}: loaded as release 1" in texts(at.success)
    assert _england(db) == 23.4
    listed = next(f for f in frames(at) if "Release" in f.columns)
    assert listed["File"].tolist() == [C1.name] and listed["By"].tolist()[0].endswith("Test Analyst")
    assert not at.file_uploader[0].value  # emptied for the next files


def test_a_bad_file_on_the_settings_page_changes_nothing(db):
    at = open_page(analyst(), "pages/settings.py")
    before = fingerprint(open_store(db))
    bad = _broken(C1.read_text(encoding="utf-8"), "letters in a figure").encode()
    at.file_uploader[0].set_value([(C1.name, bad, CSV)]).run()
    assert not at.exception, at.exception
    assert "nothing was changed" in texts(at.error)
    problems = next(f for f in frames(at) if "Problem" in f.columns)
    assert any("row 2, column rereferral_percent: '22.6%x' is not a number" in p for p in problems["Problem"])
    assert not [b for b in at.button if b.label.startswith("Save these benchmarks")]
    assert fingerprint(open_store(db)) == before and releases.releases(open_store(db)).empty
