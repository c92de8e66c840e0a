"""The problems workbook sent back to partners: errors first, in their words, and safe to open in Excel."""

from __future__ import annotations

import io

import openpyxl
import pytest
from conftest import POL_CODES, TODAY, good_pol_template

from safeguarding import feedback, sheet_text
from safeguarding.problems import Problem
from safeguarding.workbooks import read_return

HEADINGS = [heading for heading, _ in feedback.COLUMNS]


def sheet_rows(data: bytes, sheet: str = "Problems") -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def test_a_rejected_return_comes_back_errors_first_with_cell_measure_value_and_fix():
    values = {code: [5, 5, 5, 5] for code in POL_CODES}
    values["POL.PPO"][1] = "#REF!"
    values["POL.ENCOMPASS"][2] = -3
    book = good_pol_template(values=values)
    parsed = read_return("police_q1.xlsx", book.bytes(), TODAY)
    parsed.warn("A warning found before the errors.", "Check it.")
    parsed.problems.insert(0, parsed.problems.pop())  # the warning first in the list: the workbook reorders
    rows = sheet_rows(feedback.workbook(parsed.problems))
    assert rows[0] == HEADINGS
    kinds = [row[0] for row in rows[1:]]
    assert kinds == ["Error"] * len(parsed.errors) + ["Warning"]
    by_cell = {row[3]: row for row in rows[1:] if row[0] == "Error"}
    ppo = by_cell[book.ref(POL_CODES.index("POL.PPO"), 1)]
    assert ppo[1] == "police_q1.xlsx" and ppo[2] == "Return"
    assert ppo[4].startswith("POL.PPO: ")  # the code and the catalogue's words for it
    assert ppo[5] == "#REF!" and ppo[6] and ppo[7]
    negative = by_cell[book.ref(POL_CODES.index("POL.ENCOMPASS"), 2)]
    assert negative[5] == "'-3"  # a leading minus is text here, never a formula


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR",
                                  "=cmd|' /C calc'!A0"])
def test_text_that_a_spreadsheet_would_run_is_made_harmless(text):
    problem = Problem("error", text, text, text, text, "D14", text, text)
    data = feedback.workbook([problem])
    book = openpyxl.load_workbook(io.BytesIO(data))
    for cell in book["Problems"][2]:
        if cell.value not in (None, "Error", "D14"):
            assert cell.data_type == "s", cell.coordinate
            assert cell.value == "'" + text, cell.coordinate
    assert b"<f>" not in data  # no formula anywhere in the file


@pytest.mark.parametrize("text", ["Plain words", "12", "n/a", "", "A-1 (with a dash inside)"])
def test_ordinary_text_is_left_alone(text):
    assert sheet_text.as_text(text) == text


def test_the_about_sheet_counts_errors_and_warnings():
    problems = [Problem("warning", "f.xlsx", "w"), Problem("error", "f.xlsx", "e", "fix it")]
    about = [row[0] for row in sheet_rows(feedback.workbook(problems), "About")]
    assert "1 error and 1 warning." in about


def test_the_screen_shows_the_same_table():
    problems = [Problem("warning", "f.xlsx", "w"),
                Problem("error", "f.xlsx", "e", "fix it", "Return", "C9", "POL.PPO", "x")]
    frame = feedback.frame(problems)
    assert list(frame.columns) == HEADINGS
    assert frame["Type"].tolist() == ["Error", "Warning"]
    assert frame.loc[0, "Cell"] == "C9"
