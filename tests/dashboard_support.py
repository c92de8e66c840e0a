"""The demo database the dashboard tests share: built once per test session, copied for each test."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the package lives at the project root
    sys.path.insert(0, str(ROOT))

# Every page the dashboard lists, with the address a browser opens it at.
PAGE_URLS = {
    "pages/overview.py": "",
    "pages/annual.py": "annual",
    "pages/front_door.py": "front_door",
    "pages/child_protection.py": "child_protection",
    "pages/children_in_care.py": "children_in_care",
    "pages/partners.py": "partners",
    "pages/training.py": "training",
    "pages/indicator.py": "indicator",
    "pages/data_quality.py": "data_quality",
    "pages/board_pack.py": "board_pack",
    "pages/challenges.py": "challenges",
    "pages/business_plan.py": "business_plan",
    "pages/yearly_report.py": "yearly_report",
    # The analyst pages: the browser suite's server runs in single-user local mode, so its user is the analyst.
    "pages/upload.py": "upload",
    "pages/submissions.py": "submissions",
    "pages/templates.py": "templates",
    "pages/thresholds.py": "thresholds",
    "pages/settings.py": "settings",
}
# The theme pages' questions: a tab each, its charts drawn only while it is open; how many charts each tab draws.
QUESTION_CHARTS = {
    "pages/front_door.py": (2, 2), "pages/child_protection.py": (2, 2, 2), "pages/children_in_care.py": (2, 2),
    "pages/partners.py": (2, 2), "pages/training.py": (2, 2),
}
# Pages that must draw at least this many plotly charts with the demo data as they open (a theme page: its first
# question's).
CHARTS_EXPECTED = {
    "pages/overview.py": 0, "pages/annual.py": 0, "pages/data_quality.py": 0, "pages/indicator.py": 1,
    "pages/board_pack.py": 0, "pages/challenges.py": 0, "pages/business_plan.py": 1, "pages/yearly_report.py": 0,
    "pages/upload.py": 0, "pages/submissions.py": 0, "pages/templates.py": 0,
    "pages/thresholds.py": 0, "pages/settings.py": 0,
    **{page: charts[0] for page, charts in QUESTION_CHARTS.items()},
}


def each_question(at, page_file: str) -> Iterator[str]:
    """Open each question's tab of a theme page in turn in an AppTest (run and raising nothing); yields its label."""
    from pages.ui import state

    labels = [tab.label for tab in at.get("tab")]
    assert len(labels) == len(QUESTION_CHARTS[page_file]), labels
    for label in labels:
        at.session_state[state.THEME_QUESTION + Path(page_file).stem] = label
        at.run()
        assert not at.exception, at.exception
        yield label


def built_once(base: Path, name: str, build: Callable[[Path], object]) -> Path:
    """`base`/`name`, made by `build(path)` the first time any test asks for it. Under pytest-xdist every worker's
    `base` sits in one shared folder: the first worker builds there, under a lock, and the others wait. Tests
    open a copy (copy_of): a DuckDB file is locked by the one process that has it open."""
    import fcntl
    import os

    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    path = base / name
    if path.exists():
        return path
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = base / f"building.{name}"
            if building.is_dir():  # left by a build that failed
                shutil.rmtree(building)
            building.unlink(missing_ok=True)
            build(building)
            building.replace(path)  # complete before any worker can see it
    return path


def empty_database(base: Path) -> Path:
    """A newly created store file, empty of submissions, made once for the whole run (see built_once): creating
    one builds every table and loads the reference data, so tests copy this file instead."""
    from safeguarding.store import Store

    return built_once(base, "pristine.duckdb", lambda path: Store(path).close())


def demo_database(base: Path) -> Path:
    """The demo database under `base`, built once for the whole run (see built_once)."""
    from safeguarding.demo import build_demo_database

    def build(path: Path) -> None:
        (path.parent / "demo.summary.txt").write_text(build_demo_database(path), encoding="utf-8")

    return built_once(base, "demo.duckdb", build)


def demo_summary(demo: Path) -> str:
    """What the build of the demo database at `demo` (by demo_database) said it did."""
    return (demo.parent / "demo.summary.txt").read_text(encoding="utf-8")


def copy_of(source: Path, target: Path) -> Path:
    """A private copy of a database file (a test may write to it, or hold its lock)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def explicit_navigation_only(monkeypatch=None) -> None:
    """Make AppTest run the app as a real server does once st.navigation has been called."""
    # AppTest re-detects the pages/ folder before every run and so takes the old automatic-pages path,
    # which runs the page script without dashboard.py (the page then reruns the frame itself, see
    # pages/ui/state.py filters(), but a button click is lost on the way). A server does this only for
    # the first request of its process. With pytest's `monkeypatch` the change ends with the test.
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager.__init__, "explicit_only", False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init.explicit_only = True
    if monkeypatch is not None:
        monkeypatch.setattr(PagesManager, "__init__", init)
    else:
        PagesManager.__init__ = init


@contextlib.contextmanager
def private_database(demo: Path, target: Path, monkeypatch) -> Iterator[Path]:
    """A copy of the demo database as $SAFEGUARDING_DB for one test, with Streamlit's caches empty before and after
    (they outlive an AppTest) and the store closed at the end."""
    db = copy_of(demo, target)
    monkeypatch.setenv("SAFEGUARDING_DB", str(db))
    with fresh_caches(db):
        yield db


@contextlib.contextmanager
def fresh_caches(db: Path) -> Iterator[None]:
    """Streamlit's caches empty before and after (they outlive an AppTest); the process's store of `db` closed
    afterwards if the app opened it."""
    import streamlit as st

    from safeguarding import store

    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()
        opened = store._open.get(str(db.resolve()))
        if opened is not None:
            opened.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo database, built once per test session."""
    return demo_database(tmp_path_factory.getbasetemp())


@pytest.fixture
def app_db(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo database as $SAFEGUARDING_DB, the app run as a server runs it."""
    explicit_navigation_only(monkeypatch)
    with private_database(demo_db, tmp_path / "dashboard.duckdb", monkeypatch) as db:
        yield db


def seen(text: str) -> str:
    """Markdown as a reader sees it: partners' and visitors' words arrive with every punctuation mark escaped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def table_seen(element):
    """An st.table's frame as a reader sees it (its cells are Markdown, escaped by blocks.text_table)."""
    return element.value.rename(columns=seen).map(lambda v: seen(v) if isinstance(v, str) else v)
def started(timeout: float = 30):
    """The dashboard under AppTest after its first run (the overview), which must not have raised."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    at.run()
    assert not at.exception, at.exception
    return at
