"""Who may do what: roles, the analyst passphrase (scrypt), the sign-in allow-list, and the access mode.

Three modes, decided by the secrets file (.streamlit/secrets.toml):
- `oidc`: an `[auth]` section: people sign in with the organisation's identity provider; analysts, the business
  unit and members are the e-mail addresses listed in `[access] analysts`, `business_unit` and `members`;
  everyone else signed in or not is a viewer.
- `passphrase`: `analyst_passphrase_hash = "scrypt$..."`: everyone is a viewer until they type the passphrase.
- `local`: neither: single-user local mode, the person at the keyboard is the analyst, but only while the
  server listens on this computer alone (127.0.0.1).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets as token
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

VIEWER = "viewer"
MEMBER = "member"
BUSINESS_UNIT = "business_unit"
ANALYST = "analyst"
ROLE_WORDS = {VIEWER: "viewer", MEMBER: "member", BUSINESS_UNIT: "business unit", ANALYST: "analyst"}
# What each role may do beyond reading. Members question the figures and record agencies' answers; the business
# unit also keeps the business plan and the yearly report's text; analysts may do everything.
RIGHTS = {
    VIEWER: frozenset(),
    MEMBER: frozenset({"challenge"}),
    BUSINESS_UNIT: frozenset({"challenge", "plan", "report"}),
    ANALYST: frozenset({"challenge", "plan", "report", "returns", "settings"}),
}
OIDC, PASSPHRASE, LOCAL = "oidc", "passphrase", "local"

# scrypt cost: about half a second on a 2-core server, 32 MiB of memory per check.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_MAX_N = 2**20  # refuse stored parameters that would exhaust the server's memory
MIN_PASSPHRASE = 12
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class AccessError(ValueError):
    """A passphrase or hash that cannot be used; the message says why."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=2 * 128 * r * n + 1024 * 1024)


def hash_passphrase(passphrase: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """`scrypt$n$r$p$salt$hash` (base64) for the secrets file; a random salt every time."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise AccessError(f"Use a passphrase of at least {MIN_PASSPHRASE} characters (a few words is best).")
    salt = token.token_bytes(16)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(_scrypt(passphrase, salt, n, r, p))}"


def parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, digest) of a stored hash, or AccessError saying what is wrong with it."""
    parts = str(stored).strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise AccessError("analyst_passphrase_hash is not a 'scrypt$n$r$p$salt$hash' string: "
                          "make it with `python -m safeguarding passphrase-hash`.")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise AccessError("analyst_passphrase_hash is damaged (numbers or base64 do not read).") from exc
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16 and salt and digest):
        raise AccessError("analyst_passphrase_hash has scrypt parameters out of range.")
    return n, r, p, salt, digest


def verify_passphrase(passphrase: str, stored: str) -> bool:
    """True when `passphrase` matches the stored hash (constant-time comparison); False for a damaged hash."""
    try:
        n, r, p, salt, digest = parse_hash(stored)
    except AccessError:
        return False
    return hmac.compare_digest(_scrypt(passphrase, salt, n, r, p), digest)


def mode(secrets: Mapping) -> str:
    """`oidc` when the secrets have an [auth] section, `passphrase` when they hold a passphrase hash, else `local`."""
    if secrets.get("auth"):
        return OIDC
    if secrets.get("analyst_passphrase_hash"):
        return PASSPHRASE
    return LOCAL


def listed_emails(secrets: Mapping, key: str) -> list[str]:
    """An allow-list `[access] <key> = [...]` (a single string is accepted as a list of one)."""
    listed = (secrets.get("access") or {}).get(key) or []
    return [listed] if isinstance(listed, str) else [str(e) for e in listed]


def analyst_emails(secrets: Mapping) -> list[str]:
    """The allow-list `[access] analysts = [...]`."""
    return listed_emails(secrets, "analysts")


def signed_in_role(email: str | None, secrets: Mapping) -> str:
    """With sign-in: analyst, business unit or member by the allow-lists in `[access]`, else viewer."""
    for role_name, key in ((ANALYST, "analysts"), (BUSINESS_UNIT, "business_unit"), (MEMBER, "members")):
        if is_listed(email, listed_emails(secrets, key)):
            return role_name
    return VIEWER


def may(role_name: str, right: str) -> bool:
    """Whether a role may do something: 'challenge', 'plan', 'report', 'returns' or 'settings'."""
    return right in RIGHTS.get(role_name, frozenset())


