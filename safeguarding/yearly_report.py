"""The yearly report's content for one financial year, worked out once before any Word or PDF file is drawn.

Every figure comes from the board pack's content for the year view, so it is suppressed exactly as a pack
is; the business unit's text for each section is merged in; the priorities that did not move are listed
by rule, not by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

from safeguarding import challenges, chart_text, comparators, definitions, numbers, plan, rag, scorecard, settings
from safeguarding.export import contents, suppression
from safeguarding.nulls import as_float
from safeguarding.periods import Quarter, fy_label
from safeguarding.report_text import SECTIONS, Written, latest
from safeguarding.store import Store

TRAINING_IDS = ("training_attendance", "training_dna", "training_evaluation_good", "training_courses",
                "elearning_completions")
TABLE_COLUMNS = ("Period", "Value", "Rating", *comparators.LABELS.values())
NOT_WRITTEN = "Not written yet: the business unit adds this section's text on the Yearly report page."


@dataclass(frozen=True)
class Para:
    text: str
    note: bool = False  # a draft's guidance or a placeholder, set apart from the report's own words


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Chart:
    """A trend chart with its one-line summary (also its text alternative) and the figures behind it."""

    title: str
    summary: str
    table: Table
    figure: go.Figure = field(compare=False, repr=False)


@dataclass(frozen=True)
class ReportSection:
    key: str
    heading: str
    asks: str
    written: Written | None
    blocks: tuple


@dataclass(frozen=True)
class YearlyReport:
    partnership: str
    year: str
    fy_start: int
    generated: dt.date
    demo: bool
    threshold: int
    disclosure: str  # the partnership's small-number rule in a sentence
    sections: tuple[ReportSection, ...]

    @property
    def title(self) -> str:
        return f"{self.partnership}: yearly report {self.year}"

    def opening(self, draft: bool) -> str:
        """The sentence under the title: draft or published, the year, and how small numbers are treated."""
        status = "Draft for the partnership's review" if draft else "Published"
        return (f"{status}. Figures for the financial year {self.year} (April to March), generated "
                f"{challenges.day_text(self.generated)}. {self.disclosure}")

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]


def movement(ind: definitions.Indicator, current, previous) -> str:
    """'improved', 'worse', 'unchanged', 'not judged' (no polarity) or 'no figure', comparing figures as shown."""
    now_value, before = as_float(current), as_float(previous)
    if now_value is None or before is None:
        return "no figure"
    if ind.polarity not in ("up", "down"):
        return "not judged"
    diff = numbers.rounded(now_value, ind.unit) - numbers.rounded(before, ind.unit)  # as printed: half up
    if diff == 0:
        return "unchanged"
    better = diff > 0 if ind.polarity == "up" else diff < 0
    return "improved" if better else "worse"


def _year_values(frame, indicator_id: str, year: str, previous: str) -> tuple:
    rows = scorecard.series(frame, indicator_id)
    by_period = dict(zip(rows["period"], rows["value"]))
    return by_period.get(year), by_period.get(previous)


def linked_ids(actions: list[plan.Action]) -> dict[str, list[str]]:
    """Each priority's indicators: every indicator any of its current actions should move."""
    out: dict[str, list[str]] = {}
    for action in actions:
        if action.status == "closed":
            continue
        out.setdefault(action.priority_ref, [])
        out[action.priority_ref].extend(i for i in action.indicators if i not in out[action.priority_ref])
    return out


def stalled(priorities: list[plan.Priority], links: dict[str, list[str]], frame, year: str,
            previous: str) -> list[tuple[plan.Priority, list[str]]]:
    """Priorities none of whose linked indicators improved on the year before, with what each did."""
    defs = definitions.indicators()
    out = []
    for priority in priorities:
        ids = links.get(priority.ref, [])
        if not ids:
            continue
        moves = {i: movement(defs[i], *_year_values(frame, i, year, previous)) for i in ids}
        if "improved" not in moves.values():
            out.append((priority, [f"{defs[i].title}: {moves[i]}" for i in ids]))
    return out


def _chart(page: contents.ChartPage, frame) -> Chart:
    """The pack page's chart and summary, with the figures behind it (period, value, rating, benchmarks)."""
    table = chart_text.indicator_table(page.indicator_id, scorecard.series(frame, page.indicator_id))
    table = table[[c for c in table.columns if c in TABLE_COLUMNS]]
    return Chart(page.title, page.summary,
                 Table(f"The figures behind the chart: {page.title}", tuple(table.columns),
                       tuple(tuple("" if v is None else str(v) for v in r) for r in table.itertuples(index=False))),
                 page.figure)


