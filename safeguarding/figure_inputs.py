"""What the figures of one period are built from, read once from the store: the same for pages and packs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from safeguarding import catalogue, challenges, definitions, flags, indicators, la_profile, quality, queries, \
    settings, spc
from safeguarding.export import suppression
from safeguarding.figure import Inputs
from safeguarding.periods import Quarter, parse_label
from safeguarding.store import Store


def _verdicts(store: Store, view: str, period: str) -> dict[str, dict]:
    """Each indicator's SPC verdict (variation, assurance, interval) for the period."""
    frame = spc.verdicts(store, view)
    if frame.empty:
        return {}
    start = parse_label(period)[1]
    rows = frame[pd.to_datetime(frame["period_start"]).dt.date == start]
    return {row["indicator_id"]: row for row in rows.to_dict("records")}


def comments(store: Store, period: str, view: str) -> dict[str, tuple]:
    """(agency, quarter, measure label, text) by indicator for the period's quarters, newest first."""
    start = parse_label(period)[1]
    last = Quarter(start).shift(0 if view == "quarter" else 3).start
    with store.read() as cur:
        rows = cur.execute(queries.q("assurance", "period_commentary"), {"first": start, "last": last}).fetchall()
    agencies, labels = catalogue.agencies(), catalogue.measures()
    by_measure: dict[str, list] = {}
    for agency, quarter, measure, text in rows:
        by_measure.setdefault(measure, []).append((agencies[agency].name if agency in agencies else agency,
                                                   Quarter(quarter).label,
                                                   labels[measure].label if measure in labels else measure, text))
    out = {}
    for ind in definitions.indicators().values():
        found = [c for m in (ind.numerator, ind.denominator) if m for c in by_measure.get(m, [])]
        if found:
            out[ind.id] = tuple(sorted(found, key=lambda c: c[1], reverse=True))
    return out


def _short(text: str, limit: int = 200) -> str:
    """A line cut to `limit` characters with an ellipsis (the whole question is on the detail page)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _previous(frame: pd.DataFrame, period: str) -> str | None:
    labels = sorted(set(zip(frame["period_start"], frame["period"])))
    names = [label for _, label in labels]
    position = names.index(period) if period in names else 0
    return names[position - 1] if position > 0 else None


def _cleared(found: dict[str, tuple], shown: pd.DataFrame, period: str) -> dict[str, tuple]:
    """The comments without those on a hidden figure (they may state the number): on a hidden quarter, or on
    any quarter of the period when the period's own figure is hidden."""
    hidden = {(i, Quarter(q).label) for i, q in suppression.hidden_quarters(shown)}
    whole = set(shown[(shown["period"] == period) & shown["suppressed"]]["indicator_id"])
    return {i: kept for i, comments in found.items()
            if (kept := tuple(c for c in comments if i not in whole and (i, c[1]) not in hidden))}


def load(store: Store, view: str, period: str, today: dt.date | None = None,
         rated: pd.DataFrame | None = None, commentary_on_hidden: bool = False) -> Inputs:
    """Everything figures for `period` need; `rated` is compute()'s frame for both views when already at hand.
    Commentary beside a hidden figure is left out unless `commentary_on_hidden` (the analyst cleared it)."""
    today = today or dt.date.today()
    rated = indicators.compute(store) if rated is None else rated
    shown = suppression.suppress(rated, settings.suppression_threshold(store), settings.disclosure_rule(store))
    frame = shown[shown["view"] == view].reset_index(drop=True)
    missing = flags.missing_set(quality.tracker(store))
    previous = _previous(frame, period)
    ids = list(definitions.indicators())
    missing_previous = {}
    if previous:
        for indicator_id in ids:
            named = flags.missing_returns(missing, flags.agencies_of(indicator_id), quality.quarters_of(previous),
                                          today)
            if named:
                missing_previous[indicator_id] = "; ".join(named)
    region_name = la_profile.names_and_region(store)[1]  # none when the authorities span regions
    return Inputs(
        view=view, period=period, frame=frame, years=shown[shown["view"] == "year"].reset_index(drop=True),
        flags=flags.flags(store, period, missing, today), verdicts=_verdicts(store, view, period),
        comments=comments(store, period, view) if commentary_on_hidden else
        _cleared(comments(store, period, view), shown, period), missing_previous=missing_previous,
        no_data={i: flags.no_data_reason(i, period, missing, today) for i in ids},
        region_name=region_name, today=today,
        questions={i: tuple(_short(c.line()) for c in found)
                   for i, found in challenges.open_by_indicator(store).items()},
    )