def is_listed(email: str | None, allow_list: Iterable[str]) -> bool:
    """Whether an e-mail address is on the allow-list (case and surrounding spaces ignored)."""
    if not email or not email.strip():
        return False
    wanted = email.strip().casefold()
    return any(wanted == str(listed).strip().casefold() for listed in allow_list)


def local_only(address: str | None) -> bool:
    """Whether the server listens on this computer alone (an unset address listens on every interface)."""
    return (address or "").strip().strip("[]").lower() in LOOPBACK


def role(current_mode: str, *, email: str | None = None, allow_list: Iterable[str] = (), unlocked: bool = False,
         address: str | None = None, secrets: Mapping | None = None) -> str:
    """The role of the person using the dashboard now (with sign-in, `secrets` gives every allow-list)."""
    if current_mode == OIDC:
        if secrets is not None:
            return signed_in_role(email, secrets)
        return ANALYST if is_listed(email, allow_list) else VIEWER
    if current_mode == PASSPHRASE:
        return ANALYST if unlocked else VIEWER
    return ANALYST if local_only(address) else VIEWER


def who(current_mode: str, *, email: str | None = None, name: str = "", os_user: str = "") -> str:
    """How a write is recorded: the signed-in e-mail, 'analyst (passphrase)' with a typed name, or the OS user."""
    if current_mode == OIDC:
        return (email or "").strip().lower() or "unknown (signed in)"
    if current_mode == PASSPHRASE:
        name = " ".join(name.split())[:80]
        return f"analyst (passphrase): {name}" if name else "analyst (passphrase)"
    return f"{os_user or 'unknown'} (local)"


@dataclass
class _Client:
    """One client's recent wrong passphrases and how often it has been locked out."""

    failures: list[float] = field(default_factory=list)
    until: float = 0.0   # refused until then
    strikes: int = 0     # lockouts so far: each doubles the next one


class Guard:
    """Slows down passphrase guessing, per client and for the whole server process.

    A client may make `limit` wrong guesses within `window` seconds; it then waits `window` seconds, twice as
    long after each further lockout (at most `longest`), while other clients go on. All clients together may
    make `ceiling` wrong guesses within the window. An attempt counts as wrong from the moment it is allowed
    until its passphrase proves right, so simultaneous guesses cannot slip past the limit. One per process,
    outside Streamlit's caches: no message from a browser can empty it.
    """

    def __init__(self, limit: int = 5, window: float = 60.0, ceiling: int = 20, longest: float = 900.0,
                 clock=time.monotonic):
        self.limit, self.window, self.ceiling, self.longest, self._clock = limit, window, ceiling, longest, clock
        self._clients: dict[str, _Client] = {}
        self._all: list[float] = []
        self._lock = threading.Lock()

    def attempt(self, client: str) -> int:
        """0 when `client` may try a passphrase now (the try is counted), else the seconds to wait."""
        with self._lock:
            now = self._clock()
            self._forget(now)
            record = self._clients.setdefault(client, _Client())
            if record.until > now:
                return math.ceil(record.until - now)
            if len(self._all) >= self.ceiling:
                return max(1, math.ceil(self._all[0] + self.window - now))
            if now - record.until > self.longest:
                record.strikes = 0
            record.failures = [t for t in record.failures if now - t < self.window]
            record.failures.append(now)
            self._all.append(now)
            if len(record.failures) >= self.limit:
                record.until = now + min(self.window * 2 ** record.strikes, self.longest)
                record.strikes += 1
                record.failures.clear()
            return 0

    def succeeded(self, client: str) -> None:
        """The passphrase was right: the client's record goes, and its try no longer counts for the server."""
        with self._lock:
            self._clients.pop(client, None)
            if self._all:
                self._all.pop()

    def _forget(self, now: float) -> None:
        self._all = [t for t in self._all if now - t < self.window]
        if len(self._clients) > 1000:  # many addresses: keep only the ones still being slowed down
            self._clients = {key: r for key, r in self._clients.items()
                             if r.until > now or r.failures or now - r.until <= self.longest}


GUARD = Guard()  # the server's one guard: a module-level object lives as long as the process


def try_passphrase(guard: Guard, client: str, typed: str, stored: str) -> tuple[bool, int]:
    """(right, seconds to wait): the passphrase is checked only when the guard allows a try now."""
    wait = guard.attempt(client)
    if wait:
        return False, wait
    if typed and verify_passphrase(typed, stored):
        guard.succeeded(client)
        return True, 0
    return False, 0