def _summary_table(pack: contents.Pack, ids: list[str], caption: str) -> Table:
    rows = [r for r in pack.rows if r.indicator_id in ids]
    return Table(caption, ("Indicator", pack.period, "Rating", f"Change since {pack.previous_period or 'last year'}",
                           "Comparison"),
                 tuple((r.title, r.value_with_unit, r.state_label, r.change_text, r.comparison_text) for r in rows))


def _actions_table(actions: list[plan.Action], today: dt.date) -> Table:
    return Table(f"The business plan's actions as at {challenges.day_text(today)}",
                 ("Ref", "Action", "Owner", "Due", "Status"),
                 tuple((a.ref, a.title, a.owner, a.due.strftime("%d/%m/%Y") if a.due else "",
                        f"{plan.STATUS_WORDS[a.status]} ({rag.label(a.rag(today))})") for a in actions))


def _challenge_words(store: Store, fy_start: int) -> Para:
    asked = [c for c in challenges.listing(store) if Quarter.containing(c.period_start).fy_start_year == fy_start]
    answered = sum(c.status == "answered" for c in asked)
    still_open = sum(c.status == "open" for c in asked)
    if not asked:
        return Para("No questions about this year's figures were recorded on the dashboard.", note=True)
    return Para(f"Members asked partner agencies {len(asked)} recorded question{'s' if len(asked) != 1 else ''} "
                f"about this year's figures: {answered} answered, {still_open} still open.")


def _written(section, texts: dict[str, Written]) -> list:
    written = texts.get(section.key)
    if written is None or not written.body:
        return [Para(NOT_WRITTEN, note=True)]
    return [Para(p.strip()) for p in written.body.split("\n\n") if p.strip()]


def build(store: Store, year: str | None = None, today: dt.date | None = None) -> YearlyReport:
    """The yearly report for a financial year ('2024-25'; the latest with figures by default).

    Actions are judged as they stood at the year's end (31 March), or today if the year has not ended.
    """
    today = today or dt.date.today()
    headline_ids = [i.id for i in definitions.headlines()]
    priorities, actions = plan.priorities(store), plan.actions(store)
    links = linked_ids(actions)
    linked = [i for ids in links.values() for i in ids]
    ids = list(dict.fromkeys(headline_ids + linked + list(TRAINING_IDS)))
    pack = contents.build(store, period=year, view="year", preset=ids, today=today)
    fy_start = int(pack.period[:4])
    previous = fy_label(fy_start - 1)
    as_at = min(today, dt.date(fy_start + 1, 3, 31))
    frame = suppression.protected(store, "year")
    pages = {p.indicator_id: p for p in pack.pages}
    texts = latest(store, fy_start)
    blocks: dict[str, list] = {s.key: _written(s, texts) for s in SECTIONS}

    blocks["what_we_did"] += [_challenge_words(store, fy_start)]
    if actions:
        blocks["what_we_did"].append(_actions_table(actions, as_at))
    blocks["effectiveness"] += [_summary_table(pack, headline_ids, f"Child protection headlines, {pack.period}")]
    blocks["effectiveness"] += [_chart(pages[i], frame) for i in headline_ids]
    for priority in priorities:
        if links.get(priority.ref):
            blocks["impact"] += [Heading(f"{priority.ref}: {priority.title}")]
            blocks["impact"] += [_chart(pages[i], frame) for i in links[priority.ref]]
    blocks["impact"] += [Heading("Multi-agency training"),
                         _summary_table(pack, list(TRAINING_IDS), f"Training and workforce, {pack.period}")]
    blocks["impact"] += [_chart(pages[i], frame) for i in ("training_attendance", "training_evaluation_good")]
    stuck = stalled(priorities, links, frame, pack.period, previous)
    if stuck:
        blocks["little_progress"] += [Para(f"Priorities none of whose linked indicators improved between {previous} "
                                           f"and {pack.period} (worked out from the figures):")]
        blocks["little_progress"] += [Bullets(tuple(f"{p.ref} {p.title}. " + "; ".join(moves) + "."
                                                    for p, moves in stuck))]
    else:
        blocks["little_progress"] += [Para(f"Every priority with linked indicators saw at least one improve between "
                                           f"{previous} and {pack.period}.")]
    late = [a for a in actions if a.overdue(as_at) or a.status == "off_track"]
    if late:
        blocks["little_progress"] += [Para("Actions off track or past their due date:"),
                                      Bullets(tuple(f"{a.ref} {a.title} ({a.owner}): {plan.STATUS_WORDS[a.status]}"
                                                    + (f", due {a.due:%d/%m/%Y}" if a.due else "") for a in late))]
    sections = tuple(ReportSection(s.key, s.heading, s.asks, texts.get(s.key), tuple(blocks[s.key]))
                     for s in SECTIONS)
    return YearlyReport(settings.partnership_name(store), pack.period, fy_start, today, settings.is_demo(store),
                        pack.threshold, suppression.explain(settings.disclosure_rule(store), pack.threshold),
                        sections)
