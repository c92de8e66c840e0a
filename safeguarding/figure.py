"""One indicator in one period as every page, pack and download shows it: built once, rendered everywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from safeguarding import catalogue, comparators, definitions, rag, scorecard, spc
from safeguarding.definitions import Indicator
from safeguarding.flags import Flag
from safeguarding.words import in_sentence

SPARK_PERIODS = scorecard.SPARK_PERIODS
SMALL_DENOMINATOR = 100  # a percentage over fewer than this shows its 95% interval beside it


@dataclass(frozen=True)
class Figure:
    """An indicator's figure for one period with everything said about it."""

    indicator_id: str
    title: str
    theme: str
    period: str
    view: str
    value: float | None
    value_text: str
    state: str
    reason: str
    change_text: str
    comparison_text: str
    rated_against: str = ""      # what the rating used: 'England' (relative limits) or "the partnership's limits"
    rated_note: str = ""         # said beside the comparison when the sidebar's is not the one rated against
    quartile_text: str = ""
    parts_text: str = ""
    interval_text: str = ""
    flags: tuple[Flag, ...] = ()
    commentary: str = ""         # the first line of the first partner's note for the period, as plain text
    questions: tuple[str, ...] = ()  # the partnership's open questions to agencies about this indicator
    variation: str | None = None
    assurance: str | None = None
    fallback_period: str = ""    # when the figure is suppressed: the year shown instead
    fallback_text: str = ""
    numerator: float | None = None
    denominator: float | None = None
    headline: int | None = None
    unit: str = ""
    trend: tuple[float | None, ...] = field(default_factory=tuple)
    trend_periods: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rag(self) -> str:
        """The rating colour the figure is drawn in (grey for every state without a rating)."""
        return rag.colour_key(self.state)

    @property
    def state_word(self) -> str:
        return rag.STATE_WORDS[self.state]

    @property
    def state_symbol(self) -> str:
        return rag.STATE_SYMBOLS[self.state]

    @property
    def state_label(self) -> str:
        return rag.state_label(self.state)

    @property
    def needs_attention(self) -> bool:
        return self.state in ("red", "amber")

    @property
    def variation_text(self) -> str:
        """'Special cause: concerning' with its symbol, or '' when no verdict was made."""
        if not self.variation:
            return ""
        return f"{spc.VARIATION_SYMBOLS[self.variation]} {spc.VARIATION_WORDS[self.variation]}"

    @property
    def assurance_text(self) -> str:
        """'Consistently failing the target' with its symbol, or '' when there is none to give."""
        if not self.assurance or self.assurance == "none":
            return ""
        return f"{spc.ASSURANCE_SYMBOLS[self.assurance]} {spc.ASSURANCE_WORDS[self.assurance]}"

    @property
    def spc_text(self) -> str:
        return "; ".join(t for t in (self.variation_text, self.assurance_text) if t)

    @property
    def shown_text(self) -> str:
        """The headline figure: the value, or for a suppressed one the year figure that stands in, labelled."""
        if self.fallback_text:
            return self.fallback_text
        return self.value_text

    @property
    def value_with_unit(self) -> str:
        """The value with its unit where the page has no title to carry it: '48.2 per 10,000'."""
        if self.unit == "rate" and self.value_text[:1].isdigit():
            return f"{self.value_text} per 10,000"
        return self.value_text

    @property
    def shown_label(self) -> str:
        """What the headline figure is the figure for."""
        return f"{self.fallback_period} (financial year)" if self.fallback_text else self.period


def _clean(value):
    return None if scorecard.missing(value) else float(value)


def value_text(ind: Indicator, row: dict) -> str:
    """The figure as shown: 'c' (or '*') for a hidden count, 'Suppressed' for a figure worked out from one."""
    if row.get("suppressed"):
        return row.get("numerator_text") or "c" if ind.unit == "count" else "Suppressed"
    return scorecard.value_text(ind, row.get("value"))


