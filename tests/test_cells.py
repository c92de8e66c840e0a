"""Every cell convention of the contract (spec: Cell values), through real workbooks of both layouts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import xlsxwriter
from conftest import (
    Q1, TODAY, Template, assert_cell_problem, long_csv, long_xlsx, part_text, plain_rows, problem_at, save,
    set_cached_value, sheet_part, strip_cached_values,
)

from safeguarding.cells import interpret
from safeguarding.workbooks import read_return

# (id, what is written in the cell, number format or None, expected state, expected value)
CONVENTIONS = [
    ("int", 12, None, "number", 12),
    ("zero", 0, None, "number", 0),
    ("float-12.0", 12.0, None, "number", 12),
    ("text-12.0", "12.0", None, "number", 12),
    ("text-thousands", "1,234", None, "number", 1234),
    ("text-millions", "1,234,567", None, "number", 1234567),
    ("text-padded", " 56 ", None, "number", 56),
    ("text-int", "7", None, "number", 7),
    ("large", 250000, "#,##0", "number", 250000),
    ("blank", None, None, "missing", None),
    ("spaces-only", "   ", None, "missing", None),
    ("n/a", "n/a", None, "not_applicable", None),
    ("N/A", "N/A", None, "not_applicable", None),
    ("na", "na", None, "not_applicable", None),
    ("NA", "NA", None, "not_applicable", None),
    ("hyphen", "-", None, "not_applicable", None),
    ("en-dash", "\u2013", None, "not_applicable", None),
    ("padded-n/a", " n/a ", None, "not_applicable", None),
    ("<5", "<5", None, "suppressed", None),
    ("c", "c", None, "suppressed", None),
    ("star", "*", None, "suppressed", None),
    ("padded-<5", " <5 ", None, "suppressed", None),
]

# (id, what is written, number format, the value found as the message shows it, or None: any non-empty)
ERRORS = [
    ("#DIV/0!", "#DIV/0!", None, "#DIV/0!"),
    ("#REF!", "#REF!", None, "#REF!"),
    ("#VALUE!", "#VALUE!", None, "#VALUE!"),
    ("#N/A", "#N/A", None, "#N/A"),
    ("negative", -3, None, "-3"),
    ("negative-text", "-3", None, "-3"),
    ("fraction", 2.5, None, "2.5"),
    ("fraction-text", "2.5", None, "2.5"),
    ("decimal-comma", "1,5", None, "1,5"),  # 1.5 written the continental way: not a whole number
    ("percent-text", "25%", None, "25%"),
    ("percent-format-fraction", 0.25, "0%", None),
    ("percent-format-whole", 1, "0%", None),  # shows as 100%: a percentage, not a count
    ("percent-format-decimals", 3, "0.00%", None),
    ("text", "about forty", None, "about forty"),
    ("text-with-number", "12 children", None, "12 children"),
    ("bool-true", True, None, "true"),
    ("bool-false", False, None, "false"),
    ("date", dt.datetime(2024, 5, 1), "dd/mm/yyyy", None),
]


def _state(parsed, ref):
    rows = [r for r in plain_rows(parsed) if r[6] == ref]
    assert len(rows) == 1, (ref, plain_rows(parsed), [str(e) for e in parsed.errors])
    return rows[0][3], rows[0][4]


# ------------------------------------------------------------------ conventions accepted


@pytest.mark.parametrize("raw,fmt,state,value", [c[1:] for c in CONVENTIONS], ids=[c[0] for c in CONVENTIONS])
def test_convention_template(raw, fmt, state, value):
    book = Template(rows=[["POL.PPO", "Police protection", raw]], formats={"C4": fmt} if fmt else {})
    assert book.ref(0) == "C4"
    parsed = read_return("t.xlsx", book.bytes(), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "C4") == (state, value)


@pytest.mark.parametrize("raw,fmt,state,value", [c[1:] for c in CONVENTIONS], ids=[c[0] for c in CONVENTIONS])
def test_convention_long_xlsx(raw, fmt, state, value):
    data = long_xlsx([["POL", Q1, "POL.ENCOMPASS", 5], ["POL", Q1, "POL.PPO", raw]],
                     formats={"D3": fmt} if fmt else None)
    parsed = read_return("l.xlsx", data, TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "D3") == (state, value)


@pytest.mark.parametrize("raw,state,value", [(c[1], c[3], c[4]) for c in CONVENTIONS],
                         ids=[c[0] for c in CONVENTIONS])
def test_convention_csv(raw, state, value):
    data = long_csv([["POL", Q1, "POL.ENCOMPASS", 5], ["POL", Q1, "POL.PPO", raw]])
    parsed = read_return("l.csv", data, TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "D3") == (state, value)


def test_convention_csv_utf8_bom_and_windows_1252_dash():
    bom = b"\xef\xbb\xbf" + long_csv([["POL", Q1, "POL.PPO", "\u2013"]])
    assert _state(read_return("b.csv", bom, TODAY), "D2") == ("not_applicable", None)
    cp1252 = long_csv([["POL", Q1, "POL.PPO", "\u2013"]], encoding="cp1252")  # the en dash is byte 0x96
    assert _state(read_return("w.csv", cp1252, TODAY), "D2") == ("not_applicable", None)


# ------------------------------------------------------------------ invalid values


@pytest.mark.parametrize("raw,fmt,found", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_invalid_value_template(raw, fmt, found):
    book = Template(rows=[["POL.ENCOMPASS", "x", 5], ["POL.PPO", "Police protection", raw]],
                    formats={"C5": fmt} if fmt else {})
    parsed = read_return("bad.xlsx", book.bytes(), TODAY)
    problem = problem_at(parsed.errors, "C5")
    assert_cell_problem(problem, "bad.xlsx", "Return", "C5", measure="POL.PPO", found=found)
    assert problem.found
    assert not [r for r in plain_rows(parsed) if r[6] == "C5"]


@pytest.mark.parametrize("raw,fmt,found", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_invalid_value_long_xlsx(raw, fmt, found):
    data = long_xlsx([["POL", Q1, "POL.ENCOMPASS", 5], ["POL", Q1, "POL.PPO", raw]],
                     formats={"D3": fmt} if fmt else None)
    parsed = read_return("bad.xlsx", data, TODAY)
    problem = problem_at(parsed.errors, "D3")
    assert_cell_problem(problem, "bad.xlsx", "Data", "D3", measure="POL.PPO", found=found)
    assert problem.found


@pytest.mark.parametrize("raw", ["#DIV/0!", "#REF!", "#VALUE!", "#N/A", "-3", "2.5", "1,5", "25%", "abc",
                                 "TRUE", "12 children", "1.2e3"])
def test_invalid_value_csv(raw):
    parsed = read_return("bad.csv", long_csv([["POL", Q1, "POL.ENCOMPASS", 5], ["POL", Q1, "POL.PPO", raw]]), TODAY)
    problem = problem_at(parsed.errors, "D3")
    assert problem.file == "bad.csv" and problem.measure == "POL.PPO" and problem.found == raw
    assert problem.fix.strip() and problem.message.strip()


def test_error_cells_really_are_error_cells():
    """The template builder stores '#DIV/0!' as an Excel error cell (t="e"), as Excel does."""
    data = Template(rows=[["POL.PPO", "x", "#DIV/0!"]]).bytes()
    assert b't="e"' in part_text(data, sheet_part(data))


@pytest.mark.parametrize("raw", [-1, 0.5, 1.25, True, "x", "#REF!", "50%"])
def test_interpret_rejects(raw):
    from safeguarding.cells import CellError

    assert isinstance(interpret(raw), CellError)


# ------------------------------------------------------------------ formulas


def _xlsxwriter_template(formula: str, cached) -> bytes:
    """A layout-A workbook written by xlsxwriter, C4 holding `formula` with `cached` as its saved result."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Return")
    sheet.write_row(0, 0, ["Agency", "POL"])
    sheet.write_row(2, 0, ["Measure code", "Measure", Q1, "Commentary"])
    sheet.write_row(3, 0, ["POL.PPO", "Police protection"])
    if cached is None:
        sheet.write_formula("C4", formula)
    else:
        sheet.write_formula("C4", formula, None, cached)
    sheet.write_row(4, 0, ["POL.ENCOMPASS", "Encompass", 3])
    book.close()
    return buffer.getvalue()


