"""The pack's pages as positioned elements (text blocks, shapes, tables, chart slots), for any file format."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from safeguarding import agenda, definitions, rag
from safeguarding.export import layout as L, suppression
from safeguarding.export.contents import ChartPage, Pack
from safeguarding.export.layout import Box
from safeguarding.figure import Figure


@dataclass(frozen=True)
class Para:
    """One paragraph: its wrapped lines are worked out once, so both formats break them alike."""

    text: str
    size: float
    bold: bool = False
    colour: str = L.INK
    space_before: float = 0.0
    symbol: str = ""        # a RAG symbol drawn before the text, in symbol_colour
    symbol_colour: str = L.INK
    lines: tuple[str, ...] = ()

    @property
    def height(self) -> float:
        return self.space_before + max(1, len(self.lines)) * self.size * LEADING


LEADING = 1.22


@dataclass(frozen=True)
class Text:
    box: Box
    paras: tuple[Para, ...]
    align: str = "left"      # left | center | right
    valign: str = "top"      # top | middle
    rotate: float = 0.0
    heading: bool = False    # the page's title: PowerPoint puts it in the slide's title placeholder


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str | None = None
    line: str | None = None
    line_width: float = 0.0
    rounded: bool = False


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    colour: str = L.INK
    fill: str | None = None
    align: str = "left"
    symbol: str = ""
    symbol_colour: str = L.INK


@dataclass(frozen=True)
class Table:
    box: Box
    widths: tuple[float, ...]
    row_height: float
    size: float
    rows: tuple[tuple[Cell, ...], ...]  # the first row is the header


@dataclass(frozen=True)
class Chart:
    box: Box
    index: int  # which rendered chart goes here


@dataclass(frozen=True)
class Watermark:
    text: str


@dataclass
class Page:
    elements: list = field(default_factory=list)


def para(text: str, size: float, width: float, **kwargs) -> Para:
    """A paragraph with its lines wrapped for `width` points."""
    lead = (kwargs.get("symbol") + " ") if kwargs.get("symbol") else ""
    bold = kwargs.get("bold", False)
    room = width
    lines = L.wrap(lead + text, size, room, bold)
    # The wrapper measures symbols in the text's own font; drawn, they come from a fallback font: narrow the
    # measure until every line fits as drawn.
    while room > width / 2 and any(L.width(line, size, bold) > width for line in lines):
        room -= size
        lines = L.wrap(lead + text, size, room, bold)
    if lead and lines:
        lines[0] = lines[0][len(lead):]
    return Para(text, size, lines=tuple(lines), **kwargs)


def _fitted(text: str, box: Box, largest: float, smallest: float, **kwargs) -> Para:
    size, lines = L.fit(text, box.w, box.h, largest, smallest, kwargs.get("bold", False), LEADING)
    return Para(" ".join(lines) if lines and lines[-1].endswith("\u2026") else text, size, lines=tuple(lines),
                **kwargs)


def _split_label(state: str) -> tuple[str, str]:
    return rag.STATE_SYMBOLS[state], rag.STATE_WORDS[state]


def _footer(pack: Pack, number: int, total: int) -> list:
    left = f"{pack.partnership}  \u00b7  {pack.title}  \u00b7  {pack.period}"
    third = L.FOOTER.w / 3
    items = [
        Rect(Box(L.MARGIN, L.FOOTER.y - 8, L.FOOTER.w, 0.75), fill=L.RULE),
        Text(Box(L.FOOTER.x, L.FOOTER.y, third * 1.6, L.FOOTER.h), (_fitted(left, Box(0, 0, third * 1.6, 12), 9, 7,
                                                                             colour=L.MUTED),)),
        Text(Box(L.FOOTER.x + third * 1.6, L.FOOTER.y, third * 0.8, L.FOOTER.h),
             (para(pack.status + ("  \u00b7  SYNTHETIC DEMO DATA" if pack.demo else ""), 9, third * 0.8,
                   bold=True, colour=L.STATUS[pack.status]),), align="center"),
        Text(Box(L.FOOTER.x + third * 2.4, L.FOOTER.y, third * 0.6, L.FOOTER.h),
             (para(f"Page {number} of {total}", 9, third * 0.6, colour=L.MUTED),), align="right"),
    ]
    return items


def _frame(pack: Pack) -> list:
    """What sits under everything on a page: the accent rule."""
    return [Rect(Box(0, 0, L.PAGE_W, 6), fill=L.NAVY)]


def cover(pack: Pack) -> Page:
    page = Page(_frame(pack))
    panel = Box(0, 0, 330, L.PAGE_H)
    page.elements.append(Rect(panel, fill=L.NAVY))
    inner = panel.w - 2 * L.MARGIN
    page.elements.append(Text(Box(L.MARGIN, 150, inner, 260), (
        para("BOARD PACK", 13, inner, bold=True, colour="9EC3DE"),
        para(pack.period, 40, inner, bold=True, colour="FFFFFF", space_before=8),
        para(pack.period_dates, 14, inner, colour="DCE8F2", space_before=6),
        para("Quarterly figures" if pack.view == "quarter" else "Financial year figures", 12, inner,
             colour="9EC3DE", space_before=18),
    )))
    page.elements.append(Text(Box(L.MARGIN, 470, inner, 30), (
        para(f"Generated {pack.generated.day} {pack.generated:%B %Y}", 11, inner, colour="DCE8F2"),)))
    x = panel.w + 44
    width = L.PAGE_W - x - L.MARGIN
    name_box = Box(x, 120, width, 120)
    page.elements.append(Text(name_box, (_fitted(pack.partnership, name_box, 32, 20, bold=True, colour=L.NAVY),),
                              heading=True))
    page.elements.append(Text(Box(x, 246, width, 34), (para(pack.title, 22, width, colour=L.INK),)))
    counts = {key: sum(1 for r in pack.rows if r.state == key) for key in rag.STATES}
    shown = [key for key in rag.STATES if counts[key] or key in ("red", "amber", "green")]
    chip_w, gap = (width - 3 * 10) / 4, 10
    for i, key in enumerate(shown):
        box = Box(x + (i % 4) * (chip_w + gap), 290 + (i // 4) * 30, chip_w, 26)
        colour = rag.colour_key(key)
        page.elements.append(Rect(box, fill=L.RAG_TINT[colour], line=L.RAG_STRONG[colour], line_width=1, rounded=True))
        page.elements.append(Text(box, (_fitted(f"{counts[key]} {rag.STATE_WORDS[key]}", Box(0, 0, chip_w - 30, 20),
                                                11, 8, bold=True, symbol=rag.STATE_SYMBOLS[key],
                                                symbol_colour=L.RAG_STRONG[colour]),),
                                  align="center", valign="middle"))
    colour = L.STATUS[pack.status]
    stamp = Box(x, 362, 150, 46)
    page.elements.append(Rect(stamp, line=colour, line_width=2.5))
    page.elements.append(Text(stamp, (para(pack.status, 26, stamp.w, bold=True, colour=colour),),
                              align="center", valign="middle"))
    note = ("Draft for checking: figures may change before the board meets." if not pack.final
            else "Final version for the board.")
    page.elements.append(Text(Box(x + 166, 362, width - 166, 46), (para(note, 12, width - 166, colour=L.MUTED),),
                              valign="middle"))
    if pack.demo:
        banner = Box(x, 426, width, 40)
        page.elements.append(Rect(banner, fill="FBE9E7", line=L.WATERMARK, line_width=1.5))
        page.elements.append(Text(banner, (para("SYNTHETIC DEMO DATA: every figure in this pack is invented.",
                                                13, width - 20, bold=True, colour=L.WATERMARK),),
                                  align="center", valign="middle"))
    return page


def _table_rows(rows: tuple[Figure, ...], previous: str | None) -> tuple[tuple[Cell, ...], ...]:
    header = tuple(Cell(name.format(previous=previous or "the previous period"), bold=True, colour="FFFFFF",
                        fill=L.NAVY, align="left") for name, _ in L.TABLE_COLUMNS)
    body = []
    for i, row in enumerate(rows):
        zebra = L.ZEBRA if i % 2 else None
        symbol, word = _split_label(row.state)
        title = row.title + (" \u26a0" if row.flags else "")
        body.append((
            Cell(title, fill=zebra),
            Cell(row.value_with_unit, bold=True, fill=zebra),
            Cell(word, bold=True, fill=L.RAG_TINT[row.rag], symbol=symbol, symbol_colour=L.RAG_STRONG[row.rag]),
            Cell(row.change_text[:1].upper() + row.change_text[1:], fill=zebra),
            Cell(row.comparison_text, fill=zebra,
                 colour=L.MUTED if row.comparison_text.startswith("No ") else L.INK),
        ))
    return (header, *body)


def _table_size(rows, widths: tuple[float, ...], row_h: float) -> float:
    """The largest type (12 pt down to 9.5) at which every cell fits its row in at most two lines."""
    size = 12.0
    while size > 9.5:
        if all(len(L.wrap(cell.text + (" xx" if cell.symbol else ""), size, w - 12, cell.bold)) * size * LEADING
               <= row_h - 4 and len(L.wrap(cell.text, size, w - 12, cell.bold)) <= 2
               for row in rows for cell, w in zip(row, widths)):
            return size
        size -= 0.5
    return size


def _chunks(rows: tuple[Figure, ...], grouped: bool) -> list[tuple[str, str, tuple[Figure, ...]]]:
    """(group, 'n of m' within the group, rows) per summary page: a theme never shares a page."""
    groups: dict[str, list[Figure]] = {}
    for row in rows:
        groups.setdefault(definitions.THEMES[row.theme] if grouped else "", []).append(row)
    out = []
    for group, members in groups.items():
        size = math.ceil(len(members) / math.ceil(len(members) / L.ROWS_PER_TABLE))  # 16 rows: 8 and 8
        parts = [tuple(members[i:i + size]) for i in range(0, len(members), size)]
        out += [(group, f" ({n} of {len(parts)})" if len(parts) > 1 else "", part)
                for n, part in enumerate(parts, start=1)]
    return out or [("", "", ())]


LEGEND = ("Ratings: " + ", ".join(rag.state_label(key) for key in rag.STATES) + " (the symbol and word carry the "
          "rating, never colour alone); \u26a0 a data-quality query on the figure. ")


def summary_pages(pack: Pack, figures: tuple[Figure, ...] | None = None, title: str = "") -> list[Page]:
    pages = []
    figures = pack.rows if figures is None else figures
    for group, part, chunk in _chunks(figures, pack.grouped):
        page = Page(_frame(pack))
        heading = f"Summary: {group or title or pack.title}{part}"
        fitted = _fitted(heading, L.TITLE, 24, 18, bold=True, colour=L.NAVY)
        page.elements.append(Text(L.TITLE, (fitted,), heading=True))
        since = f"; change since {pack.previous_period}" if pack.previous_period else ""
        page.elements.append(Text(L.SUMMARY, (para(f"{pack.period} ({pack.period_dates}): each indicator's figure "
                                                   f"and rating{since}; the comparison its rating uses.", 12.5,
                                                   L.SUMMARY.w, colour=L.MUTED),)))
        widths = tuple(L.TABLE.w * share for _, share in L.TABLE_COLUMNS)
        rows = _table_rows(chunk, pack.previous_period)
        row_h = min(34.0, L.TABLE.h / max(len(rows), 1))
        page.elements.append(Table(Box(L.TABLE.x, L.TABLE.y, L.TABLE.w, row_h * len(rows)), widths, row_h,
                                   _table_size(rows, widths, row_h), rows))
        legend = LEGEND
        if any(r.value_text in ("Suppressed", *suppression.MARKERS.values()) for r in figures):
            legend += suppression.legend(pack.rule, pack.threshold)
        y = L.TABLE.y + row_h * len(rows) + 10
        page.elements.append(Text(Box(L.MARGIN, y, L.TABLE.w, 40), (para(legend, 9.5, L.TABLE.w, colour=L.MUTED),)))
        pages.append(page)
    return pages


CUT_NOTE = " (in full at the end of the pack)"  # the PowerPoint has it in the notes too


def _comment_texts(data: ChartPage, period: str) -> list[str]:
    return [f"\u201c{c.text}\u201d \u2014 {c.agency}" + (f", {c.quarter}" if c.quarter != period else "")
            for c in data.comments]


def _panel(data: ChartPage, period: str, previous: str | None) -> tuple[Text, bool]:
    """The figure, its queries, change, comparison, verdicts and reason, partners' words and the definition;
    True if the commentary was cut."""
    box, w, item = L.PANEL, L.PANEL.w, data.item
    change = item.change_text[:1].upper() + item.change_text[1:]
    if previous and not item.change_text.startswith(("no ", "not ")):
        change += f" since {previous}"
    shown = item.shown_text.split(" (")[0] if item.fallback_text else item.value_with_unit
    when = (f"in the {item.fallback_period} financial year: {period} is suppressed (a small number)"
            if item.fallback_text else f"in {period}")
    rated = "; ".join(t for t in (f"Rated against {item.rated_against}" if item.rated_against else "",
                                  item.quartile_text) if t)
    fixed = [
        para(shown, 28, w, bold=True, colour=L.NAVY),
        para(when, 12 if not item.fallback_text else 10.5, w, colour=L.MUTED),
        *([para(item.interval_text or item.parts_text, 10.5, w, space_before=3, colour=L.MUTED)]
          if item.interval_text or item.parts_text else []),
        *[para(flag.label, 10, w, bold=True, space_before=4, colour=L.WATERMARK) for flag in item.flags],
        *[para(question, 9.5, w, space_before=3, colour=L.NAVY) for question in item.questions],
        para(change, 12, w, space_before=8),
        para(item.comparison_text, 12, w, space_before=3,
             colour=L.MUTED if item.comparison_text.startswith("No ") else L.INK),
        *([para(item.spc_text, 10, w, space_before=3)] if item.spc_text else []),
        *([para(rated, 9.5, w, space_before=3, colour=L.MUTED)] if rated else []),
        para(item.reason, 10, w, space_before=4, colour=L.MUTED),
    ]
    comments = _comment_texts(data, period) or ["No commentary was given with this period's return."]
    colour = L.INK if data.comments else L.MUTED
    room = box.h - sum(p.height for p in fixed)

    def heading(text: str, size: float, gap: float) -> Para:
        return para(text, size + 0.5, w, bold=True, colour=L.NAVY, space_before=gap)

    for size in (11.5, 11, 10.5, 10, 9.5, 9):
        parts = [heading("What partners say", size, 14)]
        parts += [para(text, size, w, space_before=3, colour=colour) for text in comments]
        parts += [heading("Definition", size, 12), para(data.definition, size - 0.5, w, space_before=2)]
        if sum(p.height for p in parts) <= room:
            return Text(box, tuple(fixed + parts)), False
    # Too long at 9 pt: the definition stays whole; the commentary is cut (in full at the end and in the notes).
    tail = [heading("Definition", 9, 12), para(data.definition, 9, w, space_before=2)]
    left = room - sum(p.height for p in tail) - heading("x", 9, 14).height
    kept: list[Para] = []
    was_cut = False
    for text in comments:
        whole = para(text, 9, w, space_before=3, colour=colour)
        if whole.height <= left - 9 * LEADING:
            kept.append(whole)
            left -= whole.height
            continue
        fits = max(1, int((left - 3) // (9 * LEADING)))
        words = text.split()
        while len(words) > 1 and len(L.wrap(" ".join(words) + "\u2026" + CUT_NOTE, 9, w)) > fits:
            words.pop()
        cut = para(" ".join(words) + "\u2026" + CUT_NOTE, 9, w, space_before=3, colour=colour)
        kept.append(cut)
        was_cut = True
        break
    return Text(box, tuple(fixed + [heading("What partners say", 9, 14)] + kept + tail)), was_cut


NO_CHART = ("No chart: every figure of this indicator in these periods, the financial years' too, rests on a small "
            "number that could identify children.")


def chart_page(pack: Pack, data: ChartPage, index: int) -> tuple[Page, bool]:
    """One indicator's page; True when its commentary had to be cut to fit."""
    page = Page(_frame(pack))
    page.elements.append(Text(L.TITLE, (_fitted(data.title, Box(0, 0, L.BADGE.x - L.MARGIN - 16, L.TITLE.h), 24, 16,
                                                bold=True, colour=L.NAVY),), heading=True))
    symbol, word = _split_label(data.item.state)
    colour = data.item.rag
    page.elements.append(Rect(L.BADGE, fill=L.RAG_TINT[colour], line=L.RAG_STRONG[colour], line_width=1.25,
                              rounded=True))
    page.elements.append(Text(L.BADGE, (_fitted(word, Box(0, 0, L.BADGE.w - 40, L.BADGE.h - 6), 14, 10, bold=True,
                                                symbol=symbol, symbol_colour=L.RAG_STRONG[colour]),),
                              align="center", valign="middle"))
    page.elements.append(Text(L.SUMMARY, (_fitted(data.summary, L.SUMMARY, 13, 10.5),)))
    if data.figure is not None:
        page.elements.append(Chart(L.CHART, index))
    else:  # every figure, the years' too, rests on a small number: say so rather than draw an empty chart
        page.elements.append(Text(L.CHART, (para(NO_CHART, 16, L.CHART.w - 80, colour=L.MUTED),),
                                  align="center", valign="middle"))
    panel, cut = _panel(data, pack.period, pack.previous_period)
    page.elements.append(panel)
    page.elements.append(Text(L.SOURCE, (_fitted(data.source, L.SOURCE, 9, 7.5, colour=L.MUTED),)))
    return page, cut


