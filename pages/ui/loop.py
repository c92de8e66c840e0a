"""The learning loop's adapter between pages and the core: cached reads keyed on the store's write count,
and every write recorded with who made it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages.ui import access, data
from safeguarding import challenges, plan, plan_workbook, report_text
from safeguarding.export import reports


def _key() -> tuple[str, int]:
    store = data.store()
    return str(store.path), store.generation


@st.cache_data(max_entries=16, show_spinner=False)
def _challenges(path: str, generation: int, agency: str | None, status: str | None,
                meeting: dt.date | None, indicator_id: str | None) -> list[challenges.Challenge]:
    return challenges.listing(data.store(), agency, status, meeting, indicator_id)


def challenge_list(agency: str | None = None, status: str | None = None, meeting: dt.date | None = None,
                   indicator_id: str | None = None) -> list[challenges.Challenge]:
    """Challenges matching the filters (None lets everything through)."""
    return _challenges(*_key(), agency, status, meeting, indicator_id)


def open_challenges() -> dict[str, list[challenges.Challenge]]:
    """Open challenges by indicator: what goes beside a figure."""
    out: dict[str, list[challenges.Challenge]] = {}
    for item in challenge_list(status="open"):
        out.setdefault(item.indicator_id, []).append(item)
    return out


def meetings() -> list[dt.date]:
    return sorted({c.due_meeting for c in challenge_list()})


def raise_challenge(indicator_id: str, view: str, period_start: dt.date, agency: str, question: str,
                    meeting: dt.date) -> int:
    return challenges.raise_challenge(data.store(), access.who(), indicator_id, view, period_start, agency,
                                      question, meeting)


def answer(challenge_id: int, text: str) -> None:
    challenges.answer(data.store(), access.who(), challenge_id, text)


def withdraw(challenge_id: int, why: str) -> None:
    challenges.withdraw(data.store(), access.who(), challenge_id, why)


def challenge_table(items: list[challenges.Challenge]) -> pd.DataFrame:
    return challenges.table(items)


@st.cache_data(max_entries=4, show_spinner=False)
def _plan(path: str, generation: int) -> tuple[list[plan.Priority], list[plan.Action]]:
    return plan.priorities(data.store()), plan.actions(data.store())


def business_plan() -> tuple[list[plan.Priority], list[plan.Action]]:
    """The priorities and each action as it stands now."""
    return _plan(*_key())


def action_history(ref: str) -> list[plan.Action]:
    return plan.action_history(data.store(), ref)


def plan_workbook_bytes() -> bytes:
    priorities, actions = business_plan()
    return plan_workbook.write_plan(priorities, actions, dt.date.today())


def check_plan(name: str, content: bytes) -> plan_workbook.PlanImport:
    return plan_workbook.read_plan(name, content)


def save_plan(found: plan_workbook.PlanImport) -> tuple[int, int]:
    return plan.save(data.store(), access.who(), found.priorities, found.changes)


def update_action(change: plan.ActionChange) -> bool:
    return plan.update_action(data.store(), access.who(), change)


def report_texts(fy_start: int) -> dict[str, report_text.Written]:
    return report_text.latest(data.store(), fy_start)


def text_history(fy_start: int, section: str) -> list[report_text.Written]:
    return report_text.history(data.store(), fy_start, section)


def save_text(fy_start: int, section: str, body: str) -> int:
    return report_text.save(data.store(), access.who(), fy_start, section, body)


def report_file(fmt: str, year: str, draft: bool) -> bytes:
    return reports.export_report(data.store(), fmt, year, draft)


def report_file_name(year: str, fmt: str, draft: bool) -> str:
    return reports.file_name(data.partnership().name, year, fmt, draft)


def meeting_papers(items: list[challenges.Challenge], title: str) -> bytes:
    return challenges.meeting_papers_xlsx(items, title)


def actions_table(items: list[plan.Action], today: dt.date) -> pd.DataFrame:
    return plan.table(items, today)


def problems_table(problems) -> pd.DataFrame:
    from safeguarding import feedback

    return feedback.frame(problems)