def parts_text(ind: Indicator, row: dict) -> str:
    """'355 of 431 assessments completed': the counts behind a percentage or rate, suppressed as shown."""
    if ind.unit == "count" or not row.get("numerator_text"):
        return ""
    labels = catalogue.measures()
    if ind.unit == "percent":
        whole = labels[ind.denominator].label if ind.denominator in labels else ind.denominator
        return f"{row['numerator_text']} of {row['denominator_text']} {in_sentence(whole)}"
    part = labels[ind.numerator].label if ind.numerator in labels else ind.numerator
    return f"{row['numerator_text']} {in_sentence(part)}"


def interval_text(ind: Indicator, row: dict, verdict: dict) -> str:
    """'4 of 9: 44.4% (95% interval 19% to 73%)' for a percentage over a small denominator, else ''."""
    lo, hi = verdict.get("interval_lo"), verdict.get("interval_hi")
    denominator = _clean(row.get("denominator"))
    if ind.unit != "percent" or row.get("suppressed") or scorecard.missing(lo) or scorecard.missing(hi) \
            or denominator is None or denominator >= SMALL_DENOMINATOR:
        return ""
    shown = scorecard.number(row["numerator"], "count"), scorecard.number(denominator, "count")
    return (f"{shown[0]} of {shown[1]}: {scorecard.value_text(ind, row['value'])} (95% interval "
            f"{scorecard.number(lo, 'count')}% to {scorecard.number(hi, 'count')}%)")


def change_text(ind: Indicator, row: dict, previous: dict | None, previous_label: str | None,
                missing_previous: str = "") -> str:
    """The change since the previous period in words, never from a suppressed figure; a missing return named."""
    if row.get("suppressed") or (previous and previous.get("suppressed")):
        return "not compared (suppressed)"
    if previous_label and (not previous or scorecard.missing(previous.get("value"))):
        if missing_previous:
            return f"not compared: {missing_previous}"
        return f"no {previous_label} figure to compare"
    return scorecard.change_text(ind, row.get("value"), (previous or {}).get("value"))


def rated_against(ind: Indicator, row: dict, region_name: str = "") -> str:
    """What the rating compared the figure with ('' for a context figure)."""
    method = row.get("method")
    if scorecard.missing(method) or method in (None, "none"):
        return ""
    if method == "relative":
        return comparators.label(row.get("comparator") or "england", region_name)
    return "the partnership's limits"


def quartile_text(ind: Indicator, row: dict) -> str:
    """'Quartile 2 of 4 among English LAs (DfE 2023-24; 1 = lowest)' where DfE publishes the measure."""
    quartile = row.get("la_quartile")
    if not scorecard.comparable(ind) or scorecard.missing(quartile):
        return ""
    year = str(row.get("benchmark_year") or "").replace(" (latest published)", ", latest published")
    return f"Quartile {int(quartile)} of 4 among English LAs (DfE {year}; 1 = lowest values)"


def fallback(ind: Indicator, row: dict, years: dict[str, dict]) -> tuple[str, str]:
    """(year, '2024-25 financial year: 5.2%') for a suppressed quarter: its year's figure, else the year before."""
    if not row.get("suppressed") or row.get("view") != "quarter":
        return "", ""
    start = pd.Timestamp(row["period_start"]).date()
    first = start.year - (start.month < 4)
    for year in (f"{first}-{(first + 1) % 100:02d}", f"{first - 1}-{first % 100:02d}"):
        found = years.get(year)
        if found and not found.get("suppressed") and not scorecard.missing(found.get("value")):
            return year, f"{value_text(ind, found)} ({year} financial year)"
    return "", ""


@dataclass(frozen=True)
class Inputs:
    """What figures are built from, loaded once per store, view and period (figure_inputs.load)."""

    view: str
    period: str
    frame: pd.DataFrame                 # one view's rated figures, small numbers suppressed
    years: pd.DataFrame                 # the year view, suppressed, for a quarter's fallback
    flags: dict[str, tuple[Flag, ...]]
    verdicts: dict[str, dict]           # SPC verdicts for the period by indicator
    comments: dict[str, tuple]          # (agency, quarter, measure label, text) by indicator, newest first
    missing_previous: dict[str, str]    # a missing return that leaves no previous figure, by indicator
    no_data: dict[str, str]             # why a figure is missing, by indicator
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # open challenges' lines by indicator
    region_name: str = ""
    today: dt.date = field(default_factory=dt.date.today)