def commentary_pages(pack: Pack, cut: list[ChartPage]) -> list[Page]:
    """The commentary that did not fit on its indicator's page, in full."""
    out: list[Page] = []
    body = Box(L.MARGIN, L.SUMMARY.y, 640, L.FOOTER.y - 20 - L.SUMMARY.y)  # a readable measure, not full width
    blocks = [[para(data.title, 14, body.w, bold=True, colour=L.NAVY, space_before=14)]
              + [para(text, 12, body.w, space_before=5) for text in _comment_texts(data, pack.period)]
              for data in cut]
    current: list[Para] = []
    for block in blocks:
        for item in block:
            if current and sum(p.height for p in current) + item.height > body.h:
                out.append(current)
                current = []
            current.append(item)
    if current:
        out.append(current)
    pages = []
    for number, paras in enumerate(out, start=1):
        page = Page(_frame(pack))
        part = f" ({number} of {len(out)})" if len(out) > 1 else ""
        page.elements.append(Text(L.TITLE, (para(f"What partners said, in full{part}", 24, L.TITLE.w, bold=True,
                                                  colour=L.NAVY),), heading=True))
        page.elements.append(Text(body, tuple(paras)))
        pages.append(page)
    return pages


def agenda_pages(pack: Pack) -> list[Page]:
    """What needs attention, ranked: per item its figure and state, reason, verdicts, what it was rated against,
    the partners' first line and any query."""
    body = Box(L.MARGIN, L.SUMMARY.y, L.PAGE_W - 2 * L.MARGIN, L.FOOTER.y - 20 - L.SUMMARY.y)
    room = body.w
    blocks = []
    for entry in pack.agenda:
        item = entry.figure
        head, *rest = agenda.line(item)
        symbol = rag.STATE_SYMBOLS[item.state]
        why = f" \u00b7 {entry.why_text}" if entry.why_text else ""
        blocks.append([para(head + why, 12.5, room, bold=True, space_before=9,
                            symbol=symbol, symbol_colour=L.RAG_STRONG[item.rag])]
                      + [para(text, 10.5, room, space_before=1,
                              colour=L.WATERMARK if text.startswith("\u26a0") else L.MUTED) for text in rest])
    if not blocks:
        blocks = [[para("Nothing needs attention this period: no red or amber rating, no special cause and no "
                        "query on a headline figure.", 13, room)]]
    out: list[list[Para]] = [[]]
    for block in blocks:
        if out[-1] and sum(p.height for p in out[-1]) + sum(p.height for p in block) > body.h:
            out.append([])
        out[-1].extend(block)
    pages = []
    for number, paras in enumerate(out, start=1):
        page = Page(_frame(pack))
        part = f" ({number} of {len(out)})" if len(out) > 1 else ""
        page.elements.append(Text(L.TITLE, (para(f"What needs attention, {pack.period}{part}", 24, L.TITLE.w,
                                                  bold=True, colour=L.NAVY),), heading=True))
        page.elements.append(Text(body, tuple(paras)))
        pages.append(page)
    return pages


def front_pages(pack: Pack) -> list[Page]:
    """The pages between the cover and the indicators' pages: the agenda, or the summary."""
    return agenda_pages(pack) if pack.preset == "agenda" else summary_pages(pack)


def pages(pack: Pack) -> list[Page]:
    """Every page in order, footers numbered."""
    slots = [sum(1 for q in pack.pages[:i] if q.figure is not None) for i in range(len(pack.pages))]
    charts = [chart_page(pack, p, slot) for p, slot in zip(pack.pages, slots)]
    cut = [data for data, (_, was_cut) in zip(pack.pages, charts) if was_cut]
    after = summary_pages(pack, pack.headlines, "Child protection headlines") if pack.headlines else []
    out = [cover(pack), *front_pages(pack), *(page for page, _ in charts), *after, *commentary_pages(pack, cut)]
    for number, page in enumerate(out[1:], start=2):
        page.elements.extend(_footer(pack, number, len(out)))
    if pack.demo:  # last, so it lies over everything, faint enough never to hide a figure
        for page in out:
            page.elements.append(Watermark("SYNTHETIC DEMO DATA"))
    return out
