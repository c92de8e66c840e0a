"""The partnerships a multi-partnership service hosts: the `[partnerships]` tables of the secrets file.

Each partnership's records live in a store of its own (`location`), never in shared tables: one DuckDB file per
partnership beside the default database, or one PostgreSQL schema per partnership. With no `[partnerships]`
table the service holds a single partnership in the default store, as it always has.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from safeguarding import access, reference
from safeguarding.store import DEFAULT_DB, is_postgres

CODE = re.compile(r"[a-z0-9-]{1,40}")
GROUP = "group:"
# Highest first: a person listed under several roles of one partnership gets the highest.
ROLE_KEYS = ((access.ANALYST, "analysts"), (access.BUSINESS_UNIT, "business_unit"), (access.MEMBER, "members"),
             (access.VIEWER, "viewers"))
KEYS = ("name", "la_codes", *(key for _, key in ROLE_KEYS))
EXAMPLE = ('[partnerships.north-shire]\nname = "North Shire Safeguarding Children Partnership"\n'
           'la_codes = [830, 831]\nanalysts = ["ana@northshire.gov.uk"]')


class PartnershipError(ValueError):
    """A `[partnerships]` entry that cannot be used; the message names the key and says how to fix it."""


@dataclass(frozen=True)
class Partnership:
    """One partnership: its code (the key in the secrets file), name, local authorities and who has which role."""

    code: str
    name: str
    la_codes: tuple[int, ...]
    analysts: tuple[str, ...]
    business_unit: tuple[str, ...]
    members: tuple[str, ...]
    viewers: tuple[str, ...]


@cache
def la_names() -> dict[int, str]:
    """Every current local authority in the shipped DfE list: old 3-digit code to name."""
    with (reference.REFERENCE_DIR / "local_authorities.csv").open(newline="", encoding="utf-8") as handle:
        return {int(row["la_code"]): row["la_name"] for row in csv.DictReader(handle)}


def check_code(code: str) -> str:
    """`code` when it is a usable partnership code, else PartnershipError saying what one looks like."""
    if not isinstance(code, str) or not CODE.fullmatch(code) or code.startswith("-") or code.endswith("-"):
        raise PartnershipError(f"[partnerships.{code}]: a partnership's code is 1 to 40 lower-case letters, digits "
                               "and hyphens, not starting or ending with a hyphen (e.g. north-shire).")
    return code


def _people(code: str, key: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise PartnershipError(f"[partnerships.{code}] {key} must be a list of e-mail addresses or "
                               '"group:NAME" entries, e.g. ["ana@example.gov.uk", "group:board"].')
    people = []
    for entry in value:
        text = str(entry).strip()
        if text.casefold().startswith(GROUP):
            if not text[len(GROUP):].strip():
                raise PartnershipError(f'[partnerships.{code}] {key}: "{text}" names no group; write "group:NAME" '
                                       "with the group's name as the sign-in provider sends it.")
        elif "@" not in text:
            raise PartnershipError(f'[partnerships.{code}] {key}: "{text}" is neither an e-mail address nor '
                                   '"group:NAME".')
        people.append(text)
    return tuple(people)


def _la_codes(code: str, value) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise PartnershipError(f"[partnerships.{code}] la_codes must list one or more DfE local authority codes "
                               "(the old 3-digit codes), e.g. la_codes = [830, 831].")
    codes: list[int] = []
    for entry in value:
        if isinstance(entry, bool) or not isinstance(entry, int):
            raise PartnershipError(f"[partnerships.{code}] la_codes: {entry!r} is not a number; write the DfE "
                                   "3-digit codes without quotes, e.g. la_codes = [830, 831].")
        if entry not in la_names():
            raise PartnershipError(f"[partnerships.{code}] la_codes: {entry} is not a local authority code in the "
                                   "DfE list (use the old 3-digit code, e.g. 884 for Herefordshire).")
        if entry in codes:
            raise PartnershipError(f"[partnerships.{code}] la_codes lists {entry} twice: list each authority once.")
        codes.append(entry)
    return tuple(codes)


def _one(code: str, entry) -> Partnership:
    check_code(code)
    if not isinstance(entry, Mapping):
        raise PartnershipError(f"[partnerships.{code}] must be a table of its own, e.g.\n{EXAMPLE}")
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise PartnershipError(f"[partnerships.{code}] has an unknown key {unknown[0]!r}: the keys are "
                               f"{', '.join(KEYS)}.")
    name = " ".join(str(entry.get("name") or "").split())
    if not name:
        raise PartnershipError(f'[partnerships.{code}] needs a name, e.g. name = "North Shire Safeguarding '
                               'Children Partnership".')
    people = {key: _people(code, key, entry.get(key)) for _, key in ROLE_KEYS}
    return Partnership(code=code, name=name, la_codes=_la_codes(code, entry.get("la_codes")), **people)


def configured(secrets: Mapping) -> list[Partnership]:
    """The partnerships in the secrets file, by name ([] for a single-partnership service).

    An authority may belong to one partnership only (each local authority area has one set of safeguarding
    arrangements; a regional comparison would otherwise count it twice): listing it in two is refused.
    """
    table = secrets.get("partnerships")
    if not table:
        return []
    if not isinstance(table, Mapping):
        raise PartnershipError(f"[partnerships] must hold one table per partnership, e.g.\n{EXAMPLE}")
    found = [_one(code, entry) for code, entry in table.items()]
    owner: dict[int, str] = {}
    for p in found:
        for la in p.la_codes:
            if la in owner:
                raise PartnershipError(f"Local authority {la} ({la_names()[la]}) is in both [partnerships."
                                       f"{owner[la]}] and [partnerships.{p.code}]: an authority belongs to one "
                                       "partnership; remove it from one of them.")
            owner[la] = p.code
    return sorted(found, key=lambda p: (p.name.casefold(), p.code))


def find(secrets: Mapping, code: str) -> Partnership | None:
    """The partnership with this code, or None."""
    return next((p for p in configured(secrets) if p.code == code), None)


def _matches(listed: Iterable[str], email: str | None, groups: set[str]) -> bool:
    for entry in listed:
        if entry.casefold().startswith(GROUP):
            if entry[len(GROUP):].strip().casefold() in groups:
                return True
        elif access.is_listed(email, [entry]):
            return True
    return False


def role_in(p: Partnership, email: str | None, groups: Iterable[str] = ()) -> str | None:
    """The person's role in the partnership ('analyst', 'business_unit', 'member', 'viewer'), None when not in it.

    E-mail addresses and group names are compared case-insensitively; the highest role listed wins.
    """
    wanted = {str(g).strip().casefold() for g in groups if str(g).strip()}
    for role_name, key in ROLE_KEYS:
        if _matches(getattr(p, key), email, wanted):
            return role_name
    return None


def belonging(secrets: Mapping, email: str | None, groups: Iterable[str] = ()) -> list[Partnership]:
    """The partnerships the person belongs to (any role), by name."""
    groups = tuple(groups)
    return [p for p in configured(secrets) if role_in(p, email, groups) is not None]


def location(code: str, base: Path | str | None = None) -> Path | str:
    """What open_store takes for this partnership's store.

    Embedded: `<folder of the default database>/partnerships/<code>.duckdb`; PostgreSQL (a base URL): `<url>#<code>`
    (a string: Path would mangle the URL). `base` is the default database: --db, else $SAFEGUARDING_DB, else the
    shipped default.
    """
    check_code(code)
    if base is None:
        base = os.environ.get("SAFEGUARDING_DB") or DEFAULT_DB  # a URL kept as text
    if is_postgres(base):
        return f"{str(base).strip().split('#', 1)[0]}#{code}"
    return Path(base).parent / "partnerships" / f"{code}.duckdb"