def first_line(comments: tuple) -> str:
    """'Children's social care: first line of the first note' (plain text, at most 200 characters)."""
    if not comments:
        return ""
    agency, _, _, text = comments[0]
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    line = line if len(line) <= 200 else line[:199].rstrip() + "\u2026"
    return f"{agency}: {line}"


def _reason(row: dict, state: str, why: str) -> str:
    if state == "no_data" and why and scorecard.missing(row.get("value")):
        return f"No data: {why}."
    text = str(row.get("rag_reason") or "")
    return text.replace("Not rated: ", f"{rag.STATE_WORDS[state]}: ", 1) if text.startswith("Not rated: ") else text


def build(inputs: Inputs, comparator: str | None = None, ids: list[str] | None = None) -> list[Figure]:
    """A figure per indicator (all, or `ids` in that order) for the inputs' period; `comparator` None: the rating's."""
    defs = definitions.indicators()
    wanted = ids if ids is not None else list(defs)
    years = {}
    for row in inputs.years.to_dict("records"):
        years.setdefault(row["indicator_id"], {})[row["period"]] = row
    out = []
    series: dict[str, list[dict]] = {}
    for row in inputs.frame.sort_values("period_start").to_dict("records"):
        series.setdefault(row["indicator_id"], []).append(row)
    for indicator_id, records in series.items():
        if indicator_id not in defs or indicator_id not in wanted:
            continue
        position = next((i for i, r in enumerate(records) if r["period"] == inputs.period), None)
        if position is None:
            continue
        row, ind = records[position], defs[indicator_id]
        previous = records[position - 1] if position > 0 else None
        history = records[max(0, position - SPARK_PERIODS + 1):position + 1]
        chosen = comparator or row.get("comparator") or "england"
        against = rated_against(ind, row, inputs.region_name)
        rating_key = row.get("comparator") or "england"
        note = (f"rated against {against}" if row.get("method") == "relative" and chosen != rating_key else "")
        verdict = inputs.verdicts.get(indicator_id, {})
        year, shown = fallback(ind, row, years.get(indicator_id, {}))
        state = row.get("state") or "no_data"
        out.append(Figure(
            indicator_id=indicator_id, title=ind.title, theme=ind.theme, period=inputs.period, view=inputs.view,
            value=_clean(row["value"]), value_text=value_text(ind, row), state=state,
            reason=_reason(row, state, inputs.no_data.get(indicator_id, "")),
            change_text=change_text(ind, row, previous, previous["period"] if previous else None,
                                    inputs.missing_previous.get(indicator_id, "")),
            comparison_text=scorecard.comparator_text(ind, row, chosen, inputs.region_name),
            rated_against=against, rated_note=note, quartile_text=quartile_text(ind, row),
            parts_text=parts_text(ind, row), interval_text=interval_text(ind, row, verdict),
            flags=inputs.flags.get(indicator_id, ()), commentary=first_line(inputs.comments.get(indicator_id, ())),
            questions=inputs.questions.get(indicator_id, ()),
            variation=verdict.get("variation"), assurance=verdict.get("assurance"),
            fallback_period=year, fallback_text=shown,
            numerator=_clean(row["numerator"]), denominator=_clean(row["denominator"]), headline=ind.headline,
            unit=ind.unit,
            trend=tuple(_clean(r["value"]) for r in history), trend_periods=tuple(r["period"] for r in history),
        ))
    return sorted(out, key=lambda item: wanted.index(item.indicator_id))


def state_counts(figures: list[Figure]) -> dict[str, int]:
    """How many figures are in each state, every state listed."""
    counts = {key: 0 for key in rag.STATES}
    for item in figures:
        counts[item.state] += 1
    return counts