def _xlsxwriter_long(formula: str, cached) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, ["Agency", "Quarter", "Measure code", "Value"])
    sheet.write_row(1, 0, ["POL", Q1, "POL.ENCOMPASS", 3])
    sheet.write_row(2, 0, ["POL", Q1, "POL.PPO"])
    if cached is None:
        sheet.write_formula("D3", formula)
    else:
        sheet.write_formula("D3", formula, None, cached)
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize("cached,state,value", [
    (7, "number", 7), ("n/a", "not_applicable", None), ("<5", "suppressed", None), ("1,234", "number", 1234),
])
def test_formula_cached_result_template_xlsxwriter(cached, state, value):
    parsed = read_return("f.xlsx", _xlsxwriter_template("=3+4", cached), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "C4") == (state, value)


@pytest.mark.parametrize("cached,state,value", [(7, "number", 7), ("n/a", "not_applicable", None)])
def test_formula_cached_result_long_xlsxwriter(cached, state, value):
    parsed = read_return("f.xlsx", _xlsxwriter_long("=3+4", cached), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "D3") == (state, value)


def test_formula_cached_result_openpyxl_with_value_added():
    """openpyxl saves the formula alone; adding <v>7</v> is what a calculating program saves."""
    raw = Template(rows=[["POL.PPO", "x", "=3+4"]]).bytes()
    data = set_cached_value(raw, "C4", "7")
    parsed = read_return("f.xlsx", data, TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "C4") == ("number", 7)


