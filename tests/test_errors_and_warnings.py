"""Every error and warning of the spec's "Validation the user sees" list, each asserted with its cell."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import (
    GOOD_POL, POL_CODES, Q1, Q2, Q3, TODAY, Template, assert_cell_problem, good_pol_template, long_csv,
    long_xlsx, plain_rows, pol_rows, problem_at, query,
)

from safeguarding.catalogue import measures_of
from safeguarding.loading import load_bytes
from safeguarding.workbooks import read_return

D = dt.date


def read(book_or_bytes, name="r.xlsx", today=TODAY):
    data = book_or_bytes if isinstance(book_or_bytes, bytes) else book_or_bytes.bytes()
    return read_return(name, data, today)


def errors_text(parsed):
    return [str(e) for e in parsed.errors]


# ============================================================ agency


def test_agency_missing_label():
    parsed = read(Template(labels=[("Partnership", "Anytown")], rows=[["POL.PPO", "x", 4]]))
    assert not plain_rows(parsed)
    agency = [e for e in parsed.errors if "agency" in e.message.lower()]
    assert agency and agency[0].cell and agency[0].fix.strip() and agency[0].file == "r.xlsx"


def test_agency_label_without_value():
    book = Template(labels=[("Partnership", "Anytown"), ("Agency", None)], rows=[["POL.PPO", "x", 4]])
    parsed = read(book)
    assert not plain_rows(parsed)
    problem = problem_at(parsed.errors, "B2")
    assert_cell_problem(problem, "r.xlsx", "Return", "B2")
    assert "agency" in problem.message.lower()


@pytest.mark.parametrize("raw", ["Fire service", "PO", "Police Scotland", 42])
def test_agency_unknown(raw):
    parsed = read(Template(agency=raw, rows=[["POL.PPO", "x", 4]]))
    assert not plain_rows(parsed)
    assert_cell_problem(problem_at(parsed.errors, "B1"), "r.xlsx", "Return", "B1", found=str(raw))


@pytest.mark.parametrize("raw,code", [
    ("constabulary", "POL"), ("Constabulary ", "POL"), ("Police force", "POL"), ("POLICE", "POL"), ("pol", "POL"),
    ("NHS", "HEA"), ("ICB", "HEA"), ("CCG", "HEA"), ("health partners", "HEA"),
    ("LA", "CSC"), ("social care", "CSC"), ("children's services", "CSC"), ("Children\u2019s social care", "CSC"),
    ("schools", "EDU"), ("education safeguarding", "EDU"),
    ("YOS", "YJS"), ("youth offending service", "YJS"),
    ("training", "TRN"), ("business unit", "TRN"), ("L&D", "TRN"),
])
def test_agency_by_name_or_alias(raw, code):
    measure = measures_of(code)[0].code
    parsed = read(Template(agency=raw, rows=[[measure, "x", 4]]))
    assert not parsed.errors, errors_text(parsed)
    assert [(r[0], r[2], r[4]) for r in plain_rows(parsed)] == [(code, measure, 4)]


def test_agency_label_with_colon_and_other_labels():
    labels = [("Quarterly safeguarding return", None), ("Agency:", "Constabulary"), ("Partnership", "Anytown LSCP"),
              ("Completed by", "A. Analyst"), ("Date completed", dt.datetime(2025, 4, 20))]
    parsed = read(Template(labels=labels, rows=[["POL.PPO", "x", 4]]))
    assert not parsed.errors, errors_text(parsed)
    assert plain_rows(parsed)[0][0] == "POL"


# ============================================================ the header


def test_no_measure_code_header():
    book = Template(header=["Code", "Measure", Q1], rows=[["POL.PPO", "x", 4]])
    parsed = read(book)
    assert not plain_rows(parsed)
    problem = [e for e in parsed.errors if "measure code" in e.message.lower()]
    assert problem and problem[0].cell and problem[0].fix.strip() and problem[0].sheet == "Return"


def test_header_in_row_12_after_inserted_rows():
    labels = [("Agency", "POL"), ("Partnership", "Anytown"), ("Completed by", "Ann"), ("Note", "see below"),
              *[(f"Inserted row {i}", None) for i in range(5)]]
    book = Template(labels=labels, gap=2, rows=pol_rows({"POL.PPO": 9}))
    assert book.header_row == 12
    parsed = read(book)
    assert not parsed.errors, errors_text(parsed)
    ppo = [r for r in plain_rows(parsed) if r[2] == "POL.PPO"]
    assert ppo == [("POL", D(2024, 4, 1), "POL.PPO", "number", 9, None, f"C{book.row_of(3)}")]
    assert book.row_of(3) == 16


@pytest.mark.parametrize("header_row,ok", [(30, True), (31, False)])
def test_header_searched_in_first_30_rows(header_row, ok):
    book = Template(gap=header_row - 2, rows=[["POL.PPO", "x", 4]])
    assert book.header_row == header_row
    parsed = read(book)
    assert bool(plain_rows(parsed)) == ok and bool(parsed.errors) != ok


def test_measure_code_header_case_and_spaces():
    parsed = read(Template(header=["  MEASURE CODE ", "measure", Q1, "commentary"], rows=[["POL.PPO", "x", 4, "n"]]))
    assert not parsed.errors and plain_rows(parsed)[0][4:6] == (4, "n")


def test_quarter_header_not_understood():
    parsed = read(Template(quarters=(Q1, "Summer 2024", Q3), rows=[["POL.PPO", "x", 1, 2, 3]]))
    assert not plain_rows(parsed) or parsed.errors
    assert_cell_problem(problem_at(parsed.errors, "D3"), "r.xlsx", "Return", "D3", found="Summer 2024")


def test_same_quarter_twice():
    parsed = read(Template(quarters=(Q1, "Apr-Jun 2024"), rows=[["POL.PPO", "x", 1, 2]]))
    problem = problem_at(parsed.errors, "D3")
    assert_cell_problem(problem, "r.xlsx", "Return", "D3", found="Apr-Jun 2024")
    assert "C3" in problem.message  # where the first one is


def test_quarter_not_yet_ended():
    parsed = read(Template(quarters=("2026-27 Q2", "2026-27 Q3"), rows=[["POL.PPO", "x", 1, 2]]))
    assert_cell_problem(problem_at(parsed.errors, "D3"), "r.xlsx", "Return", "D3", found="2026-27 Q3")
    assert not [e for e in parsed.errors if e.cell == "C3"]


# ============================================================ measure codes


def test_unknown_code_suggests_nearest():
    book = Template(agency="CSC", rows=[["CSC.CONTACTS", "x", 100], ["CSC.REFERAL", "Referrals", 40]])
    parsed = read(book)
    problem = problem_at(parsed.errors, "A5")
    assert_cell_problem(problem, "r.xlsx", "Return", "A5", found="CSC.REFERAL")
    assert "CSC.REFERRALS" in problem.fix


def test_unknown_code_without_near_match():
    parsed = read(Template(rows=[["ZZZ.NOTHING_LIKE_IT", "x", 1]]))
    problem = problem_at(parsed.errors, "A4")
    assert_cell_problem(problem, "r.xlsx", "Return", "A4", found="ZZZ.NOTHING_LIKE_IT")


def test_code_case_and_spaces_are_free():
    parsed = read(Template(rows=[["  pol.ppo ", "x", 4]]))
    assert not parsed.errors and plain_rows(parsed)[0][2] == "POL.PPO"


def test_measure_of_another_agency():
    parsed = read(Template(agency="POL", rows=[["POL.PPO", "x", 4], ["CSC.REFERRALS", "Referrals", 40]]))
    problem = problem_at(parsed.errors, "A5")
    assert_cell_problem(problem, "r.xlsx", "Return", "A5", measure="CSC.REFERRALS", found="CSC.REFERRALS")
    assert "CSC" in problem.message


def test_same_measure_twice():
    parsed = read(Template(rows=[["POL.PPO", "x", 4], ["POL.ENCOMPASS", "y", 5], ["pol.ppo", "x again", 6]]))
    problem = problem_at(parsed.errors, "A6")
    assert_cell_problem(problem, "r.xlsx", "Return", "A6", measure="POL.PPO")
    assert "A4" in problem.message


def test_invalid_value_names_cell_measure_and_value():
    parsed = read(Template(quarters=(Q1, Q2), rows=[["POL.PPO", "x", 4, "lots"]]))
    assert_cell_problem(problem_at(parsed.errors, "D4"), "r.xlsx", "Return", "D4", measure="POL.PPO", found="lots")


# ============================================================ rows skipped, commentary


def test_blank_empty_code_and_comment_rows_are_skipped():
    rows = [
        ["POL.PPO", "x", 4, 5],
        [None, None, None, None],              # blank row
        [None, "A subtotal with no code", 99, 98],  # empty code cell
        ["   ", "spaces as code", 7, 7],        # empty code cell (spaces)
        ["# POL.ENCOMPASS", "commented out", 1, "junk"],
        ["#note", "anything", "#REF!", "x"],
        ["POL.ENCOMPASS", "y", 6, 7],
    ]
    book = Template(quarters=(Q1, Q2), rows=rows, commentary=False)
    parsed = read(book)
    assert not parsed.errors, errors_text(parsed)
    assert sorted((r[2], r[1], r[4], r[6]) for r in plain_rows(parsed)) == [
        ("POL.ENCOMPASS", D(2024, 4, 1), 6, "C10"), ("POL.ENCOMPASS", D(2024, 7, 1), 7, "D10"),
        ("POL.PPO", D(2024, 4, 1), 4, "C4"), ("POL.PPO", D(2024, 7, 1), 5, "D4")]


def test_commentary_belongs_to_the_latest_quarter():
    # The columns are not in date order: the latest quarter (Q3) is in the middle.
    book = Template(quarters=(Q2, Q3, Q1), rows=[["POL.PPO", "x", 2, 3, 1, "  Rise after the new triage  "],
                                                  ["POL.ENCOMPASS", "y", 5, 6, 4, None]])
    parsed = read(book)
    assert not parsed.errors, errors_text(parsed)
    notes = {(r[2], r[1]): r[5] for r in plain_rows(parsed)}
    assert notes[("POL.PPO", D(2024, 10, 1))] == "Rise after the new triage"
    assert notes[("POL.PPO", D(2024, 7, 1))] is None and notes[("POL.PPO", D(2024, 4, 1))] is None
    assert all(v is None for (code, _), v in notes.items() if code == "POL.ENCOMPASS")


def test_commentary_stored_with_latest_quarter(store):
    book = Template(quarters=(Q1, Q2), rows=[["POL.PPO", "x", 2, 3, "Q2 note"]])
    assert load_bytes(store, "c.xlsx", book.bytes(), "t", TODAY).status == "loaded"
    got = query(store, "select quarter_start, commentary from current_values where measure='POL.PPO' order by 1")
    assert got == [(D(2024, 4, 1), None), (D(2024, 7, 1), "Q2 note")]


# ============================================================ sheets


@pytest.mark.parametrize("title", ["Sheet1", "Q1 return", "POL figures"])
def test_single_sheet_with_any_name(title):
    parsed = read(Template(sheet=title, rows=[["POL.PPO", "x", 4]]))
    assert not parsed.errors, errors_text(parsed)
    assert parsed.layout == "template" and len(plain_rows(parsed)) == 1


@pytest.mark.parametrize("title", ["return", "  RETURN ", "Return"])
def test_return_sheet_name_matched_without_case_or_spaces(title):
    parsed = read(Template(sheet=title, other_sheets=("Notes", "Lookups"), rows=[["POL.PPO", "x", 4]]))
    assert not parsed.errors, errors_text(parsed)
    assert len(plain_rows(parsed)) == 1


def test_multi_sheet_without_return_or_data_rejected():
    parsed = read(Template(sheet="Figures", other_sheets=("Notes",), rows=[["POL.PPO", "x", 4]]))
    assert not plain_rows(parsed) and parsed.errors
    problem = parsed.errors[0]
    assert problem.file == "r.xlsx" and problem.fix.strip()
    assert "Figures" in problem.message and "Notes" in problem.message


def test_template_writer_output_reads_back():
    from safeguarding.periods import Quarter
    from safeguarding.template_writer import write_template

    quarters = [Quarter.of(2024, n) for n in (1, 2, 3, 4)]
    values = {(code, q): GOOD_POL[code][i] for code in POL_CODES for i, q in enumerate(quarters)}
    data = write_template("POL", quarters, values, {"POL.PPO": "Stable"})
    parsed = read(data)
    assert not parsed.errors, errors_text(parsed)
    assert len(plain_rows(parsed)) == 24
    got = {(r[2], r[1]): r[4] for r in plain_rows(parsed)}
    assert got == {(code, q.start): v for (code, q), v in values.items()}


# ============================================================ warnings


def load(store, book, name, by="tester", today=TODAY):
    data = book if isinstance(book, bytes) else book.bytes()
    result = load_bytes(store, name, data, by, today)
    assert result.status == "loaded", [str(e) for e in result.parsed.errors]
    return result


def stored_warnings(store, sid):
    return query(store, "select cell, measure, message from submission_warnings where submission_id=? "
                        "order by position", [sid])


def test_warning_absent_catalogue_measure(store):
    result = load(store, Template(rows=[["POL.PPO", "x", 4], ["POL.ENCOMPASS", "y", 5]]), "part.xlsx")
    absent = {w.measure for w in result.parsed.warnings if "not in the return" in w.message}
    assert absent == set(POL_CODES) - {"POL.PPO", "POL.ENCOMPASS"}
    assert {m for _, m, _ in stored_warnings(store, result.submission_id)} >= absent


def test_no_absent_warning_when_every_measure_sent(store):
    result = load(store, good_pol_template(), "full.xlsx")
    assert not [w for w in result.parsed.warnings if "not in the return" in w.message]


def _csc_rows(referrals, sources, cp_plans, categories, icpc=10, icpc_15wd=8):
    src = ["CSC.REF_SRC_POLICE", "CSC.REF_SRC_SCHOOLS", "CSC.REF_SRC_HEALTH", "CSC.REF_SRC_LA", "CSC.REF_SRC_OTHER"]
    cat = ["CSC.CP_CAT_NEGLECT", "CSC.CP_CAT_EMOTIONAL", "CSC.CP_CAT_PHYSICAL", "CSC.CP_CAT_SEXUAL",
           "CSC.CP_CAT_MULTIPLE"]
    rows = [["CSC.CONTACTS", "c", 1000], ["CSC.REFERRALS", "r", referrals]]
    rows += [[code, code, v] for code, v in zip(src, sources)]
    rows += [["CSC.CP_PLANS", "p", cp_plans]]
    rows += [[code, code, v] for code, v in zip(cat, categories)]
    rows += [["CSC.ICPC", "i", icpc], ["CSC.ICPC_15WD", "i15", icpc_15wd]]
    return rows


def test_warning_referral_sources_do_not_add_up(store):
    book = Template(agency="CSC", rows=_csc_rows(300, [100, 80, 50, 40, 20], 150, [60, 40, 20, 10, 20]))
    result = load(store, book, "csc.xlsx")
    ref_cell = f"C{book.row_of(1)}"
    problem = problem_at(result.parsed.warnings, ref_cell)
    assert problem.measure == "CSC.REFERRALS" and problem.severity == "warning"
    assert "290" in problem.message and "300" in problem.message
    assert not [w for w in result.parsed.warnings if w.measure == "CSC.CP_PLANS" and "add up" in w.message]


def test_warning_cp_categories_do_not_add_up(store):
    book = Template(agency="CSC", rows=_csc_rows(300, [100, 80, 50, 40, 30], 150, [60, 40, 20, 10, 30]))
    result = load(store, book, "csc.xlsx")
    cp_cell = f"C{book.row_of(7)}"
    problem = problem_at(result.parsed.warnings, cp_cell)
    assert problem.measure == "CSC.CP_PLANS" and "160" in problem.message
    assert not [w for w in result.parsed.warnings if w.measure == "CSC.REFERRALS" and "add up" in w.message]


def test_no_sum_warning_when_parts_add_up(store):
    book = Template(agency="CSC", rows=_csc_rows(300, [100, 80, 50, 40, 30], 150, [60, 40, 20, 10, 20]))
    result = load(store, book, "csc.xlsx")
    assert not [w for w in result.parsed.warnings if "add up" in w.message], [str(w) for w in result.parsed.warnings]


def test_warning_part_larger_than_whole(store):
    book = Template(agency="CSC", rows=_csc_rows(300, [100, 80, 50, 40, 30], 150, [60, 40, 20, 10, 20],
                                                 icpc=10, icpc_15wd=12))
    result = load(store, book, "csc.xlsx")
    cell = f"C{book.row_of(14)}"
    problem = problem_at(result.parsed.warnings, cell)
    assert problem.measure == "CSC.ICPC_15WD" and problem.found == "12"
    assert "12" in problem.message and "10" in problem.message


def test_warning_part_larger_than_stored_whole(store):
    """The whole may come from an earlier submission."""
    load(store, Template(agency="CSC", rows=[["CSC.ICPC", "i", 10]]), "whole.xlsx")
    result = load(store, Template(agency="CSC", rows=[["CSC.ICPC_15WD", "i15", 14]]), "part.xlsx")
    problem = problem_at(result.parsed.warnings, "C4")
    assert problem.measure == "CSC.ICPC_15WD"


def _history(store):
    """POL.PPO around 100 in 2024-25 Q1..Q4, loaded first."""
    values = dict(GOOD_POL, **{"POL.PPO": [100, 104, 98, 102]})
    return load(store, good_pol_template(values=values), "history.xlsx")


@pytest.mark.parametrize("value,word", [(260, "rise"), (30, "drop")])
def test_warning_sharp_change_against_history(store, value, word):
    _history(store)
    others = {c: GOOD_POL[c][3] for c in POL_CODES if c != "POL.PPO"}
    book = Template(quarters=("2025-26 Q1",), rows=pol_rows({"POL.PPO": value, **others}))
    result = load(store, book, "new.xlsx")
    cell = book.ref(POL_CODES.index("POL.PPO"))
    problem = problem_at(result.parsed.warnings, cell)
    assert problem.measure == "POL.PPO" and word in problem.message
    # the other measures moved little: no warning for them
    assert not [w for w in result.parsed.warnings if w.measure not in (None, "POL.PPO")]


def test_no_sharp_warning_for_ordinary_change(store):
    _history(store)
    others = {c: GOOD_POL[c][3] for c in POL_CODES if c != "POL.PPO"}
    book = Template(quarters=("2025-26 Q1",), rows=pol_rows({"POL.PPO": 110, **others}))
    result = load(store, book, "new.xlsx")
    assert not [w for w in result.parsed.warnings if w.measure == "POL.PPO"]


def test_warning_zero_where_history_never_zero(store):
    # Small counts: a drop from ~6 to 0 is not "sharp" by size, but a 0 never seen before is the glitch.
    values = dict(GOOD_POL, **{"POL.PPO": [5, 6, 7, 5]})
    load(store, good_pol_template(values=values), "history.xlsx")
    book = Template(quarters=("2025-26 Q1",), rows=pol_rows({"POL.PPO": 0, **{c: GOOD_POL[c][3]
                                                                                for c in POL_CODES if c != "POL.PPO"}}))
    result = load(store, book, "zero.xlsx")
    problem = problem_at(result.parsed.warnings, book.ref(3))
    assert problem.measure == "POL.PPO" and "0" in problem.message


def test_no_zero_warning_when_history_has_zeros(store):
    values = dict(GOOD_POL, **{"POL.PPO": [5, 0, 7, 5]})
    load(store, good_pol_template(values=values), "history.xlsx")
    book = Template(quarters=("2025-26 Q1",), rows=pol_rows({"POL.PPO": 0, **{c: GOOD_POL[c][3]
                                                                                for c in POL_CODES if c != "POL.PPO"}}))
    result = load(store, book, "zero.xlsx")
    assert not [w for w in result.parsed.warnings if w.measure == "POL.PPO"]


def test_warning_restatement(store):
    first = load(store, good_pol_template(), "first.xlsx", by="alice")
    values = {code: list(v) for code, v in GOOD_POL.items()}
    values["POL.PPO"][1] = 99  # Q2 changes
    result = load(store, good_pol_template(values=values), "second.xlsx", by="bob")
    restated = [w for w in result.parsed.warnings if "restate" in w.message.lower()]
    assert len(restated) == 4  # every quarter of the file was already loaded
    q2 = [w for w in restated if "2024-25 Q2" in w.message]
    assert len(q2) == 1 and "first.xlsx" in q2[0].message and "alice" in q2[0].message
    assert re.search(r"\b1 value", q2[0].message), q2[0].message
    q1 = [w for w in restated if "2024-25 Q1" in w.message]
    assert re.search(r"\b0 value", q1[0].message), q1[0].message
    assert first.submission_id != result.submission_id
    assert len(stored_warnings(store, result.submission_id)) == len(result.parsed.warnings)


def test_no_restatement_warning_for_new_quarter(store):
    load(store, good_pol_template(quarters=(Q1,)), "q1.xlsx")
    result = load(store, good_pol_template(quarters=(Q2,), values={c: [GOOD_POL[c][1]] for c in POL_CODES}), "q2.xlsx")
    assert not [w for w in result.parsed.warnings if "restate" in w.message.lower()]


def test_warnings_do_not_stop_loading(store):
    book = Template(agency="CSC", rows=_csc_rows(300, [1, 1, 1, 1, 1], 150, [1, 1, 1, 1, 1], icpc=1, icpc_15wd=9))
    result = load(store, book, "csc.xlsx")
    assert result.parsed.warnings and not result.parsed.errors
    assert query(store, "select count(*) from submission_values where submission_id=?", [result.submission_id]) \
        == [(len(book.rows),)]


# ============================================================ long layout


LONG_ROWS = [
    ["POL", Q1, "POL.PPO", 12, "note"],
    ["POL", Q2, "POL.PPO", 14, None],
    ["Constabulary", Q3, "POL.PPO", 13, None],
    ["CSC", Q1, "CSC.REFERRALS", 300, None],
    ["children's services", "Jul-Sep 2024", "CSC.REFERRALS", "n/a", None],
    ["HEA", "Q1 2024/25", "HEA.ICPC_INVITED", "<5", None],
    [None, None, None, None, None],
    ["YJS", "30/06/2024", "YJS.FIRST_TIME_ENTRANTS", "1,234", None],
    ["POL", Q1, "#POL.ENCOMPASS", 5, None],
]
LONG_EXPECTED = sorted([
    ("POL", D(2024, 4, 1), "POL.PPO", "number", 12, "note", "D2"),
    ("POL", D(2024, 7, 1), "POL.PPO", "number", 14, None, "D3"),
    ("POL", D(2024, 10, 1), "POL.PPO", "number", 13, None, "D4"),
    ("CSC", D(2024, 4, 1), "CSC.REFERRALS", "number", 300, None, "D5"),
    ("CSC", D(2024, 7, 1), "CSC.REFERRALS", "not_applicable", None, None, "D6"),
    ("HEA", D(2024, 4, 1), "HEA.ICPC_INVITED", "suppressed", None, None, "D7"),
    ("YJS", D(2024, 4, 1), "YJS.FIRST_TIME_ENTRANTS", "number", 1234, None, "D9"),
])


@pytest.mark.parametrize("name,builder", [("long.xlsx", long_xlsx), ("long.csv", long_csv)])
def test_long_several_agencies_and_quarters(store, name, builder):
    result = load(store, builder(LONG_ROWS), name)
    assert result.parsed.layout == "long"
    assert sorted(plain_rows(result.parsed)) == LONG_EXPECTED
    assert result.parsed.agencies == ["CSC", "HEA", "POL", "YJS"]
    got = query(store, "select agency, quarter_start, measure, state, value from current_values order by all")
    assert got == sorted(r[:5] for r in LONG_EXPECTED)


@pytest.mark.parametrize("name,builder,sheet", [("dup.xlsx", long_xlsx, "Data"), ("dup.csv", long_csv, "CSV")])
def test_long_duplicate_rows(name, builder, sheet):
    rows = [["POL", Q1, "POL.PPO", 12], ["POL", Q2, "POL.PPO", 14], ["police", "Apr-Jun 2024", "pol.ppo", 12]]
    parsed = read(builder(rows), name)
    assert parsed.errors
    problem = problem_at(parsed.errors, "D4")
    assert_cell_problem(problem, name, sheet, "D4", measure="POL.PPO")
    assert "2" in problem.message  # names the first row


@pytest.mark.parametrize("name,builder,sheet", [("bad.xlsx", long_xlsx, "Data"), ("bad.csv", long_csv, "CSV")])
def test_long_per_row_errors_with_cells(name, builder, sheet):
    rows = [
        ["POL", Q1, "POL.PPO", 12],                  # row 2: fine
        ["Fire service", Q1, "POL.PPO", 3],          # row 3: agency unknown (A3)
        ["POL", "Spring 2024", "POL.ENCOMPASS", 3],  # row 4: quarter (B4)
        ["CSC", Q1, "CSC.REFERAL", 3],               # row 5: unknown code (C5), suggestion
        ["POL", Q1, "CSC.REFERRALS", 3],             # row 6: another agency's code (C6)
        ["POL", Q2, "POL.PPO", "-4"],                # row 7: invalid value (D7)
        ["POL", "2026-27 Q3", "POL.PPO", 1],         # row 8: not ended (B8)
        ["", Q1, "POL.PPO", 1],                      # row 9: agency missing (A9)
    ]
    parsed = read(builder(rows), name)
    assert not any(r[6] != "D2" for r in plain_rows(parsed))
    assert_cell_problem(problem_at(parsed.errors, "A3"), name, sheet, "A3", found="Fire service")
    assert_cell_problem(problem_at(parsed.errors, "B4"), name, sheet, "B4", found="Spring 2024")
    unknown = problem_at(parsed.errors, "C5")
    assert_cell_problem(unknown, name, sheet, "C5", found="CSC.REFERAL")
    assert "CSC.REFERRALS" in unknown.fix
    assert_cell_problem(problem_at(parsed.errors, "C6"), name, sheet, "C6", measure="CSC.REFERRALS")
    assert_cell_problem(problem_at(parsed.errors, "D7"), name, sheet, "D7", measure="POL.PPO", found="-4")
    assert_cell_problem(problem_at(parsed.errors, "B8"), name, sheet, "B8", found="2026-27 Q3")
    problem_at(parsed.errors, "A9")


def test_long_csv_header_with_extra_columns_and_other_order():
    header = ("Notes", "Value", "Measure code", "Quarter", "Agency", "Commentary")
    data = long_csv([["x", 7, "POL.PPO", Q1, "POL", "c"]], header=header)
    parsed = read(data, "o.csv")
    assert not parsed.errors, errors_text(parsed)
    assert plain_rows(parsed) == [("POL", D(2024, 4, 1), "POL.PPO", "number", 7, "c", "B2")]


def test_long_data_sheet_among_others():
    data = long_xlsx([["POL", Q1, "POL.PPO", 7]], sheet="data")
    parsed = read(data, "d.xlsx")
    assert parsed.layout == "long" and not parsed.errors


@pytest.mark.parametrize("rows_above,cols_before,ref", [(0, 0, "D3"), (3, 0, "D6"), (2, 2, "F5")])
def test_long_cells_named_where_they_are_when_the_table_is_not_at_a1(rows_above, cols_before, ref):
    def shift(ws):
        if rows_above:
            ws.insert_rows(1, rows_above)
            ws["A1"] = "Backfill export from the case system"
        if cols_before:
            ws.insert_cols(1, cols_before)
    data = long_xlsx([["POL", Q1, "POL.PPO", 5], ["POL", Q2, "POL.PPO", "several"]], edit=shift)
    parsed = read(data, "l.xlsx")
    assert_cell_problem(problem_at(parsed.errors, ref), "l.xlsx", "Data", ref, measure="POL.PPO", found="several")
