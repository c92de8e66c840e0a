"""A hosted partnership's own store: opened (created on first use) with its name and authorities from the registry."""

from __future__ import annotations

from pathlib import Path

from safeguarding import settings
from safeguarding.partnerships import Partnership, location
from safeguarding.store import Store, open_store

REGISTRY = "system (partnerships registry)"  # how the registry's seeding is recorded in the audit log
_seeded: set[tuple[int, Partnership]] = set()  # (store, registry entry) pairs already seeded in this process


def seed(store: Store, p: Partnership) -> None:
    """Give the store the registry's authorities (they decide population and benchmarks) and, when unset, its name."""
    values = settings.get(store)
    name = None if values["name"] else p.name
    if values["la_code"] != str(p.la_codes[0]) or settings.la_codes(store) != p.la_codes or name:
        settings.update(store, by=REGISTRY, la_codes=p.la_codes, name=name)


def open_partnership(p: Partnership, base: Path | str | None = None, wait: float = 0) -> Store:
    """The partnership's store (made on first use, seeded from the registry)."""
    store = open_store(location(p.code, base), wait=wait)
    if (id(store), p) not in _seeded:  # once per process: the dashboard asks for the store many times a run
        seed(store, p)
        _seeded.add((id(store), p))
    return store
