"""The command line in a multi-partnership service: which partnership's store a command opens, and whether the
person named by --user may do that there."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from safeguarding import access, partnerships
from safeguarding.store import default_path, is_postgres, open_store
from safeguarding.store import location as given

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"
NO_STORE = {"template", "passphrase-hash", "partnerships", "demo"}  # demo: its own database, not a partnership's
RIGHT_WORDS = {"returns": "load returns", "settings": "change settings, thresholds or benchmarks",
               "plan": "import the business plan"}


class Refused(Exception):
    """The command may not run as asked; the message names the partnership and what to ask for."""


def add_options(top) -> None:
    """--partnership, --user and --secrets, given before the subcommand."""
    top.add_argument("--partnership", metavar="CODE",
                     help="the partnership whose store the command uses (when the secrets file lists partnerships)")
    top.add_argument("--user", metavar="EMAIL",
                     help="who runs the command: listed in that partnership (default: $SAFEGUARDING_USER)")
    top.add_argument("--secrets", metavar="PATH", help=f"the secrets file (default: {DEFAULT_SECRETS})")


def register(sub, db_help: str) -> None:
    """Add the partnerships command."""
    listing = sub.add_parser("partnerships", help="list the partnerships in the secrets file, their local "
                                                  "authorities and where each one's store is")
    listing.add_argument("--db", help=db_help)
    listing.set_defaults(run=cmd_partnerships)


def read_secrets(path: str | None) -> dict:
    """The secrets file's contents ({} when the default file is absent); Refused when it cannot be read."""
    file = Path(path) if path else DEFAULT_SECRETS
    if not file.exists():
        if path:
            raise Refused(f"The secrets file {file} does not exist: name the file that lists the partnerships.")
        return {}
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refused(f"The secrets file {file} cannot be read ({exc}): correct it and try again.") from exc


def needed_right(args) -> str | None:
    """The right the command needs beyond reading (None: reading only)."""
    command = args.command
    if command == "load":
        return "returns"
    if command == "settings":
        changing = any(getattr(args, key) is not None for key in ("la_code", "name", "disclosure", "threshold"))
        return "settings" if changing else None
    if command == "reference":
        return "settings" if args.action == "update" and not args.check else None
    if command == "plan":
        return "plan" if args.action == "import" else None
    return None


def resolve(args) -> None:
    """Set args.hosted (the Partnership, or None in a single-partnership service); Refused when not allowed.

    Nothing is opened here: a refusal leaves every store untouched.
    """
    args.hosted = None
    try:
        hosted = partnerships.configured(read_secrets(args.secrets))
    except partnerships.PartnershipError as exc:
        raise Refused(f"The secrets file's partnerships cannot be used: {exc}") from exc
    if not hosted:
        if args.partnership:
            raise Refused("No partnerships are listed in the secrets file, so --partnership cannot be used: this "
                          "service holds one partnership. Leave --partnership out, or name the secrets file with "
                          "--secrets.")
        return
    if args.command == "demo" and args.partnership:
        raise Refused("The demo is a database of its own, never a partnership's store: run `demo` without "
                      "--partnership (it writes --db, else the default database).")
    if args.command in NO_STORE:
        return
    codes = ", ".join(p.code for p in hosted)
    if not args.partnership:
        raise Refused(f"This service holds several partnerships: name one with --partnership CODE ({codes}).")
    found = next((p for p in hosted if p.code == args.partnership), None)
    if found is None:
        raise Refused(f"There is no partnership {args.partnership!r} in the secrets file: the codes are {codes}.")
    user = (args.user or os.environ.get("SAFEGUARDING_USER") or "").strip()
    if not user:
        raise Refused(f"Say who you are with --user EMAIL (or $SAFEGUARDING_USER): commands for {found.name} run "
                      "only for people listed in that partnership.")
    role_name = partnerships.role_in(found, user)
    if role_name is None:
        raise Refused(f"{user} is not listed in {found.name} ({found.code}): ask its analysts to add you to "
                      f"[partnerships.{found.code}] in the secrets file.")
    if args.command == "settings" and args.la_code is not None:
        raise Refused(f"{found.name}'s local authorities are set in the secrets file ([partnerships.{found.code}] "
                      "la_codes): change them there.")
    right = needed_right(args)
    if right is not None and not access.may(role_name, right):
        raise Refused(f"{user} is a {access.ROLE_WORDS[role_name]} in {found.name} ({found.code}), and only "
                      f"{'the business unit or ' if right == 'plan' else ''}analysts may {RIGHT_WORDS[right]} "
                      f"there: ask one of its analysts to do it, or to list you in [partnerships.{found.code}] "
                      f"{'business_unit' if right == 'plan' else 'analysts'}.")
    args.hosted = found
    if hasattr(args, "by"):
        args.by = user.lower()  # the allow-listed address is what the store records


def location(args) -> Path | str:
    """The store the command uses: the partnership's, or the single store (--db, $SAFEGUARDING_DB, default)."""
    if getattr(args, "hosted", None) is not None:
        return partnerships.location(args.hosted.code, args.db)
    return given(args.db) if args.db else default_path()


def store(args, wait: float = 0):
    """The command's store, opened (a partnership's is made on first use and seeded from the registry)."""
    if getattr(args, "hosted", None) is not None:
        from safeguarding.partnership_store import open_partnership

        return open_partnership(args.hosted, args.db, wait=wait)
    return open_store(location(args), wait=wait)


def shown_location(where: Path | str) -> str:
    """A store location to print: a PostgreSQL URL's password is replaced by ***."""
    if not is_postgres(where):
        return str(where)
    parts = urlsplit(str(where))
    if parts.password is None:
        return str(where)
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def cmd_partnerships(args) -> int:
    """List the partnerships with their authorities and store locations."""
    from safeguarding.partnerships import la_names

    hosted = partnerships.configured(read_secrets(args.secrets))
    if not hosted:
        print("No partnerships are listed in the secrets file: this service holds one partnership, in "
              f"{shown_location(location(args))}.")
        return 0
    for p in hosted:
        authorities = "; ".join(f"{code} {la_names()[code]}" for code in p.la_codes)
        print(f"{p.code}\t{p.name}\t{authorities}\t{shown_location(partnerships.location(p.code, args.db))}")
    return 0


def refuse(exc: Refused) -> int:
    print(exc, file=sys.stderr)
    return 2
