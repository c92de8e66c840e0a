"""The scorecard for one period as XLSX and CSV, with definitions: suppressed, and safe to open in Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter

from safeguarding import comparators, definitions, figure, figure_inputs, indicators, numbers, settings
from safeguarding.export import contents, suppression
from safeguarding.nulls import as_float
from safeguarding.sheet_text import safe_text
from safeguarding.store import Store

COLUMNS = ["Theme", "Indicator", "Indicator id", "Period", "Value", "Unit", "Shown as", "Numerator",
           "Denominator", "Rating", "Why", "Change since previous period",
           *comparators.LABELS.values(), "Benchmark year", "Note", "State", "Rated against", "Quartile among LAs",
           "Statistical verdict", "Data-quality queries", "Shown instead (small number)"]
DEFINITION_COLUMNS = ["Indicator id", "Indicator", "Theme", "Unit", "Formula", "Numerator", "Denominator",
                      "Polarity", "Benchmark (DfE LAIT code)", "Benchmark note", "Definition"]
POLARITY = {"up": "higher is better", "down": "lower is better", "band": "best within a range",
            "none": "context: not rated"}


def _count(row: dict, key: str) -> object:
    """A count as a whole number, the marker ('c' or '*') when hidden, '' when absent."""
    text = row[f"{key}_text"]
    if text in suppression.MARKERS.values() or not text:
        return text
    return int(row[key])


def scorecard_rows(store: Store, period: str | None = None, view: str = "quarter") -> tuple[str, list[list]]:
    """(period, rows): every indicator's figures for the period, in theme order, small numbers suppressed."""
    rated = indicators.compute(store)
    period, view = contents.choose_period(rated, period, view)
    inputs = figure_inputs.load(store, view, period, rated=rated)
    by_id = {r["indicator_id"]: r for r in inputs.frame[inputs.frame["period"] == period].to_dict("records")}
    shown = {item.indicator_id: item for item in figure.build(inputs)}
    rows = []
    for theme, members in definitions.by_theme().items():
        for ind in members:
            row, item = by_id.get(ind.id), shown.get(ind.id)
            if row is None or item is None:
                continue
            value = None if row["suppressed"] else as_float(row["value"])
            rows.append([
                definitions.THEMES[theme], ind.title, ind.id, period,
                None if value is None else numbers.as_float(value, ind.unit, row["numerator"], row["denominator"]),
                ind.unit_label or "count", item.value_text,
                _count(row, "numerator"),
                _count(row, "denominator") if ind.denominator != "population" else numbers.as_float(row["denominator"]),
                item.state_label, item.reason, item.change_text,
                *(numbers.as_float(row[key], ind.unit) for key in ("england", "region", "neighbours")),
                row["benchmark_year"] or "", row["note"], item.state, item.rated_against, item.quartile_text,
                item.spc_text, "; ".join(flag.text for flag in item.flags), item.fallback_text,
            ])
    return period, rows


def definition_rows() -> list[list]:
    """One row per indicator: how it is worked out and what it means."""
    return [[ind.id, ind.title, definitions.THEMES[ind.theme], ind.unit_label or "count", ind.formula,
             ind.numerator, ind.denominator or "", POLARITY.get(ind.polarity, ind.polarity), ind.benchmark or "",
             ind.benchmark_note, ind.definition] for ind in definitions.indicators().values()]


def _about(store: Store, period: str) -> list[list[str]]:
    threshold, rule = settings.suppression_threshold(store), settings.disclosure_rule(store)
    lines = [
        ["Partnership", settings.partnership_name(store)],
        ["Period", period],
        ["Generated", dt.date.today().isoformat()],
        ["Disclosure control", suppression.explain(rule, threshold)],
        ["Sources", "Partner returns; benchmarks: DfE (Local Authority Interactive Tool); population: ONS mid-year "
                    "estimates. Contains public sector information licensed under the Open Government Licence v3.0."],
    ]
    if settings.is_demo(store):
        lines.insert(0, ["SYNTHETIC DEMO DATA", "Every figure in this file is invented for demonstration."])
    return lines


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return safe_text(value)


def scorecard_csv(store: Store, period: str | None = None, view: str = "quarter") -> bytes:
    """The scorecard as CSV (UTF-8 with BOM, for Excel): the table, then the definitions, then notes."""
    period, rows = scorecard_rows(store, period, view)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for block in ([COLUMNS, *rows], [[], ["Definitions"], DEFINITION_COLUMNS, *definition_rows()],
                  [[], ["About this file"], *_about(store, period)]):
        for line in block:
            writer.writerow([_csv_value(v) for v in line])
    return buffer.getvalue().encode("utf-8-sig")


def scorecard_xlsx(store: Store, period: str | None = None, view: str = "quarter") -> bytes:
    """The scorecard as an Excel workbook: Scorecard, Definitions and About sheets."""
    period, rows = scorecard_rows(store, period, view)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": f"Scorecard {period}", "author": settings.partnership_name(store),
                         "created": dt.datetime.combine(dt.date.today(), dt.time())})
    head = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#0B3C5D", "text_wrap": True,
                            "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    one_dp = book.add_format({"num_format": "#,##0.0", "valign": "top"})
    whole = book.add_format({"num_format": "#,##0", "valign": "top"})
    _sheet(book, "Scorecard", COLUMNS, rows, head, wrap, one_dp, whole,
           widths=[20, 44, 26, 11, 10, 11, 16, 11, 12, 13, 60, 30, 10, 10, 12, 14, 24, 12, 22, 30, 26, 50, 26])
    _sheet(book, "Definitions", DEFINITION_COLUMNS, definition_rows(), head, wrap, one_dp, whole,
           widths=[26, 44, 22, 11, 50, 24, 24, 20, 22, 40, 80])
    _sheet(book, "About", ["About this file", ""], _about(store, period), head, wrap, one_dp, whole, widths=[22, 100])
    book.close()
    return buffer.getvalue()


def _sheet(book, name: str, columns: list[str], rows: list[list], head, wrap, one_dp, whole,
           widths: list[int]) -> None:
    sheet = book.add_worksheet(name)
    for col, title in enumerate(columns):
        sheet.write_string(0, col, title, head)
        sheet.set_column(col, col, widths[col] if col < len(widths) else 14)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                sheet.write_blank(r, c, None, wrap)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value, whole if isinstance(value, int) or columns[c] in
                                   ("Numerator", "Denominator") else one_dp)
            else:
                sheet.write_string(r, c, safe_text(str(value)), wrap)
    sheet.freeze_panes(1, 0)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
