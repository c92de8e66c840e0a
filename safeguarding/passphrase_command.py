"""`python -m safeguarding passphrase-hash`: make the analyst passphrase hash for .streamlit/secrets.toml."""

from __future__ import annotations

import getpass
import sys

from safeguarding.access import AccessError, hash_passphrase


def cmd_passphrase_hash(args) -> int:
    """Ask for the passphrase twice (or read one line from a pipe) and print the secrets line."""
    if sys.stdin.isatty():
        passphrase = getpass.getpass("Analyst passphrase: ")
        if getpass.getpass("Again, to confirm: ") != passphrase:
            print("The two passphrases differ; nothing was made.", file=sys.stderr)
            return 1
    else:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    try:
        line = f'analyst_passphrase_hash = "{hash_passphrase(passphrase)}"'
    except AccessError as exc:
        print(exc, file=sys.stderr)
        return 1
    print("Put this line in .streamlit/secrets.toml (never commit that file), then restart the dashboard:",
          file=sys.stderr)
    print(line)
    return 0
