"""A throw-away PostgreSQL server (initdb and pg_ctl in a temporary folder, on a free port of 127.0.0.1)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def binaries() -> Path:
    """The folder of initdb and pg_ctl: Debian's /usr/lib/postgresql/<newest>/bin, else the PATH's."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL is not installed: run `bash scripts/setup.sh --shared` "
                       "(or sudo apt-get install postgresql).")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root: run it as the postgres user Debian's package creates.
    if os.geteuid() == 0:
        return ["su", "postgres", "-c", " ".join(f"'{part}'" for part in command)]
    return command


@contextlib.contextmanager
def temp_postgres(durable: bool = False) -> Iterator[str]:
    """Start a PostgreSQL server with trust sign-in on 127.0.0.1; yield its URL (user postgres, database
    postgres); stop it and delete its folder at the end. Not `durable`: commits skip fsync (tests only)."""
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="safeguarding-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, log, port = folder / "data", folder / "server.log", free_port()
    subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                                    "-E", "UTF8", "--no-sync"]), check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    options += "" if durable else " -c fsync=off"
    subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log),
                                    "-w", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
