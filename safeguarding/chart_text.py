"""Each chart's one-line text summary and its data table: the chart said in words, for every reader."""

from __future__ import annotations

import pandas as pd

from safeguarding import catalogue, comparators, definitions, numbers, rag, scorecard, thresholds
from safeguarding.words import in_sentence

SUMMARY_PERIODS = 8


def measure_label(code: str | None) -> str:
    """A measure code as words ("population" is the 0-17 population)."""
    if code is None:
        return ""
    if code == "population":
        return "Children aged 0-17"
    measure = catalogue.measures().get(code)
    return measure.label if measure else code


def _plural(view: str, count: int) -> str:
    word = "quarter" if view == "quarter" else "year"
    return f"{count} {word}{'s' if count != 1 else ''}"


def indicator_summary(indicator_id: str, rows: pd.DataFrame, comparator: str = "england",
                      selected: str | None = None, region_name: str = "") -> str:
    """'Children on child protection plans per 10,000 rose from 38.1 to 42.3 over 8 quarters; England 40.6.'"""
    ind = definitions.indicators()[indicator_id]
    rows = rows.sort_values("period_start")
    if selected in set(rows["period"]):
        rows = rows.iloc[:list(rows["period"]).index(selected) + 1]
    known = rows[rows["value"].notna()].tail(SUMMARY_PERIODS)
    if known.empty:
        return f"{ind.title}: no figures yet."
    last = known.iloc[-1]
    view = str(last["view"])
    end = scorecard.value_text(ind, last["value"], last["numerator"], last["denominator"])
    if len(known) == 1:
        text = f"{ind.title} was {end} in {last['period']}"
    else:
        first = known.iloc[0]
        start = scorecard.value_text(ind, first["value"], first["numerator"], first["denominator"])
        span = _plural(view, len(known))
        shown_first, shown_last = (numbers.rounded(r["value"], ind.unit, r["numerator"], r["denominator"])
                                   for r in (first, last))
        if shown_first == shown_last:
            text = f"{ind.title} was {end} in {last['period']}, the same as {span} earlier"
        else:
            verb = "rose" if shown_last > shown_first else "fell"
            text = f"{ind.title} {verb} from {start} to {end} over the {span} to {last['period']}"
    benchmark = scorecard.comparator_value(last.to_dict(), comparator)
    if scorecard.comparable(ind) and benchmark is not None:
        name = comparators.label(comparator, region_name)
        text += f"; {name} {scorecard.value_text(ind, benchmark)}"
    state = last.get("state") if "state" in last else None
    if isinstance(state, str) and state not in ("red", "amber", "green"):
        rating = rag.STATE_WORDS[state]
    else:
        rating = "Not rated" if last["rag"] == "grey" else f"Rated {rag.WORDS[last['rag']].lower()}"
    return text + f". {rating}."


def indicator_table(indicator_id: str, rows: pd.DataFrame, region_name: str = "") -> pd.DataFrame:
    """The figures behind an indicator chart: period, value, its parts, rating and benchmarks."""
    ind = definitions.indicators()[indicator_id]
    rows = rows.sort_values("period_start", ascending=False)
    table = pd.DataFrame({
        "Period": rows["period"],
        "Value": [scorecard.value_text(ind, v, n, d) for v, n, d in zip(rows["value"], rows["numerator"],
                                                                        rows["denominator"])],
        measure_label(ind.numerator): [scorecard.number(v, "count") for v in rows["numerator"]],
    })
    if ind.denominator:
        table[measure_label(ind.denominator)] = [scorecard.number(v, "count") for v in rows["denominator"]]
    table["Rating"] = ([rag.state_label(s) for s in rows["state"]] if "state" in rows
                       else [rag.label(r) for r in rows["rag"]])
    if scorecard.comparable(ind):
        for key in comparators.KEYS:
            table[comparators.label(key, region_name)] = [scorecard.number(v, ind.unit) for v in rows[key]]
        table["Benchmark year"] = list(rows["benchmark_year"])
    table["Why"] = list(rows["rag_reason"])
    return table.reset_index(drop=True)


def sparkline_text(indicator_id: str, trend: tuple, trend_periods: tuple) -> str:
    """A sparkline's range in words, its text alternative too: 'Last 8 quarters: 21.0% to 24.3%'. A sparkline
    scales to its own range, so a change of 0.2 can look like a cliff: the words say how big it really is."""
    ind = definitions.indicators()[indicator_id]
    known = [v for v in trend if not scorecard.missing(v)]
    if len(trend) < 2 or not known:
        return ""
    view = "year" if trend_periods and " Q" not in str(trend_periods[-1]) else "quarter"
    low, high = scorecard.value_text(ind, min(known)), scorecard.value_text(ind, max(known))
    span = f"{low} to {high}" if low != high else f"{low} throughout"
    return f"Last {_plural(view, len(trend))}: {span}"


def composition_summary(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str], period: str,
                        whole: str) -> str:
    """'In 2024-25 Q4 neglect was the largest category: 74 of 166 (44.6%); then emotional abuse 49 (29.5%).'"""
    parts = []
    for key, frame in rows_by_id.items():
        match = frame[frame["period"] == period]
        if len(match) and pd.notna(match.iloc[0]["value"]):
            parts.append((names[key], match.iloc[0]["numerator"], match.iloc[0]["value"], match.iloc[0]["denominator"]))
    if not parts:
        return f"No {whole} figures for {period}."
    parts.sort(key=lambda p: -p[2])
    name, count, share, total = parts[0]
    text = (f"In {period}, {in_sentence(name)} was the largest: {scorecard.number(count, 'count')} of "
            f"{scorecard.number(total, 'count')} {whole} ({scorecard.number(share, 'percent', count, total)}%)")
    if len(parts) > 1:
        second, second_count, second_share, second_total = parts[1]
        text += (f"; then {in_sentence(second)} {scorecard.number(second_count, 'count')} "
                 f"({scorecard.number(second_share, 'percent', second_count, second_total)}%)")
    return text + "."


