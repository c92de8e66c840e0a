"""The regional view: the partnerships side by side on the shared indicators (a "tartan rug").

Every figure comes from suppression.protected(): what a stranger may see under that partnership's own disclosure
rule, rated against its own thresholds. A partnership's fifth of the region is worked out from the figures as
shown and only from shown figures (queries/regional.sql), so a hidden figure takes no fifth and moves no one
else's: nothing in the rug says more about a hidden count than its "c" or "*" does.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from safeguarding import definitions, partnerships, queries, rag, scorecard
from safeguarding.export import suppression
from safeguarding.export.suppression import protected
from safeguarding.nulls import missing
from safeguarding.store import Store

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue" / "regional_indicators.csv"
COLUMNS = ["code", "partnership", "indicator_id", "indicator", "polarity", "value", "shown", "numerator_text",
           "denominator_text", "state", "state_text", "ranked", "quintile", "fifth"]
# Which way is better, for the words beside a top or bottom fifth (band and none: neither is better).
BETTER_HIGH = {"up": True, "down": False}


@dataclass(frozen=True)
class Member:
    """A partnership of the region and its store."""

    code: str
    name: str
    store: Store | None  # None: nothing loaded yet


def fifths_min() -> int:
    """The fewest shown figures an indicator is placed in fifths on (queries/rating.sql)."""
    return int(queries.constants("rating")["fifths_min"])


def catalogue() -> dict[str, str]:
    """The shared indicators of data/catalogue/regional_indicators.csv, with the reason each is shared."""
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        return {row["indicator_id"]: row["reason"] for row in csv.DictReader(handle)}


def shared_indicators(secrets: Mapping | None = None) -> list[str]:
    """The indicators the region shares: `[region] indicators = [...]` in the secrets file, else the catalogue's."""
    chosen = ((secrets or {}).get("region") or {}).get("indicators")
    if chosen is None:
        return list(catalogue())
    if isinstance(chosen, str) or not isinstance(chosen, Sequence):
        raise ValueError("[region] indicators in the secrets file must be a list of indicator ids, "
                         'e.g. indicators = ["referral_rate", "cp_rate"].')
    known = definitions.indicators()
    unknown = [str(i) for i in chosen if str(i) not in known]
    if unknown:
        raise ValueError(f"[region] indicators in the secrets file names {', '.join(unknown)}, which "
                         f"{'is not an indicator' if len(unknown) == 1 else 'are not indicators'}: use ids from "
                         "queries/indicators/ (e.g. referral_rate).")
    if not chosen:
        raise ValueError("[region] indicators in the secrets file is empty: list at least one indicator id.")
    return list(dict.fromkeys(str(i) for i in chosen))


def _marker(row: dict) -> str:
    return next((t for t in (row["numerator_text"], row["denominator_text"]) if t in suppression.MARKERS.values()),
                suppression.MARKERS[suppression.SUPPRESS])


def figures(member: Member, view: str, period: str, ids: Sequence[str]) -> list[dict]:
    """One partnership's protected figure for each shared indicator in the period (no row: no data)."""
    rows = {}
    if member.store is not None:
        frame = protected(member.store, view)
        rows = {r["indicator_id"]: r for r in frame[frame["period"] == period].to_dict("records")}
    defs = definitions.indicators()
    out = []
    for indicator_id in ids:
        ind, row = defs[indicator_id], rows.get(indicator_id)
        state = "no_data" if row is None or missing(row["state"]) else str(row["state"])
        hidden = row is not None and bool(row["suppressed"])
        if hidden:
            shown, value = _marker(row), None
        elif row is None or missing(row["value"]):
            shown, value = scorecard.value_text(ind, None), None
        else:
            shown = scorecard.value_text(ind, row["value"], row["numerator"], row["denominator"])
            # Placed by the figure as shown: figures that read the same are tied, whatever lies behind them.
            value = float(scorecard.number(row["value"], ind.unit, row["numerator"], row["denominator"])
                          .replace(",", ""))
        out.append({
            "code": member.code, "partnership": member.name, "indicator_id": indicator_id, "indicator": ind.title,
            "polarity": ind.polarity, "value": value, "shown": shown,
            "numerator_text": "" if row is None else row["numerator_text"],
            "denominator_text": "" if row is None else row["denominator_text"],
            "state": state, "state_text": rag.state_label(state),
        })
    return out


def fifths(figures: pd.DataFrame) -> pd.DataFrame:
    """(partnership, indicator_id, ranked, quintile) for every shown figure of `figures` (value not null)."""
    shown = figures.loc[figures["value"].notna(), ["code", "indicator_id", "value"]]
    shown = shown.rename(columns={"code": "partnership"})
    with duckdb.connect() as con:
        con.execute(queries.q("rating", "define_constants"))
        con.execute(queries.q("rating", "define_macros"))
        con.register("figures", shown)
        return con.execute(queries.q("regional", "fifths")).df()


def fifth_words(quintile, polarity: str) -> str:
    """'Top fifth (better)', 'Bottom fifth (worse)', 'Top fifth (highest)'; '' for fifths 2 to 4 and none."""
    if missing(quintile) or int(quintile) not in (1, 5):
        return ""
    top = int(quintile) == 5
    better_high = BETTER_HIGH.get(polarity)
    if better_high is None:
        how = "highest" if top else "lowest"
    else:
        how = "better" if top == better_high else "worse"
    return f"{'Top' if top else 'Bottom'} fifth ({how})"


def place(rows: list[dict]) -> pd.DataFrame:
    """The rug from every partnership's figures(): each shown figure placed in its fifth of the region."""
    frame = pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ("ranked", "quintile", "fifth")])
    frame["value"] = frame["value"].astype("float64")
    placed = fifths(frame).rename(columns={"partnership": "code"})[["code", "indicator_id", "quintile"]]
    frame = frame.merge(placed, on=["code", "indicator_id"], how="left")
    frame["ranked"] = frame.groupby("indicator_id")["value"].transform("count").astype("int64")
    frame["quintile"] = frame["quintile"].astype("Int64")
    frame["fifth"] = [fifth_words(q, p) for q, p in zip(frame["quintile"], frame["polarity"])]
    return frame[COLUMNS]


def rug(members: Sequence[Member], view: str, period: str, ids: Sequence[str]) -> pd.DataFrame:
    """Partnership by indicator for one period: the protected figure, its state and its fifth of the region."""
    return place([row for member in members for row in figures(member, view, period, ids)])


def members(secrets: Mapping, base: Path | str | None = None) -> list[tuple[str, str, Path | str]]:
    """(code, name, store location) of every partnership of the region, by name."""
    return [(p.code, p.name, partnerships.location(p.code, base)) for p in partnerships.configured(secrets)]