def test_formula_cached_empty_string_is_blank():
    """Excel saves =IF(A1="","",A1) with an empty string result as <c t="str"><f>..</f><v></v></c>:
    the result was calculated (it is ""), so the cell is blank, not an uncalculated formula."""
    raw = Template(rows=[["POL.PPO", "x", '=IF(1=1,"",1)'], ["POL.ENCOMPASS", "y", 3]]).bytes()
    data = set_cached_value(raw, "C4", "", cell_type="str")
    assert b'<c r="C4" t="str"><f>IF(1=1,"",1)</f><v></v></c>' in part_text(data, sheet_part(data))
    parsed = read_return("f.xlsx", data, TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert _state(parsed, "C4") == ("missing", None)


@pytest.mark.parametrize("cached", ["#DIV/0!", "#REF!", "#VALUE!", "#N/A"])
def test_formula_cached_excel_error_template(cached):
    parsed = read_return("f.xlsx", _xlsxwriter_template("=1/0", cached), TODAY)
    assert_cell_problem(problem_at(parsed.errors, "C4"), "f.xlsx", "Return", "C4", measure="POL.PPO", found=cached)


@pytest.mark.parametrize("cached", ["#DIV/0!", "#REF!", "#VALUE!", "#N/A"])
def test_formula_cached_excel_error_long(cached):
    parsed = read_return("f.xlsx", _xlsxwriter_long("=1/0", cached), TODAY)
    assert_cell_problem(problem_at(parsed.errors, "D3"), "f.xlsx", "Data", "D3", measure="POL.PPO", found=cached)


def _no_cache_template_openpyxl() -> bytes:
    return Template(rows=[["POL.ENCOMPASS", "y", 3], ["POL.PPO", "x", "=SUM(1,2)"]]).bytes()


def _no_cache_long_openpyxl() -> bytes:
    return long_xlsx([["POL", Q1, "POL.ENCOMPASS", 3], ["POL", Q1, "POL.PPO", "=SUM(1,2)"]])


@pytest.mark.parametrize("name,builder,sheet,ref", [
    ("openpyxl-template", _no_cache_template_openpyxl, "Return", "C5"),
    ("openpyxl-long", _no_cache_long_openpyxl, "Data", "D3"),
    ("xlsxwriter-stripped-template", lambda: strip_cached_values(_xlsxwriter_template("=3+4", 7)), "Return", "C4"),
    ("xlsxwriter-stripped-long", lambda: strip_cached_values(_xlsxwriter_long("=3+4", 7)), "Data", "D3"),
])
def test_formula_without_cached_value(name, builder, sheet, ref):
    data = builder()
    assert b"<f>" in part_text(data, sheet_part(data))
    parsed = read_return("nocalc.xlsx", data, TODAY)
    problem = problem_at(parsed.errors, ref)
    assert "excel" in problem.fix.lower() and "save" in problem.fix.lower()
    # Each problem names the file, the sheet, the cell, the measure code and the value found.
    assert_cell_problem(problem, "nocalc.xlsx", sheet, ref, measure="POL.PPO")
    assert problem.found, f"the formula found is not shown: {problem}"


def test_openpyxl_writes_formulas_without_cached_values():
    """Guard for the builder: openpyxl really saves formulas without a result (an empty <v>)."""
    book = openpyxl.Workbook()
    book.active["A1"] = "=1+2"
    data = save(book)
    xml = part_text(data, sheet_part(data))
    assert b"<f>1+2</f>" in xml and b"<v>3</v>" not in xml
