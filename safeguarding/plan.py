"""The business plan: the partnership's priorities, their actions, and the indicators each should move."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pandas as pd

from safeguarding import definitions, queries, rag
from safeguarding.store import Store, now

STATUS_WORDS = {"not_started": "Not started", "on_track": "On track", "at_risk": "At risk",
                "off_track": "Off track", "complete": "Complete", "closed": "Closed"}
STATUS_CODES = {word.lower(): code for code, word in STATUS_WORDS.items()}


class PlanError(ValueError):
    """A plan change that cannot be stored; the message says what to change."""


@dataclass(frozen=True)
class Priority:
    ref: str
    title: str
    description: str


@dataclass(frozen=True)
class ActionChange:
    """What an action should say (a new version is stored only when something differs)."""

    ref: str
    priority_ref: str
    title: str
    owner: str
    due: dt.date | None
    status: str
    evidence: str
    indicators: tuple[str, ...]

    def same_as(self, other: ActionChange) -> bool:
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(ActionChange))


@dataclass(frozen=True)
class Action(ActionChange):
    """An action as it stands now (its latest version), with who changed it last and when."""

    version: int = 1
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    def rag(self, today: dt.date) -> str:
        """Green when complete or on track, amber at risk, red off track or overdue, grey not started or closed."""
        if self.status == "complete":
            return "green"
        if self.status == "closed":
            return "grey"
        if self.due is not None and self.due < today or self.status == "off_track":
            return "red"
        return {"on_track": "green", "at_risk": "amber"}.get(self.status, "grey")

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and self.status not in ("complete", "closed")


def _date(value) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def priorities(store: Store) -> list[Priority]:
    """Every priority, by reference."""
    with store.read() as cur:
        return [Priority(r[0], r[1], r[2] or "") for r in cur.execute(queries.q("loop", "priorities")).fetchall()]


def _action(row) -> Action:
    ids = tuple(i for i in (row[8] or "").split(",") if i)
    return Action(ref=row[0], version=row[1], priority_ref=row[2], title=row[3], owner=row[4], due=_date(row[5]),
                  status=row[6], evidence=row[7] or "", indicators=ids, updated_by=row[9], updated_at=row[10])


def actions(store: Store) -> list[Action]:
    """Every action as it stands now, by priority and reference."""
    with store.read() as cur:
        return [_action(r) for r in cur.execute(queries.q("loop", "current_actions")).fetchall()]


def action_history(store: Store, ref: str) -> list[Action]:
    """Every version of one action, oldest first."""
    with store.read() as cur:
        return [_action(r) for r in cur.execute(queries.q("loop", "action_history"), {"ref": ref}).fetchall()]


def check_change(change: ActionChange, known_priorities: set[str]) -> list[str]:
    """Why a change cannot be stored (empty when it can)."""
    problems = []
    if change.priority_ref not in known_priorities:
        problems.append(f"action {change.ref}: priority {change.priority_ref!r} is not in the plan")
    if change.status not in STATUS_WORDS:
        problems.append(f"action {change.ref}: status {change.status!r} is not one of "
                        f"{', '.join(STATUS_WORDS.values())}")
    unknown = [i for i in change.indicators if i not in definitions.indicators()]
    if unknown:
        problems.append(f"action {change.ref}: {', '.join(unknown)} is not an indicator id")
    if not change.title.strip() or not change.owner.strip():
        problems.append(f"action {change.ref}: the action and its owner must both be written")
    return problems


def save(store: Store, who: str, new_priorities: list[Priority], changes: list[ActionChange],
         action_name: str = "plan") -> tuple[int, int]:
    """Store priorities and action changes in one write; returns (priorities saved, action versions added)."""
    known = {p.ref for p in priorities(store)} | {p.ref for p in new_priorities}
    problems = [p for change in changes for p in check_change(change, known)]
    if problems:
        raise PlanError("; ".join(problems))
    current = {a.ref: a for a in actions(store)}
    added = 0
    at = now()
    with store.write(who, action_name, f"{len(new_priorities)} priorities, {len(changes)} actions") as cur:
        for priority in new_priorities:
            cur.execute(queries.q("loop", "upsert_priority"), {"ref": priority.ref, "title": priority.title,
                                                               "description": priority.description,
                                                               "who": who, "at": at})
        for change in changes:
            before = current.get(change.ref)
            if before is not None and change.same_as(before):
                continue
            cur.execute(queries.q("loop", "insert_action_version"), {
                "ref": change.ref, "version": (before.version if before else 0) + 1,
                "priority_ref": change.priority_ref, "title": change.title, "owner": change.owner,
                "due": change.due, "status": change.status, "evidence": change.evidence,
                "indicators": ",".join(change.indicators), "who": who, "at": at})
            added += 1
    return len(new_priorities), added


def update_action(store: Store, who: str, change: ActionChange) -> bool:
    """Store one action's new state as a new version; False when nothing changed."""
    return save(store, who, [], [change], "update action")[1] == 1


def table(items: list[Action], today: dt.date) -> pd.DataFrame:
    """Actions as the plan page lists them: the rating as word and symbol, never colour alone."""
    return pd.DataFrame([[a.ref, a.title, a.owner, a.due.strftime("%d/%m/%Y") if a.due else "",
                          STATUS_WORDS[a.status], rag.label(a.rag(today)), a.evidence, ", ".join(a.indicators)]
                         for a in items],
                        columns=["Ref", "Action", "Owner", "Due", "Status", "Rating", "Evidence", "Indicators"])
