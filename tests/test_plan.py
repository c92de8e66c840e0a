"""The business plan: priorities and actions in and out of Excel, checked like a return, versioned, never deleted."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from conftest import fingerprint, query
from safeguarding import plan, plan_workbook
from safeguarding.plan import ActionChange, Priority

TODAY = dt.date(2025, 1, 15)


def plan_book(priorities=None, actions=None, priority_head=None, action_head=None, extra_sheet=None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("Priorities")
    sheet.append(priority_head or ["Ref", "Priority", "Description"])
    for row in priorities if priorities is not None else [["P1", "Neglect", "Earlier help"],
                                                          ["P2", "Front door", ""]]:
        sheet.append(row)
    sheet = book.create_sheet("Actions")
    sheet.append(action_head or ["Ref", "Priority", "Action", "Owner", "Due", "Status", "Evidence", "Indicators"])
    for row in actions if actions is not None else [
            ["P1.1", "P1", "Neglect toolkit", "Head of L&D", dt.datetime(2025, 3, 31), "On track", "Launched",
             "cp_repeat, cp_category_neglect"],
            ["P2.1", "P2", "Dip sample NFA contacts", "Front door manager", None, "Not started", None,
             "Contacts progressing to referral"]]:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet(extra_sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_good_plan_imports_and_round_trips(store):
    found = plan_workbook.read_plan("plan.xlsx", plan_book())
    assert found.problems == []
    assert plan.save(store, "bu", found.priorities, found.changes) == (2, 2)
    actions = plan.actions(store)
    assert [(a.ref, a.status, a.due, a.indicators) for a in actions] == [
        ("P1.1", "on_track", dt.date(2025, 3, 31), ("cp_repeat", "cp_category_neglect")),
        ("P2.1", "not_started", None, ("contact_conversion",))]
    exported = plan_workbook.write_plan(plan.priorities(store), actions, TODAY)
    again = plan_workbook.read_plan("export.xlsx", exported)
    assert again.problems == []
    assert plan.save(store, "bu", again.priorities, again.changes) == (2, 0)  # nothing changed: no new version


def test_a_changed_action_keeps_its_earlier_version(store):
    found = plan_workbook.read_plan("plan.xlsx", plan_book())
    plan.save(store, "bu", found.priorities, found.changes)
    before = plan.actions(store)[0]
    changed = ActionChange(before.ref, before.priority_ref, before.title, before.owner, before.due, "at_risk",
                           "Delayed by the new system.", before.indicators)
    assert plan.update_action(store, "manager", changed)
    history = plan.action_history(store, "P1.1")
    assert [(a.version, a.status, a.updated_by) for a in history] == [(1, "on_track", "bu"), (2, "at_risk", "manager")]
    assert plan.actions(store)[0].status == "at_risk"


@pytest.mark.parametrize("status, due, expected", [
    ("complete", dt.date(2024, 1, 1), "green"),
    ("on_track", dt.date(2025, 6, 1), "green"),
    ("on_track", dt.date(2025, 1, 14), "red"),    # overdue
    ("at_risk", None, "amber"),
    ("off_track", dt.date(2026, 1, 1), "red"),
    ("not_started", None, "grey"),
    ("closed", dt.date(2024, 1, 1), "grey"),
])
def test_an_actions_rating_follows_its_status_and_due_date(status, due, expected):
    action = plan.Action("A", "P", "t", "o", due, status, "", ())
    assert action.rag(TODAY) == expected


BAD_PLANS = {
    "no Actions sheet": (lambda: _only_priorities(), None, None, "no sheet called 'Actions'"),
    "wrong heading": (lambda: plan_book(action_head=["Ref", "Priority", "Task", "Owner", "Due", "Status",
                                                     "Evidence", "Indicators"]), "Actions", "C1", "should be 'Action'"),
    "unknown priority": (lambda: plan_book(actions=[["P9.1", "P9", "x", "o", None, "On track", "", ""]]),
                         "Actions", "B2", "not on the Priorities sheet"),
    "unknown status": (lambda: plan_book(actions=[["P1.1", "P1", "x", "o", None, "Nearly done", "", ""]]),
                       "Actions", "F2", "not one the plan uses"),
    "not a date": (lambda: plan_book(actions=[["P1.1", "P1", "x", "o", "soon", "On track", "", ""]]),
                   "Actions", "E2", "not a date"),
    "unknown indicator": (lambda: plan_book(actions=[["P1.1", "P1", "x", "o", None, "On track", "", "cp_rat"]]),
                          "Actions", "H2", "not an indicator"),
    "no owner": (lambda: plan_book(actions=[["P1.1", "P1", "x", None, None, "On track", "", ""]]),
                 "Actions", "D2", "owner is empty"),
    "duplicate action": (lambda: plan_book(actions=[["P1.1", "P1", "x", "o", None, "On track", "", ""],
                                                    ["P1.1", "P1", "y", "o", None, "On track", "", ""]]),
                         "Actions", "A3", "listed twice"),
    "duplicate priority": (lambda: plan_book(priorities=[["P1", "a", ""], ["P1", "b", ""]], actions=[]),
                           "Priorities", "A3", "listed twice"),
    "not a workbook": (lambda: b"Ref,Priority\nP1,Neglect\n", None, None, "not an Excel workbook"),
    "a zip bomb": (lambda: _bomb(), None, None, "zip bomb|expand"),
}


def _only_priorities() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(plan_book()))
    del book["Actions"]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(BAD_PLANS))
def test_a_bad_plan_names_the_cell_and_stores_nothing(store, case):
    build, sheet, cell, message = BAD_PLANS[case]
    good = plan_workbook.read_plan("plan.xlsx", plan_book())
    plan.save(store, "bu", good.priorities, good.changes)
    before = fingerprint(store)
    found = plan_workbook.read_plan("bad.xlsx", build())
    assert found.errors, case
    problem = found.errors[0]
    import re
    assert re.search(message, problem.message), (case, problem)
    assert (problem.sheet, problem.cell) == (sheet, cell), (case, problem)
    assert problem.file == "bad.xlsx" and problem.fix
    assert fingerprint(store) == before


def test_saving_refuses_a_change_that_names_no_known_priority(store):
    with pytest.raises(plan.PlanError, match="P7"):
        plan.save(store, "bu", [Priority("P1", "Neglect", "")],
                  [ActionChange("P7.1", "P7", "x", "o", None, "on_track", "", ())])
    assert query(store, "select count(*) from plan_actions") == [(0,)]
