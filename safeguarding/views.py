"""The charts each page shows, assembled from the rated indicators: figure, one-line summary, data table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from safeguarding import chart_text, charts, definitions, glossary, numbers, scorecard
from safeguarding.definitions import Limits
from safeguarding.nulls import as_float

REFERRAL_SOURCES = {"referral_source_police": "Police", "referral_source_schools": "Schools",
                    "referral_source_health": "Health services", "referral_source_la": "Local authority services",
                    "referral_source_other": "Other sources"}
ABUSE_CATEGORIES = {"cp_category_neglect": "Neglect", "cp_category_emotional": "Emotional abuse",
                    "cp_category_physical": "Physical abuse", "cp_category_sexual": "Sexual abuse",
                    "cp_category_multiple": "Multiple categories"}
PARTNER_ATTENDANCE = {"police_strategy_attendance": "Police at strategy discussions",
                      "health_icpc_attendance": "Health at ICPCs", "education_icpc_attendance": "Schools at ICPCs"}
TRAINING_BY_AGENCY = {"training_attendance_csc": "Children's social care", "training_attendance_police": "Police",
                      "training_attendance_health": "Health", "training_attendance_education": "Education",
                      "training_attendance_vcs": "Voluntary and community sector",
                      "training_attendance_other": "Other agencies"}
TRAINING_PLACES = {"training_fill_rate": "Booked (of places offered)", "training_attendance": "Attended (of booked)",
                   "training_dna": "Did not attend (DNA)"}


@dataclass(frozen=True)
class Context:
    """What every chart needs: one view's rated indicators, the limits, and the sidebar's choices."""

    frame: pd.DataFrame
    limits: dict[str, Limits]
    period: str
    comparator: str = "england"
    region_name: str = ""

    @cached_property
    def series(self) -> dict[str, pd.DataFrame]:
        """Each indicator's rows in period order (split once: filtering the whole frame per chart was slow)."""
        return {key: rows.sort_values("period_start").reset_index(drop=True)
                for key, rows in self.frame.groupby("indicator_id", sort=False)}

    @cached_property
    def current(self) -> dict[str, dict]:
        """Each indicator's row for the selected period."""
        rows = self.frame[self.frame["period"] == self.period]
        return {row["indicator_id"]: row for row in rows.to_dict("records")}

    @cached_property
    def recent(self) -> list[str]:
        """The last eight periods up to the selected one, oldest first."""
        ordered = scorecard.periods(self.frame)
        if self.period in ordered:
            ordered = ordered[ordered.index(self.period):]
        return ordered[:8][::-1]


@dataclass(frozen=True)
class Chart:
    """A figure with its one-line summary, its data table and a glossary tooltip."""

    key: str
    figure: go.Figure
    summary: str
    table: pd.DataFrame
    help: str = ""
    indicator_id: str | None = None


def _rows(ctx: Context, indicator_id: str) -> pd.DataFrame:
    return ctx.series.get(indicator_id, ctx.frame.iloc[0:0])


def _row(ctx: Context, indicator_id: str) -> dict:
    return ctx.current.get(indicator_id, {})


def _limits(ctx: Context, indicator_id: str) -> Limits:
    return ctx.limits.get(indicator_id, definitions.indicators()[indicator_id].default_limits)


def indicator_chart(ctx: Context, indicator_id: str, all_periods: bool = False) -> Chart:
    """One indicator's trend with bands and benchmarks: the last eight periods, or every one loaded."""
    ind = definitions.indicators()[indicator_id]
    rows = _rows(ctx, indicator_id)
    if not all_periods:
        rows = rows[rows["period"].isin(set(ctx.recent))]
    figure = charts.mark_suppressed(charts.indicator_figure(indicator_id, rows, _limits(ctx, indicator_id),
                                                            ctx.comparator, ctx.period, ctx.region_name), rows)
    return Chart(indicator_id, figure,
                 chart_text.indicator_summary(indicator_id, rows, ctx.comparator, ctx.period, ctx.region_name),
                 chart_text.indicator_table(indicator_id, rows, ctx.region_name),
                 glossary.explain(f"{ind.title} {ind.definition}"), indicator_id)


