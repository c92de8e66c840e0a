"""Every period spelling the return contract allows, and the spellings it rejects (spec: Periods)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, Q1, Template, assert_cell_problem, long_csv, long_xlsx, plain_rows, problem_at

from safeguarding.periods import Quarter, parse_quarter
from safeguarding.workbooks import read_return

D = dt.date

# (header text, the quarter's start date). UK financial year: Q1 Apr-Jun ... Q4 Jan-Mar of the next year.
ACCEPTED = [
    # 2024-25 Q1 = Apr-Jun 2024
    ("2024-25 Q1", D(2024, 4, 1)),
    ("2024/25 Q1", D(2024, 4, 1)),
    ("2024-2025 Q1", D(2024, 4, 1)),
    ("Q1 2024-25", D(2024, 4, 1)),
    ("Q1 2024/25", D(2024, 4, 1)),
    ("Apr-Jun 2024", D(2024, 4, 1)),
    ("Apr\u2013Jun 2024", D(2024, 4, 1)),
    ("April to June 2024", D(2024, 4, 1)),
    ("30/06/2024", D(2024, 4, 1)),
    ("2024-06-30", D(2024, 4, 1)),
    # case and spacing free
    ("2024-25 q1", D(2024, 4, 1)),
    ("  2024-25   Q1  ", D(2024, 4, 1)),
    ("2024-25Q1", D(2024, 4, 1)),
    ("q1 2024/25", D(2024, 4, 1)),
    ("Q1  2024 / 25", D(2024, 4, 1)),
    ("APR-JUN 2024", D(2024, 4, 1)),
    ("apr - jun 2024", D(2024, 4, 1)),
    ("april TO june 2024", D(2024, 4, 1)),
    (" 30/06/2024 ", D(2024, 4, 1)),
    # Q2 Jul-Sep
    ("2024-25 Q2", D(2024, 7, 1)),
    ("2024/2025 Q2", D(2024, 7, 1)),
    ("Q2 2024-25", D(2024, 7, 1)),
    ("Jul-Sep 2024", D(2024, 7, 1)),
    ("Jul\u2013Sep 2024", D(2024, 7, 1)),
    ("July to September 2024", D(2024, 7, 1)),
    ("30/09/2024", D(2024, 7, 1)),
    ("2024-09-30", D(2024, 7, 1)),
    # Q3 Oct-Dec
    ("2024-25 Q3", D(2024, 10, 1)),
    ("Q3 2024/25", D(2024, 10, 1)),
    ("Oct-Dec 2024", D(2024, 10, 1)),
    ("October to December 2024", D(2024, 10, 1)),
    ("31/12/2024", D(2024, 10, 1)),
    ("2024-12-31", D(2024, 10, 1)),
    # Q4 Jan-Mar of the next calendar year
    ("2024-25 Q4", D(2025, 1, 1)),
    ("2024/25 Q4", D(2025, 1, 1)),
    ("2024-2025 Q4", D(2025, 1, 1)),
    ("Q4 2024-25", D(2025, 1, 1)),
    ("Jan-Mar 2025", D(2025, 1, 1)),
    ("Jan\u2013Mar 2025", D(2025, 1, 1)),
    ("January to March 2025", D(2025, 1, 1)),
    ("31/03/2025", D(2025, 1, 1)),
    ("2025-03-31", D(2025, 1, 1)),
    # a year boundary in the financial-year spelling
    ("1999-00 Q1", D(1999, 4, 1)),
    ("2023-24 Q4", D(2024, 1, 1)),
]

REJECTED = [
    "2024-26 Q1",       # not consecutive years
    "2024-2026 Q1",
    "Q5 2024-25",       # no fifth quarter
    "2024-25 Q0",
    "Jan-Apr 2024",     # four months
    "Feb-Apr 2024",     # three months but not a financial quarter
    "Nov-Jan 2024",
    "31/05/2024",       # a date that does not end a quarter
    "2024-05-31",
    "01/04/2024",       # a quarter's start is not its end
    "31/06/2024",       # no such day
    "Spring 2024",
    "2024-25",          # a year, not a quarter
    "Apr-Jun",          # no year
    "Q1",
    "",
    "   ",
    "2024-25 Q1 (provisional)",
]


@pytest.mark.parametrize("text,start", ACCEPTED, ids=[repr(t) for t, _ in ACCEPTED])
def test_parse_quarter_accepts(text, start):
    quarter = parse_quarter(text)
    assert quarter is not None, text
    assert quarter.start == start
    assert quarter == Quarter(start)


@pytest.mark.parametrize("value,start", [
    (D(2024, 6, 30), D(2024, 4, 1)),
    (D(2024, 9, 30), D(2024, 7, 1)),
    (D(2024, 12, 31), D(2024, 10, 1)),
    (D(2025, 3, 31), D(2025, 1, 1)),
    (dt.datetime(2025, 3, 31, 0, 0), D(2025, 1, 1)),
])
def test_parse_quarter_accepts_end_dates(value, start):
    assert parse_quarter(value).start == start


@pytest.mark.parametrize("value", [*REJECTED, None, D(2024, 5, 31), D(2024, 4, 1), 45473, 2024.25],
                         ids=lambda v: repr(v))
def test_parse_quarter_rejects(value):
    assert parse_quarter(value) is None


@pytest.mark.parametrize("fy,number,start,end,label", [
    (2024, 1, D(2024, 4, 1), D(2024, 6, 30), "2024-25 Q1"),
    (2024, 2, D(2024, 7, 1), D(2024, 9, 30), "2024-25 Q2"),
    (2024, 3, D(2024, 10, 1), D(2024, 12, 31), "2024-25 Q3"),
    (2024, 4, D(2025, 1, 1), D(2025, 3, 31), "2024-25 Q4"),
    (1999, 4, D(2000, 1, 1), D(2000, 3, 31), "1999-00 Q4"),
])
def test_quarter_start_end_and_canonical_label(fy, number, start, end, label):
    quarter = Quarter.of(fy, number)
    assert (quarter.start, quarter.end, quarter.label) == (start, end, label)
    assert parse_quarter(label) == quarter


# ---------------------------------------------------------------- through real workbooks


# Spelled correctly but before 2000-01 Q1, so refused on loading (see the range test below).
IN_RANGE = [(text, start) for text, start in ACCEPTED if start >= D(2000, 4, 1)]


@pytest.mark.parametrize("text,start", IN_RANGE, ids=[repr(t) for t, _ in IN_RANGE])
def test_template_header_spellings(text, start):
    book = Template(quarters=(text,), rows=[["POL.PPO", "Police protection", 4]])
    parsed = read_return("p.xlsx", book.bytes(), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert [(r[1], r[2], r[4]) for r in plain_rows(parsed)] == [(start, "POL.PPO", 4)]


@pytest.mark.parametrize("day,start", [
    (D(2024, 6, 30), D(2024, 4, 1)), (D(2024, 9, 30), D(2024, 7, 1)),
    (D(2024, 12, 31), D(2024, 10, 1)), (D(2025, 3, 31), D(2025, 1, 1)),
])
def test_template_header_as_excel_date_cell(day, start):
    def dates(ws):
        ws["C3"].value = dt.datetime.combine(day, dt.time())
        ws["C3"].number_format = "dd/mm/yyyy"
    book = Template(quarters=("placeholder",), rows=[["POL.PPO", "x", 4]], edit=dates)
    assert book.header_row == 3
    parsed = read_return("p.xlsx", book.bytes(), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert [r[1] for r in plain_rows(parsed)] == [start]


def test_template_mixed_spellings_in_one_header():
    quarters = ("Apr-Jun 2024", "2024/25 Q2", "31/12/2024", "Q4 2024-25")
    book = Template(quarters=quarters, rows=[["POL.PPO", "x", 1, 2, 3, 4]])
    parsed = read_return("p.xlsx", book.bytes(), TODAY)
    assert not parsed.errors
    assert sorted((r[1], r[4]) for r in plain_rows(parsed)) == [
        (D(2024, 4, 1), 1), (D(2024, 7, 1), 2), (D(2024, 10, 1), 3), (D(2025, 1, 1), 4)]


@pytest.mark.parametrize("text", [t for t in REJECTED if t.strip()])
def test_template_rejects_header_naming_the_cell(text):
    book = Template(quarters=(Q1, text), rows=[["POL.PPO", "x", 1, 2]])
    parsed = read_return("p.xlsx", book.bytes(), TODAY)
    problem = problem_at(parsed.errors, "D3")
    assert_cell_problem(problem, "p.xlsx", "Return", "D3", found=text)


def test_template_rejects_date_cell_that_is_not_a_quarter_end():
    def dates(ws):
        ws["C3"].value = dt.datetime(2024, 5, 31)
        ws["C3"].number_format = "dd/mm/yyyy"
    parsed = read_return("p.xlsx", Template(quarters=("x",), rows=[["POL.PPO", "x", 4]], edit=dates).bytes(), TODAY)
    assert parsed.errors and not plain_rows(parsed)
    assert_cell_problem(problem_at(parsed.errors, "C3"), "p.xlsx", "Return", "C3")


@pytest.mark.parametrize("quarter,start", [
    ("Q3 2024/25", D(2024, 10, 1)), ("Jan\u2013Mar 2025", D(2025, 1, 1)),
    (D(2024, 6, 30), D(2024, 4, 1)), (dt.datetime(2024, 9, 30), D(2024, 7, 1)),
    ("2024-09-30", D(2024, 7, 1)), ("30/06/2024", D(2024, 4, 1)),
])
def test_long_layout_quarter_spellings(quarter, start):
    parsed = read_return("l.xlsx", long_xlsx([["POL", quarter, "POL.PPO", 3]]), TODAY)
    assert not parsed.errors, [str(e) for e in parsed.errors]
    assert [r[1] for r in plain_rows(parsed)] == [start]
    if not isinstance(quarter, dt.date):
        parsed = read_return("l.csv", long_csv([["POL", quarter, "POL.PPO", 3]]), TODAY)
        assert not parsed.errors, [str(e) for e in parsed.errors]
        assert [r[1] for r in plain_rows(parsed)] == [start]


@pytest.mark.parametrize("quarter", ["Spring 2024", "2024-26 Q1", "31/05/2024"])
def test_long_layout_rejects_quarter_with_cell(quarter):
    parsed = read_return("l.xlsx", long_xlsx([["POL", Q1, "POL.PPO", 3], ["POL", quarter, "POL.PPO", 3]]), TODAY)
    assert_cell_problem(problem_at(parsed.errors, "B3"), "l.xlsx", "Data", "B3", found=quarter)


# ---------------------------------------------------------------- the quarter must have ended


@pytest.mark.parametrize("today,header,ok", [
    (D(2024, 7, 1), "2024-25 Q1", True),     # the day after Q1 ends
    (D(2024, 6, 30), "2024-25 Q1", False),   # Q1's last day: not ended yet
    (D(2024, 5, 15), "2024-25 Q1", False),   # in the middle of it
    (D(2024, 5, 15), "2025-26 Q1", False),   # a future year
    (D(2025, 4, 1), "2024-25 Q4", True),
    (D(2025, 3, 31), "Jan-Mar 2025", False),
])
def test_quarter_ended_boundary(today, header, ok):
    parsed = read_return("p.xlsx", Template(quarters=(header,), rows=[["POL.PPO", "x", 4]]).bytes(), today)
    if ok:
        assert not parsed.errors and len(plain_rows(parsed)) == 1
    else:
        assert not plain_rows(parsed)
        assert_cell_problem(problem_at(parsed.errors, "C3"), "p.xlsx", "Return", "C3", found=header)


def test_quarter_not_yet_ended_rejected_on_load(store):
    from safeguarding.loading import load_bytes

    # TODAY is 22 Nov 2026: 2026-27 Q2 ended on 30 Sep 2026, Q3 ends on 31 Dec 2026.
    ended = load_bytes(store, "ok.xlsx", Template(quarters=("2026-27 Q2",), rows=[["POL.PPO", "x", 4]]).bytes(),
                       "t", today=TODAY)
    assert ended.status == "loaded"
    result = load_bytes(store, "future.xlsx",
                        Template(quarters=("2026-27 Q2", "2026-27 Q3"), rows=[["POL.PPO", "x", 4, 5]]).bytes(),
                        "t", today=TODAY)
    assert result.status == "rejected"
    problem = problem_at(result.parsed.errors, "D3")
    assert_cell_problem(problem, "future.xlsx", "Return", "D3", found="2026-27 Q3")
    assert "2026-27 Q3" in problem.message


@pytest.mark.parametrize("header,message", [
    ("2000-01 Q1", None),                 # the earliest quarter accepted (April to June 2000)
    ("1999-00 Q4", "outside"),            # the quarter before it
    ("0001-02 Q1", "outside"),            # the 73-byte file that once added 545,670 indicator rows
    ("9999-00 Q4", "not written"),        # a year no calendar date holds: refused, never a crash
    ("2026-27 Q2", None),                 # ended 30 September 2026, before TODAY (22 November 2026)
    ("2026-27 Q3", "has not ended"),      # the current quarter
    ("2026-27 Q4", "has not ended"),      # the quarter after the current one: in range, not ended
    ("2027-28 Q1", "outside"),            # beyond the quarter after the current one
], ids=["2000-01-Q1", "1999-00-Q4", "year-1", "year-9999", "last-ended", "current", "next", "after-next"])
def test_quarters_run_from_2000_to_the_quarter_after_today(header, message):
    parsed = read_return("r.csv", long_csv([["POL", header, "POL.PPO", 5]]), TODAY)
    errors = [str(e) for e in parsed.errors]
    if message is None:
        assert not errors, errors
    else:
        assert len(errors) == 1 and message in errors[0] and parsed.errors[0].cell == "B2", errors
