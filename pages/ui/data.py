"""The thin caching adapter between pages and the core: every st.cache_* of the dashboard lives here.

Results are keyed on the database path and `store.generation` (bumped by every write), so a load
through any page is seen at once and nothing stale is served; emptying the caches only costs a recompute.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from pages.ui import access, state
from safeguarding import agenda, detail, figure, figure_inputs, indicators, la_profile, partnerships, quality, \
    scorecard, settings, views, xmr_view
from safeguarding.commentary import redacted
from safeguarding.export import suppression
from safeguarding.partnership_store import open_partnership
from safeguarding.store import Store, StoreError, StoreLocked, default_path, open_store

T = TypeVar("T")
_BUILD_LOCK = threading.Lock()  # two first visitors must not both build the demo


@dataclass(frozen=True)
class Partnership:
    """Who the dashboard is for, as the sidebar and banners show it."""

    name: str
    demo: bool
    la_name: str
    region_name: str


def db_path() -> Path | str:
    """The store of the partnership this session works in; in a single-partnership service $SAFEGUARDING_DB (a
    file, or a postgresql:// URL), else data/safeguarding.duckdb."""
    if access.hosted():
        chosen = access.partnership()
        if chosen is None:  # the frame stops before this; a page reached another way still reads nothing
            raise StoreError("You are not in any partnership on this service.")
        return partnerships.location(chosen.code)
    return default_path()


def ensure_database() -> None:
    """Build the demo database when there is no database file yet, showing progress as it goes (a hosted
    partnership's store starts empty instead)."""
    if access.hosted():
        return
    path = db_path()
    if isinstance(path, str) or path.exists():  # a shared store's schema is made when it is first opened
        return
    with _BUILD_LOCK:
        if path.exists():
            return
        from safeguarding import demo

        with st.status("No database yet: building the demo partnership from the sample returns...",
                       expanded=True) as status:
            summary = demo.build_demo_database(path, progress=status.write)
            status.update(label="Demo database ready", state="complete", expanded=False)
        st.toast(summary[:200])


def store_ready() -> bool:
    """True when the database can be opened; else a plain notice that tries again by itself (never a traceback)."""
    try:
        store()
    except StoreLocked as exc:
        st.info(f"**A load is in progress**: the database is in use by {exc.holder or 'another program'}. "
                "The dashboard opens by itself when it has finished; this page tries again every few seconds.",
                icon=":material/hourglass_top:")
        _try_again()
        return False
    except StoreError as exc:
        st.error(f"The dashboard cannot open its database. {exc}", icon=":material/error:")
        return False
    return True


@st.fragment(run_every=3)
def _try_again() -> None:
    try:
        store()
    except StoreError:
        return
    st.rerun(scope="app")


def _store(path: str) -> Store:
    # The core keeps one Store per file per process, outside Streamlit's caches: a visitor's "clear cache"
    # message empties those, and a second Store would have a second write lock.
    return open_store(path)


def store() -> Store:
    """The process's store for this session's partnership (made on first use and seeded from the registry)."""
    chosen = access.partnership()
    if chosen is not None:
        return open_partnership(chosen)
    return _store(str(db_path()))


def _key() -> tuple[str, int]:
    s = store()
    return str(s.path), s.generation


# What a first visit to the Overview reads, worked out by prepare() before the server answers (scripts/serve.py):
# each cached function below takes its entry, once, instead of working it out again. Streamlit's caches exist
# only once the server runs, so they cannot be filled beforehand themselves.
_PREPARED: dict[tuple, object] = {}
_PREPARED_LOCK = threading.Lock()
_NOT_PREPARED = object()


def _prepared(key: tuple, work: Callable[[], T]) -> T:
    with _PREPARED_LOCK:
        found = _PREPARED.pop(key, _NOT_PREPARED)
    return work() if found is _NOT_PREPARED else found


def prepare(path: Path | str) -> None:
    """Work out what the first visit to the Overview reads (the default view, period and comparator, for an
    analyst or a viewer), for the cached functions below to take when the first page runs."""
    s = open_store(path)
    key = (str(s.path), s.generation)
    view, comparator = state.DEFAULTS[state.VIEW], state.DEFAULTS[state.COMPARATOR]
    found = {"results": {v: indicators.compute(s, v) for v in ("quarter", "year")},
             "protected": suppression.protected(s), "partnership": _partnership_of(s), "limits": _limits_of(s)}
    period = scorecard.default_period(found["results"][view])
    if period is not None:
        found["inputs"] = figure_inputs.load(s, view, period, rated=_both(found["results"]))
        found["tiles"] = figure.build(found["inputs"], comparator, None)
    with _PREPARED_LOCK:
        _PREPARED.clear()
        _PREPARED.update({("results", *key, v): frame for v, frame in found["results"].items()})
        _PREPARED.update({(name, *key): found[name] for name in ("protected", "partnership", "limits")})
        if period is not None:
            _PREPARED[("inputs", *key, view, period)] = found["inputs"]
            _PREPARED[("tiles", *key, view, period, comparator, None)] = found["tiles"]


def _both(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([results["quarter"], results["year"]], ignore_index=True)


@st.cache_data(max_entries=8, show_spinner=False)
def _results(path: str, generation: int, view: str) -> pd.DataFrame:
    return _prepared(("results", path, generation, view), lambda: indicators.compute(_store(path), view))


def exact() -> bool:
    """Analysts (and single-user local mode) see exact figures in charts and tables; a viewer of a shared
    dashboard sees them under the partnership's disclosure rule, as the exports show them."""
    return access.is_analyst()


@st.cache_data(max_entries=4, show_spinner=False)
def _protected(path: str, generation: int) -> pd.DataFrame:
    return _prepared(("protected", path, generation), lambda: suppression.protected(_store(path)))


def _shown(path: str, generation: int, view: str, exact_figures: bool) -> pd.DataFrame:
    if exact_figures:
        return _results(path, generation, view)
    frame = _protected(path, generation)
    return frame[frame["view"] == view].reset_index(drop=True)


def results(view: str) -> pd.DataFrame:
    """Every rated indicator for one view ('quarter' or 'year')."""
    return _shown(*_key(), view, exact())


def _limits_of(s: Store) -> dict:
    with s.read() as cur:
        return indicators.thresholds(cur)


@st.cache_data(max_entries=4, show_spinner=False)
def _limits(path: str, generation: int) -> dict:
    return _prepared(("limits", path, generation), lambda: _limits_of(_store(path)))


def limits() -> dict:
    """The partnership's stored RAG limits by indicator."""
    return _limits(*_key())


def _partnership_of(s: Store) -> Partnership:
    la_name, region = la_profile.names_and_region(s)
    return Partnership(settings.partnership_name(s), settings.is_demo(s), la_name, region)


@st.cache_data(max_entries=4, show_spinner=False)
def _partnership(path: str, generation: int) -> Partnership:
    return _prepared(("partnership", path, generation), lambda: _partnership_of(_store(path)))


def partnership() -> Partnership:
    """The partnership's name, demo flag, local authority and region."""
    return _partnership(*_key())


@st.cache_data(max_entries=8, show_spinner=False)
def _inputs(path: str, generation: int, view: str, period: str) -> figure.Inputs:
    return _prepared(("inputs", path, generation, view, period), lambda: figure_inputs.load(
        _store(path), view, period, rated=_both({v: _results(path, generation, v) for v in ("quarter", "year")})))


@st.cache_data(max_entries=32, show_spinner=False)
def _tiles(path: str, generation: int, view: str, period: str, comparator: str,
           ids: tuple[str, ...] | None) -> list[figure.Figure]:
    return _prepared(("tiles", path, generation, view, period, comparator, ids), lambda: figure.build(
        _inputs(path, generation, view, period), comparator, list(ids) if ids else None))


def tiles(view: str, period: str, comparator: str, ids: list[str] | None = None) -> list[figure.Figure]:
    """The figures of the given indicators (all when None) for one period, as every page and pack shows them."""
    return _tiles(*_key(), view, period, comparator, tuple(ids) if ids else None)


@st.cache_data(max_entries=16, show_spinner=False)
def _xmr(path: str, generation: int, indicator_id: str, view: str) -> views.Chart | None:
    found = xmr_view.points(_store(path), indicator_id, view)
    return None if found is None or found.empty else xmr_view.xmr_chart(found, indicator_id, view)


def xmr(indicator_id: str, view: str) -> views.Chart | None:
    """The indicator's XmR chart over every loaded period of the view (None when there is none to draw)."""
    return _xmr(*_key(), indicator_id, view)


# Shared, not copied: a context and its charts are only read once built, and a copy of a plotly figure is
# validated afresh, which is most of the cost of building it.
@st.cache_resource(max_entries=16, show_spinner=False)
def _context(path: str, generation: int, view: str, period: str, comparator: str,
             exact_figures: bool) -> views.Context:
    return views.Context(_shown(path, generation, view, exact_figures), _limits(path, generation), period,
                         comparator, _partnership(path, generation).region_name)


@st.cache_resource(max_entries=256, show_spinner=False)
def _chart(path: str, generation: int, view: str, period: str, comparator: str, exact_figures: bool, name: str,
           args: tuple, options: tuple, _build) -> views.Chart:
    return _build(_context(path, generation, view, period, comparator, exact_figures), *args, **dict(options))


def chart(build, view: str, period: str, comparator: str, *args, exact_figures: bool | None = None,
          **kwargs) -> views.Chart:
    """The chart `build(context, *args, **kwargs)` for the sidebar's choices, built once per choice and store
    generation; `exact_figures=False` draws it under the disclosure rule whoever asks (for chart images)."""
    shown = exact() if exact_figures is None else exact_figures
    return _chart(*_key(), view, period, comparator, shown, f"{build.__module__}.{build.__qualname__}", args,
                  tuple(sorted(kwargs.items())), build)


@st.cache_data(max_entries=4, show_spinner=False)
def _tracker(path: str, generation: int) -> pd.DataFrame:
    return quality.tracker(_store(path))


def tracker() -> pd.DataFrame:
    """The submission tracker (agency x quarter)."""
    return _tracker(*_key())


@st.cache_data(max_entries=4, show_spinner=False)
def _warnings(path: str, generation: int) -> pd.DataFrame:
    return quality.open_warnings(_store(path))


def open_warnings() -> pd.DataFrame:
    """The warnings of the returns in force; a viewer reads them without the figures and words they quote."""
    found = _warnings(*_key())
    if exact() or found.empty:
        return found
    return found.assign(**{"What the check found": [redacted(m) for m in found["What the check found"]]})


@st.cache_data(max_entries=64, show_spinner=False)
def _commentary(path: str, generation: int, indicator_id: str, exact_figures: bool) -> pd.DataFrame:
    hidden = set() if exact_figures else \
        {q for i, q in suppression.hidden_quarters(_protected(path, generation)) if i == indicator_id}
    return detail.commentary(_store(path), indicator_id, leave_out=hidden)


def commentary(indicator_id: str) -> pd.DataFrame:
    """The partners' narrative for an indicator, newest first."""
    return _commentary(*_key(), indicator_id, exact())


@st.cache_data(max_entries=64, show_spinner=False)
def _source(path: str, generation: int, indicator_id: str) -> str:
    return detail.benchmark_source(_store(path), indicator_id)


def benchmark_source(indicator_id: str) -> str:
    """Where the indicator's benchmark comes from."""
    return _source(*_key(), indicator_id)


def period_options(view: str) -> tuple[list[str], str | None]:
    """The view's periods (newest first) and the default: the newest with any figure."""
    frame = results(view)
    return scorecard.periods(frame), scorecard.default_period(frame)


def indicator_ids() -> list[str]:
    """Every indicator id, headlines first, then by theme."""
    return agenda.catalogue_order()


@st.cache_data(max_entries=8, show_spinner=False)
def _annual(path: str, generation: int, year: str | None) -> pd.DataFrame:
    region = _partnership(path, generation).region_name
    return scorecard.annual_table(_results(path, generation, "year"), year, 3, region)


def annual(year: str | None) -> pd.DataFrame:
    """The annual report table for the three financial years ending with `year`."""
    return _annual(*_key(), year)


def row(view: str, indicator_id: str, period: str) -> dict:
    """One indicator's result for one period."""
    return scorecard.row_for(results(view), indicator_id, period)