def _parts(ctx: Context, names: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Each named indicator's rows for the last eight periods up to the selected one."""
    keep = set(ctx.recent)
    return {key: rows[rows["period"].isin(keep)] for key in names for rows in [_rows(ctx, key)]}


def referral_sources(ctx: Context) -> Chart:
    """Who refers: each source's share of referrals, police first, with England's police share."""
    parts = _parts(ctx, REFERRAL_SOURCES)
    police = parts["referral_source_police"]
    england = police[["period", "period_start"]].assign(value=police["england"])
    figure = charts.composition_figure(parts, REFERRAL_SOURCES, "value", "percent", "Where referrals came from",
                                       highlight="referral_source_police", benchmark=england,
                                       benchmark_name="England: police share")
    summary = chart_text.composition_summary(parts, REFERRAL_SOURCES, ctx.period, "referrals")
    row = _row(ctx, "referral_source_police")
    if row and pd.notna(row.get("england")):
        summary = (summary[:-1] + f". England's police share: {scorecard.number(row['england'], 'percent')}% "
                   f"({row.get('benchmark_year')}).")
    return Chart("referral_sources", figure, summary, chart_text.composition_table(parts, REFERRAL_SOURCES),
                 indicator_id="referral_source_police")


def abuse_categories(ctx: Context) -> Chart:
    """Children on plans by initial category of abuse, stacked over time."""
    parts = _parts(ctx, ABUSE_CATEGORIES)
    figure = charts.composition_figure(parts, ABUSE_CATEGORIES, "numerator", "count",
                                       "Children on child protection plans by category of abuse",
                                       highlight="cp_category_neglect")
    return Chart("abuse_categories", figure,
                 chart_text.composition_summary(parts, ABUSE_CATEGORIES, ctx.period, "children on plans"),
                 chart_text.composition_table(parts, ABUSE_CATEGORIES),
                 glossary.explain("CP plan"), "cp_category_emotional")


def _count(ctx: Context, indicator_id: str, part: str) -> float | None:
    value = _row(ctx, indicator_id).get(part)
    return as_float(value)


def front_door_flow(ctx: Context) -> Chart:
    """From contact to referral to assessment, in the period."""
    steps = [("Contacts", _count(ctx, "contact_conversion", "denominator")),
             ("Referrals", _count(ctx, "contact_conversion", "numerator")),
             ("Assessments completed", _count(ctx, "assessments_45wd", "denominator")),
             ("Within 45 working days", _count(ctx, "assessments_45wd", "numerator"))]
    contacts, referrals = steps[0][1], steps[1][1]
    summary = chart_text.funnel_summary(steps, ctx.period)
    if contacts and referrals is not None:
        summary += (f" {scorecard.number(contacts - referrals, 'count')} contacts "
                    f"({numbers.percent_of(contacts - referrals, contacts)}%) did not become a referral: advice, "
                    "signposting or early help; the commentary on the detail page says more.")
    figure = charts.funnel_figure(steps, f"From contact to assessment, {ctx.period}")
    return Chart("front_door_flow", figure, summary, chart_text.funnel_table(steps),
                 glossary.explain("contact referral working days", exclude=()), "contact_conversion")


def s47_flow(ctx: Context) -> Chart:
    """Section 47 enquiries to conferences to plans, and how many enquiries ended without a conference."""
    steps = [("Section 47 enquiries started", _count(ctx, "s47_to_icpc", "denominator")),
             ("Initial child protection conferences", _count(ctx, "s47_to_icpc", "numerator")),
             ("Child protection plans started", _count(ctx, "cp_repeat", "denominator"))]
    summary = chart_text.funnel_summary(steps, ctx.period)
    concluded, nfa = _count(ctx, "s47_nfa", "denominator"), _count(ctx, "s47_nfa", "numerator")
    if concluded:
        summary += (f" Of {scorecard.number(concluded, 'count')} enquiries concluded, "
                    f"{scorecard.number(nfa, 'count')} ({numbers.percent_of(nfa or 0, concluded)}%) ended without a "
                    "conference.")
    figure = charts.funnel_figure(steps, f"From section 47 enquiry to child protection plan, {ctx.period}")
    return Chart("s47_flow", figure, summary, chart_text.funnel_table(steps + [
        ("Section 47 enquiries concluded", concluded), ("of which ended without a conference (NFA)", nfa)]),
        glossary.explain("s47 ICPC CP plan NFA"), "s47_nfa")


def _bars(ctx: Context, names: dict[str, str], key: str, title: str, what: str) -> Chart:
    items = []
    for indicator_id, label in names.items():
        row = _row(ctx, indicator_id)
        value = row.get("value") if row else None
        items.append((label, as_float(value), row.get("rag", "grey")))
    each = [_limits(ctx, i) for i in names]
    limits = each[0] if len(set(each)) == 1 else None
    figure = charts.rag_bars_figure(items, "percent", f"{title}, {ctx.period}", limits, item_limits=each)
    return Chart(key, figure, chart_text.bars_summary(items, "percent", ctx.period, what),
                 chart_text.bars_table(items, "percent", each), glossary.explain(" ".join(names.values())))


def partner_attendance(ctx: Context) -> Chart:
    """Partners' attendance at strategy discussions and conferences, rated."""
    return _bars(ctx, PARTNER_ATTENDANCE, "partner_attendance",
                 "Attendance at strategy discussions and ICPCs", "attendance")


def partner_attendance_trend(ctx: Context) -> Chart:
    """The same attendance figures over time."""
    return _lines(ctx, PARTNER_ATTENDANCE, "partner_attendance_trend", "Partner attendance over time")


def training_by_agency(ctx: Context) -> Chart:
    """Attendance of booked training places by agency, against the attendance limits."""
    return _bars(ctx, TRAINING_BY_AGENCY, "training_by_agency", "Training attendance by agency", "agency attendance")


def training_places(ctx: Context) -> Chart:
    """Places booked, attended and not attended over time."""
    return _lines(ctx, TRAINING_PLACES, "training_places", "Training places: booked, attended, not attended")


def _lines(ctx: Context, names: dict[str, str], key: str, title: str) -> Chart:
    parts = _parts(ctx, names)
    figure = charts.lines_figure(parts, names, "percent", title, ctx.period)
    return Chart(key, figure, chart_text.lines_summary(parts, names, "percent", ctx.period),
                 chart_text.lines_table(parts, names, "percent"), glossary.explain(" ".join(names.values())))


def theme_ids(theme: str) -> list[str]:
    """A theme's indicators, rated ones first (context-only counts and shares last)."""
    members = definitions.by_theme()[theme]
    return [i.id for i in members if i.polarity != "none"] + [i.id for i in members if i.polarity == "none"]
