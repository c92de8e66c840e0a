"""A full disk and a read-only database, for real: the command says so, exits non-zero, and the store is as it was.

The full disk is a small tmpfs where the machine allows mounting one (root); elsewhere a file-size limit on the
loading process (RLIMIT_FSIZE), which makes DuckDB's writes fail the same way (EFBIG instead of ENOSPC).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_support import ROOT

from safeguarding.catalogue import measures_of
from safeguarding.periods import Quarter
from safeguarding.store import open_store

DISK = 16 * 1024 * 1024


def history_csv() -> bytes:
    """Twenty years of children's social care figures in the long layout: a load that writes a good deal."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Agency", "Quarter", "Measure code", "Value", "Commentary"])
    codes = [m.code for m in measures_of("CSC")]
    for n, (year, quarter, code) in enumerate((y, q, c) for y in range(2004, 2024) for q in (1, 2, 3, 4)
                                              for c in codes):
        writer.writerow(["CSC", Quarter.of(year, quarter).label, code, 100 + n % 50, f"note {n}"])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory) -> Path:
    """A new store, written whole into its file (no write-ahead log)."""
    path = tmp_path_factory.mktemp("clean") / "store.duckdb"
    store = open_store(path)
    store.checkpoint()
    store.close()
    return path


def _mount(folder: Path, *options: str) -> bool:
    return subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=16m",) + options), "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path):
    """(folder, limit for the loading process or None): a 16 MB tmpfs when it can be mounted, else a size limit."""
    folder.mkdir()
    mounted = os.geteuid() == 0 and _mount(folder)
    try:
        yield folder, None if mounted else DISK
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def _fill(folder: Path, leave: int, limited: int | None) -> int | None:
    """Leave `leave` bytes free on the disk; for a size limit, the limit that leaves as much beside the store."""
    if limited is not None:
        return (folder / "store.duckdb").stat().st_size + leave
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))
    return None


def load(db: Path, file: Path, limit: int | None) -> subprocess.CompletedProcess:
    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), it does not kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "safeguarding", "load", str(file), "--db", str(db), "--wait", "0"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=limited if limit else None)


def submissions(db: Path) -> int:
    store = open_store(db)
    try:
        with store.read() as cur:
            return cur.execute("select count(*) from submissions").fetchone()[0]
    finally:
        store.close()


def test_a_full_disk_is_named_and_the_store_left_as_it_was(clean_store, tmp_path):
    file = tmp_path / "history.csv"
    file.write_bytes(history_csv())
    outcomes = []
    for leave in (0, 1_200_000, 1_350_000, 1_500_000, 1_700_000, 4_000_000):
        with small_disk(tmp_path / f"disk{leave}") as (folder, limited):
            db = folder / "store.duckdb"
            shutil.copyfile(clean_store, db)
            limit = _fill(folder, leave, limited)
            done = load(db, file, limit)
            (folder / "filler").unlink(missing_ok=True)
            said = done.stdout + done.stderr
            assert "Traceback" not in said and "rollback" not in said and "another load" not in said.lower(), said
            if done.returncode == 0:
                assert "history.csv: loaded." in done.stdout and submissions(db) == 1
            else:
                assert done.returncode == 1 and f"No space left on the disk holding {db}" in said, said
                assert ": loaded." not in done.stdout
                assert submissions(db) == 0  # as it was, once there is room to open it again
            wal = db.with_name(db.name + ".wal")
            if limited is None:  # a size limit lets the log grow while the file cannot: only a real disk fills both
                assert not wal.exists() or wal.stat().st_size == 0  # nothing committed is left outside the file
            outcomes.append((done.returncode, "not tried" in said or limited is not None))
    assert (1, True) in outcomes, outcomes  # the disk filled during a load, not only on opening
    assert outcomes[-1][0] == 0, outcomes  # with room, the same file loads


def test_a_read_only_database_is_named(clean_store, tmp_path):
    file = tmp_path / "history.csv"
    file.write_bytes(history_csv())
    folder = tmp_path / "read_only"
    folder.mkdir()
    db = folder / "store.duckdb"
    shutil.copyfile(clean_store, db)
    mounted = os.geteuid() == 0 and _mount(folder, "ro")
    if mounted:  # an empty read-only tmpfs over the folder: a database that cannot be made there
        db = folder / "new" / "store.duckdb"
    else:
        folder.chmod(0o555)
        db.chmod(0o444)
    try:
        done = load(db, file, None)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)
        else:
            folder.chmod(0o755)
    said = done.stdout + done.stderr
    assert done.returncode == 1 and f"{db} cannot be written" in said and "Traceback" not in said, said
