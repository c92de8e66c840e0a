"""The partnership's settings: name, local authorities, population overrides, suppression threshold."""

from __future__ import annotations

from safeguarding import queries, reference, untrusted
from safeguarding.store import Store, now

DEFAULT_SUPPRESSION = 5
DISCLOSURE_RULES = ("suppress", "round")  # see safeguarding/export/suppression.py
KEYS = ("name", "la_code", "la_codes", "suppression_threshold", "disclosure_rule", "demo")


class SettingsError(ValueError):
    """A setting that cannot be stored; the message says what would be valid."""


def get(store: Store) -> dict[str, str | None]:
    """Every setting's stored value (None when unset)."""
    with store.read() as cur:
        rows = dict((row[0], row[1]) for row in cur.execute(queries.q("store", "all_settings")).fetchall())
    return {key: rows.get(key) for key in KEYS}


def partnership_name(store: Store) -> str:
    return get(store)["name"] or "Safeguarding children partnership"


def suppression_threshold(store: Store) -> int:
    value = get(store)["suppression_threshold"]
    return int(value) if value else DEFAULT_SUPPRESSION


def disclosure_rule(store: Store) -> str:
    """'suppress' (the default: DfE's suppress and protect) or 'round' (NHS Digital's rounding)."""
    value = get(store)["disclosure_rule"]
    return value if value in DISCLOSURE_RULES else DISCLOSURE_RULES[0]


def la_codes(store: Store) -> tuple[int, ...]:
    """Every local authority the partnership covers: several for a pan-county arrangement, () before one is set."""
    values = get(store)
    if values["la_codes"]:
        return tuple(int(code) for code in values["la_codes"].split(","))
    return (int(values["la_code"]),) if values["la_code"] else ()


def is_demo(store: Store) -> bool:
    return get(store)["demo"] == "yes"


def update(store: Store, by: str, la_code: int | None = None, name: str | None = None,
           suppression: int | None = None, demo: bool | None = None, disclosure: str | None = None,
           la_codes: tuple[int, ...] | None = None) -> None:
    """Change the given settings in one write (`la_codes`: several authorities, the first standing for them all)."""
    changes: dict[str, str] = {}
    codes = tuple(la_codes) if la_codes else (la_code,) if la_code is not None else ()
    if codes:
        with store.read() as cur:
            known = {row[0] for row in reference.list_local_authorities(cur)}
        for code in codes:
            if code not in known:
                raise SettingsError(f"{code} is not a local authority code in the DfE list "
                                    "(use the old 3-digit code, e.g. 884 for Herefordshire).")
        changes["la_code"] = str(codes[0])
        # One authority is kept as la_code alone, as a single-partnership store always has.
        if len(codes) > 1 or get(store)["la_codes"]:
            changes["la_codes"] = ",".join(str(code) for code in codes) if len(codes) > 1 else ""
    if name is not None:
        name = " ".join(untrusted.clean(name).split())
        if not name:
            raise SettingsError("The partnership's name cannot be empty.")
        changes["name"] = name
    if suppression is not None:
        if not 1 <= suppression <= 20:
            raise SettingsError("The suppression threshold must be between 1 and 20.")
        changes["suppression_threshold"] = str(suppression)
    if disclosure is not None:
        if disclosure not in DISCLOSURE_RULES:
            raise SettingsError(f"The disclosure rule must be one of {', '.join(DISCLOSURE_RULES)}.")
        changes["disclosure_rule"] = disclosure
    if demo is not None:
        changes["demo"] = "yes" if demo else "no"
    if not changes:
        return
    detail = ", ".join(f"{k}={v}" for k, v in changes.items())
    with store.write(by, "settings", detail) as cur:
        for key, value in changes.items():
            cur.execute(queries.q("store", "put_setting"), {"key": key, "value": value, "who": by, "at": now()})


def set_population_override(store: Store, by: str, year: int, population: int | None) -> None:
    """Use `population` for the mid-year `year` instead of the ONS estimate (None removes the override)."""
    if population is not None and population <= 0:
        raise SettingsError("A population must be a positive whole number.")
    with store.write(by, "population override", f"{year}={population}") as cur:
        if population is None:
            cur.execute(queries.q("store", "delete_population_override"), {"year": year})
        else:
            cur.execute(queries.q("store", "put_population_override"),
                        {"year": year, "population": population, "who": by, "at": now()})


def population_overrides(store: Store) -> list[tuple]:
    with store.read() as cur:
        return cur.execute(queries.q("store", "population_overrides")).fetchall()


def describe(store: Store) -> dict[str, str]:
    """Settings as a person reads them."""
    values = get(store)
    described = []
    for code in la_codes(store):
        with store.read() as cur:
            details = reference.la_details(cur, code)
        described.append(f"{details.la_code} {details.la_name} ({details.region_name})" if details else str(code))
    la = "; ".join(described) or "not set"
    return {
        "Partnership": partnership_name(store),
        ("Local authorities" if len(described) > 1 else "Local authority"): la,
        "Disclosure control": ("Round (NHS Digital)" if disclosure_rule(store) == "round"
                               else "Suppress and protect (DfE)"),
        "Suppression threshold": str(suppression_threshold(store)),
        "Demo data": "yes (synthetic)" if values["demo"] == "yes" else "no",
    }
