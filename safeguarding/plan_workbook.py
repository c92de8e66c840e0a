"""The business plan as the business unit keeps it: an Excel workbook of priorities and actions, in and out."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass, field

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from safeguarding import definitions, rag, safety
from safeguarding.sheet_text import safe_text
from safeguarding.plain import clean_text
from safeguarding.plan import STATUS_CODES, STATUS_WORDS, Action, ActionChange, Priority, check_change
from safeguarding.problems import Problem, shown

PRIORITY_SHEET, ACTION_SHEET = "Priorities", "Actions"
PRIORITY_COLUMNS = ("Ref", "Priority", "Description")
ACTION_COLUMNS = ("Ref", "Priority", "Action", "Owner", "Due", "Status", "Evidence", "Indicators", "RAG")
MAX_ROWS = 2_000
MAX_TEXT = 4_000
_HEAD = PatternFill("solid", fgColor="1F4E79")


@dataclass
class PlanImport:
    """What a plan workbook holds, and every problem found in it (errors mean nothing is stored)."""

    file: str
    priorities: list[Priority] = field(default_factory=list)
    changes: list[ActionChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def error(self, message: str, fix: str, sheet: str | None = None, cell: str | None = None,
              found: object = None) -> None:
        self.problems.append(Problem("error", self.file, message, fix, sheet, cell, None,
                                     None if found is None else shown(found)))


def _header(sheet, expected: tuple[str, ...], plan: PlanImport, required: int) -> bool:
    found = [str(c.value).strip() if c.value is not None else "" for c in next(sheet.iter_rows(max_row=1))]
    for position, name in enumerate(expected[:required]):
        got = found[position] if position < len(found) else ""
        if got.lower() != name.lower():
            letter = openpyxl.utils.get_column_letter(position + 1)
            plan.error(f"The heading in {letter}1 should be {name!r}.",
                       f"Keep the plan's headings: {', '.join(expected[:required])}.", sheet.title,
                       f"{letter}1", got)
            return False
    return True


def _text(plan: PlanImport, sheet: str, cell: str, value, what: str, required: bool = True) -> str:
    text = clean_text(value).strip() if value is not None else ""
    if required and not text:
        plan.error(f"The {what} is empty.", f"Write the {what} in {cell}.", sheet, cell)
    if len(text) > MAX_TEXT:
        plan.error(f"The {what} is {len(text):,} characters long.", f"Keep it to {MAX_TEXT:,}.", sheet, cell)
    return text


def _due(plan: PlanImport, cell: str, value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        plan.error("The due date is not a date.", "Enter a date (for example 31/03/2025) or leave it blank.",
                   ACTION_SHEET, cell, value)
        return None


def _indicators(plan: PlanImport, cell: str, value) -> tuple[str, ...]:
    known = definitions.indicators()
    by_title = {ind.title.lower(): ind.id for ind in known.values()}
    out = []
    for item in (clean_text(value).replace(";", ",").split(",") if value else []):
        name = item.strip()
        if not name:
            continue
        ident = name if name in known else by_title.get(name.lower())
        if ident is None:
            plan.error(f"{name!r} is not an indicator of this dashboard.",
                       "Use the indicator ids of the Definitions list (for example cp_rate), separated by commas.",
                       ACTION_SHEET, cell, name)
        else:
            out.append(ident)
    return tuple(dict.fromkeys(out))


def _read_priorities(plan: PlanImport, sheet) -> None:
    if not _header(sheet, PRIORITY_COLUMNS, plan, 2):
        return
    seen: set[str] = set()
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=3, values_only=True), start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        ref = _text(plan, PRIORITY_SHEET, f"A{number}", row[0], "priority's reference")
        title = _text(plan, PRIORITY_SHEET, f"B{number}", row[1], "priority")
        if ref in seen:
            plan.error(f"Priority {ref} is listed twice.", "Give each priority its own reference.",
                       PRIORITY_SHEET, f"A{number}", ref)
        seen.add(ref)
        plan.priorities.append(Priority(ref, title, _text(plan, PRIORITY_SHEET, f"C{number}", row[2],
                                                          "description", required=False)))


def _read_actions(plan: PlanImport, sheet) -> None:
    if not _header(sheet, ACTION_COLUMNS, plan, 8):
        return
    known = {p.ref for p in plan.priorities}
    seen: set[str] = set()
    for number, row in enumerate(sheet.iter_rows(min_row=2, max_col=8, values_only=True), start=2):
        row = tuple(row) + (None,) * (8 - len(row))
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        ref = _text(plan, ACTION_SHEET, f"A{number}", row[0], "action's reference")
        if ref in seen:
            plan.error(f"Action {ref} is listed twice.", "Give each action its own reference.", ACTION_SHEET,
                       f"A{number}", ref)
        seen.add(ref)
        priority = _text(plan, ACTION_SHEET, f"B{number}", row[1], "priority reference")
        if priority and priority not in known:
            plan.error(f"Priority {priority!r} is not on the Priorities sheet.",
                       "Use a reference from the Priorities sheet, or add the priority there.", ACTION_SHEET,
                       f"B{number}", priority)
        status_word = clean_text(row[5]).strip().lower() if row[5] is not None else ""
        status = STATUS_CODES.get(status_word)
        if status is None:
            plan.error("The status is not one the plan uses.", f"Choose one of: {', '.join(STATUS_WORDS.values())}.",
                       ACTION_SHEET, f"F{number}", row[5])
        change = ActionChange(ref, priority, _text(plan, ACTION_SHEET, f"C{number}", row[2], "action"),
                              _text(plan, ACTION_SHEET, f"D{number}", row[3], "owner"),
                              _due(plan, f"E{number}", row[4]), status or "not_started",
                              _text(plan, ACTION_SHEET, f"G{number}", row[6], "evidence", required=False),
                              _indicators(plan, f"H{number}", row[7]))
        if status is not None and not check_change(change, known | {priority}):
            plan.changes.append(change)


def read_plan(file_name: str, data: bytes) -> PlanImport:
    """Read and check a plan workbook; nothing here touches the store."""
    plan = PlanImport(file_name)
    try:
        safety.open_xlsx(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except safety.UnsafeFile as exc:
        plan.error(exc.args[0], exc.args[1] if len(exc.args) > 1 else "Save the plan again from Excel.")
        return plan
    except Exception as exc:  # openpyxl raises many kinds on damaged files: all mean the same to the user
        plan.error(f"The workbook cannot be read ({type(exc).__name__}).", "Open it in Excel and save it again.")
        return plan
    try:
        for name in (PRIORITY_SHEET, ACTION_SHEET):
            if name not in book.sheetnames:
                plan.error(f"There is no sheet called {name!r}.",
                           f"Keep the plan's two sheets, {PRIORITY_SHEET!r} and {ACTION_SHEET!r}: "
                           "download the current plan to start from.")
                return plan
            if book[name].max_row and book[name].max_row > MAX_ROWS:
                plan.error(f"The {name} sheet has {book[name].max_row:,} rows.",
                           f"A plan has at most {MAX_ROWS:,}: remove the empty rows.", name)
                return plan
        _read_priorities(plan, book[PRIORITY_SHEET])
        _read_actions(plan, book[ACTION_SHEET])
    finally:
        book.close()
    return plan


def _sheet(book, name: str, columns: tuple[str, ...], rows: list[list], widths: tuple[int, ...]):
    sheet = book.create_sheet(name)
    sheet.append(list(columns))
    for cell, width in zip(sheet[1], widths):
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), _HEAD
        sheet.column_dimensions[cell.column_letter].width = width
    for row in rows:
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return sheet


def write_plan(priorities: list[Priority], actions: list[Action], today: dt.date) -> bytes:
    """The plan as a workbook the business unit can edit and load again."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    _sheet(book, PRIORITY_SHEET, PRIORITY_COLUMNS, [[p.ref, p.title, p.description] for p in priorities],
           (8, 50, 80))
    rows = [[a.ref, a.priority_ref, a.title, a.owner, a.due, STATUS_WORDS[a.status], a.evidence,
             ", ".join(a.indicators), rag.label(a.rag(today))] for a in actions]
    sheet = _sheet(book, ACTION_SHEET, ACTION_COLUMNS, rows, (8, 9, 50, 24, 12, 12, 60, 30, 12))
    for cell in sheet["E"][1:]:
        cell.number_format = "dd/mm/yyyy"
    statuses = DataValidation(type="list", formula1='"' + ",".join(STATUS_WORDS.values()) + '"', allow_blank=False)
    sheet.add_data_validation(statuses)
    statuses.add(f"F2:F{MAX_ROWS}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