def composition_table(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str]) -> pd.DataFrame:
    """Counts and shares per period, newest first."""
    records: dict[str, dict] = {}
    starts: dict[str, object] = {}
    for key, frame in rows_by_id.items():
        for row in frame.to_dict("records"):
            record = records.setdefault(row["period"], {"Period": row["period"]})
            starts[row["period"]] = row["period_start"]
            record[f"{names[key]} (number)"] = scorecard.number(row["numerator"], "count")
            record[f"{names[key]} (%)"] = scorecard.number(row["value"], "percent", row["numerator"],
                                                           row["denominator"])
    ordered = sorted(records, key=lambda p: starts[p], reverse=True)
    return pd.DataFrame([records[p] for p in ordered])


def funnel_summary(steps: list[tuple[str, float | None]], period: str) -> str:
    """'In 2024-25 Q4: 1,520 contacts; 328 referrals (21.6% of contacts); ...'"""
    shown = [(label, value) for label, value in steps if value is not None]
    if not shown:
        return f"No figures for {period}."
    bits = [f"{scorecard.number(shown[0][1], 'count')} {in_sentence(shown[0][0])}"]
    for (prev_label, prev), (label, value) in zip(shown, shown[1:]):
        share = f" ({numbers.percent_of(value, prev)}% of {in_sentence(prev_label)})" if prev else ""
        bits.append(f"{scorecard.number(value, 'count')} {in_sentence(label)}{share}")
    return f"In {period}: " + "; ".join(bits) + "."


def funnel_table(steps: list[tuple[str, float | None]]) -> pd.DataFrame:
    """The pathway's steps and counts."""
    return pd.DataFrame({"Step": [s for s, _ in steps], "Number": [scorecard.number(v, "count") for _, v in steps]})


def bars_summary(items: list[tuple[str, float | None, str]], unit: str, period: str, what: str) -> str:
    """Which items are below their limits, lowest first."""
    known = [(label, value, r) for label, value, r in items if value is not None]
    if not known:
        return f"No {what} figures for {period}."
    flagged = sorted((i for i in known if i[2] in ("red", "amber")), key=lambda i: i[1])
    if not flagged:
        return f"In {period}, every {what} figure is rated green or not rated."
    listed = ", ".join(f"{in_sentence(label)} {scorecard.number(value, unit)}{'%' if unit == 'percent' else ''} "
                       f"({rag.WORDS[r].lower()})" for label, value, r in flagged)
    return f"In {period}, {len(flagged)} of {len(known)} {what} figures need attention: {listed}."


def bars_table(items: list[tuple[str, float | None, str]], unit: str, limits: list | None = None) -> pd.DataFrame:
    """Label, value and rating of each bar, and each bar's limits in words when given."""
    table = pd.DataFrame({"": [label for label, _, _ in items],
                          "Value": [scorecard.number(v, unit) + ("%" if unit == "percent" and v is not None else "")
                                    for _, v, _ in items],
                          "Rating": [rag.label(r) for _, _, r in items]})
    if limits:
        table["Limits"] = [thresholds.describe(given, unit) for given in limits]
    return table


def lines_summary(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str], unit: str, period: str) -> str:
    """Each line's figure for the period in one sentence."""
    bits = []
    for key, frame in rows_by_id.items():
        match = frame[frame["period"] == period]
        if len(match) and pd.notna(match.iloc[0]["value"]):
            value = scorecard.number(match.iloc[0]["value"], unit) + ("%" if unit == "percent" else "")
            bits.append(f"{names[key]} {value}")
    return f"In {period}: " + "; ".join(bits) + "." if bits else f"No figures for {period}."


def lines_table(rows_by_id: dict[str, pd.DataFrame], names: dict[str, str], unit: str) -> pd.DataFrame:
    """One column per line, one row per period, newest first."""
    records: dict[str, dict] = {}
    starts: dict[str, object] = {}
    for key, frame in rows_by_id.items():
        for row in frame.to_dict("records"):
            record = records.setdefault(row["period"], {"Period": row["period"]})
            record[names[key]] = scorecard.number(row["value"], unit)
            starts[row["period"]] = row["period_start"]
    return pd.DataFrame([records[p] for p in sorted(records, key=lambda p: starts[p], reverse=True)])


def formula_words(indicator_id: str) -> str:
    """The formula in words: 'Referrals to children's social care ÷ Contacts received (one per child) × 100'."""
    ind = definitions.indicators()[indicator_id]
    top = measure_label(ind.numerator)
    if ind.unit == "count":
        return f"{top}, counted in the period ({ind.numerator})."
    scale = "× 100" if ind.unit == "percent" else "× 10,000"
    window = " over the last 12 months" if ind.unit == "rate" and ind.basis == "flow" else ""
    return (f"{top}{window} ÷ {measure_label(ind.denominator)} {scale} "
            f"({ind.numerator} / {ind.denominator}).")
