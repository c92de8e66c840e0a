"""The DuckDB store: one connection per file per process, a cursor per read, serialised writes."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Iterator

import duckdb

from safeguarding import catalogue, definitions, marts, queries, reference

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "safeguarding.duckdb"

_open: dict[str, Store] = {}
_open_lock = threading.Lock()


class StoreError(Exception):
    """A problem with the database file that the user can act on."""


class StoreLocked(StoreError):
    """Another process holds the database file; `holder` says who, where DuckDB names it."""

    def __init__(self, message: str, holder: str = ""):
        super().__init__(message)
        self.holder = holder


_HOLDER_PID = re.compile(r"\(PID (\d+)\)")


def holder(message: str) -> str:
    """Who holds the lock DuckDB's message names: 'the dashboard (process 12)', 'another load (process 12)',
    the program and its process, or '' when the message names nobody."""
    found = _HOLDER_PID.search(message)
    if not found:
        return ""
    pid = found.group(1)
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        command = [w.decode("utf-8", "replace") for w in words if w]
    except OSError:  # gone already, or another system's process table
        command = []
    if any("streamlit" in w for w in command):
        return f"the dashboard (process {pid})"
    if "safeguarding" in command and "load" in command:
        return f"another load (process {pid})"
    if "safeguarding" in command:
        return f"another safeguarding command (process {pid}: {' '.join(command[1:4])})"
    program = Path(command[0]).name if command else "another program"
    return f"{program} (process {pid})"


_NO_SPACE = ("no space left on device", "file too large", "disk quota exceeded")
_NOT_WRITABLE = ("read-only file system", "permission denied", "cannot open file", "could not open file")


def disk_error(exc: BaseException, path: Path) -> StoreError | None:
    """The real cause of a failed write in words (a full disk, a file that cannot be written), else None."""
    text = str(exc).lower()
    if any(words in text for words in _NO_SPACE):
        return StoreError(f"No space left on the disk holding {path}: nothing was stored. Free some space on it "
                          "and try again.")
    if any(words in text for words in _NOT_WRITABLE):
        return StoreError(f"{path} cannot be written (the folder or the file is read-only, or belongs to someone "
                          "else): nothing was stored. Make it writable, or use another --db.")
    return None


def _undo(cur, exc: BaseException, path: Path) -> None:
    """Roll back after a failed write; raise the failure's real cause, not a failed rollback's."""
    try:
        cur.execute("rollback")
    except duckdb.Error:
        pass  # the transaction already ended (a failed commit or an invalidated database): nothing to undo
    found = disk_error(exc, path) if isinstance(exc, duckdb.Error) else None
    if found is not None:
        raise found from exc


def default_path() -> Path | str:
    """The database: $SAFEGUARDING_DB (a file, or a postgresql:// URL kept as text), else data/safeguarding.duckdb."""
    return location(os.environ.get("SAFEGUARDING_DB") or DEFAULT_DB)


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(where: Path | str | None) -> bool:
    """Whether a store location is a PostgreSQL URL rather than a DuckDB file."""
    return isinstance(where, str) and where.strip().lower().startswith(POSTGRES_SCHEMES)


def location(value: Path | str) -> Path | str:
    """A database location as given: a PostgreSQL URL stays text (a Path would mangle it), a file is a Path."""
    return value if is_postgres(value) else Path(value)


def _key(where: Path | str) -> str:
    return where if isinstance(where, str) else str(where.resolve())


def forget(store: Store) -> None:
    """Drop a closing store from the process's open stores."""
    with _open_lock:
        if _open.get(_key(store.path)) is store:
            del _open[_key(store.path)]


def now() -> dt.datetime:
    """The wall-clock time stored with every write (UTC, no time zone, to the second)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """A DuckDB database file owned by this process."""

    shared = False  # True for the shared store (safeguarding.shared_store), whose tables live in PostgreSQL

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                who = holder(str(exc))
                if who.startswith("the dashboard"):
                    advice = ("Load the files through the dashboard's Upload page, or stop the dashboard and try "
                              "again.")
                else:
                    advice = "Try again when it has finished."
                raise StoreLocked(f"The database {self.path} is in use by {who or 'another program'}. {advice}",
                                  who) from exc
            failure = disk_error(exc, self.path) or StoreError(f"The database {self.path} could not be opened: {exc}")
            raise failure from exc
        except OSError as exc:  # the folder could not be made
            raise StoreError(f"{self.path} cannot be written ({exc.strerror or exc}): nothing was stored.") from exc
        self._write_lock = threading.RLock()
        self.generation = 0  # bumped after every committed write, so caches can key on it
        self._marts_generation = -1  # the generation indicator_values was last rebuilt at
        self._prepare()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._conn.cursor()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor for one read: sharing a connection between threads is unsafe."""
        cur = self._cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a cursor of its own: committed when the block ends, undone (saying the failure's real
        cause) when it raises. Callers hold the write lock."""
        cur = self._cursor()
        try:
            cur.execute("begin transaction")
            try:
                yield cur
                cur.execute("commit")
            except BaseException as exc:
                _undo(cur, exc, self.path)
                raise
        finally:
            cur.close()

    @contextmanager
    def write(self, who: str, action: str, detail: str = "") -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction, serialised with every other write in this process, recorded in the audit log."""
        with self._write_lock:
            with self._transaction() as cur:
                yield cur
                cur.execute(queries.q("store", "audit"), {"at": now(), "who": who, "action": action,
                                                          "detail": detail})
            self.generation += 1
            self._marts_generation = -1  # rebuilt by the next read that needs them

    def fresh(self) -> Store:
        """Make sure the materialised indicator values reflect every committed write, then return self."""
        if self._marts_generation == self.generation:
            return self
        with self._write_lock:
            if self._marts_generation != self.generation:
                with self._transaction() as cur:
                    marts.refresh(cur)
                self._marts_generation = self.generation
        return self

    def checkpoint(self) -> None:
        """Write everything committed into the database file itself, or StoreError saying why it could not."""
        with self._write_lock:
            cur = self._conn.cursor()
            try:
                cur.execute("checkpoint")
            except duckdb.Error as exc:
                raise disk_error(exc, self.path) or StoreError(f"{self.path} could not be written: {exc}") from exc
            finally:
                cur.close()

    def settle(self) -> None:
        """Write the last commit into the file; if that fails, take the commit back and raise StoreError.

        Only after a checkpoint() taken just before the write: the write-ahead log then holds that write alone,
        and DuckDB writes the file's header last, so closing and dropping the log leaves the file as it was.
        """
        try:
            self.checkpoint()
        except StoreError:
            self.close()
            self.path.with_name(self.path.name + ".wal").unlink(missing_ok=True)
            raise

    def close(self) -> None:
        forget(self)
        self._conn.close()

    def _prepare(self) -> None:
        """Apply pending migrations, refresh reference data and views, seed missing thresholds."""
        with self._write_lock, self._transaction() as cur:
            cur.execute("create table if not exists schema_migrations "
                        "(version integer primary key, name text not null, applied_at timestamp not null)")
            applied = {row[0] for row in cur.execute("select version from schema_migrations").fetchall()}
            for migration in queries.folder("migrations"):
                version = int(migration.stem.split("_", 1)[0])
                if version not in applied:
                    cur.execute(migration.sql)
                    cur.execute("insert into schema_migrations values (?, ?, ?)",
                                [version, migration.stem, now()])
            version = reference.reference_version()
            stored = cur.execute(queries.q("store", "get_setting"), {"key": "reference_version"}).fetchall()
            if not stored or stored[0][0] != version:
                reference.load_reference(cur)
                cur.execute(queries.q("store", "put_setting"), {"key": "reference_version", "value": version,
                                                                "who": "system", "at": now()})
            catalogue.load_catalogue(cur)
            for view in sorted(queries.folder("staging"), key=lambda f: int(f.header.get("order", "0"))):
                # View names come from our own file names, never from user input.
                cur.execute(f"create or replace view {view.stem} as {view.sql}")
            definitions.seed_thresholds(cur, who="system", at=now())
            marts.load_definitions(cur)


def open_store(path: Path | str | None = None, wait: float = 0) -> Store:
    """The process's Store for a file (opened once, then shared). While another load holds the file, try again
    for up to `wait` seconds, pausing longer each time; the dashboard holds it for good, so that is not waited on."""
    resolved = location(path) if path is not None else default_path()
    key = _key(resolved)
    deadline, pause = time.monotonic() + wait, 0.05
    with _open_lock:
        while True:
            store = _open.get(key)
            if store is not None:
                return store
            try:
                if isinstance(resolved, str):
                    from safeguarding.shared_store import SharedStore

                    store = SharedStore(resolved)
                else:
                    store = Store(resolved)
            except StoreLocked as exc:
                left = deadline - time.monotonic()
                if left <= 0 or exc.holder.startswith("the dashboard"):
                    if wait > 0 and not exc.holder.startswith("the dashboard"):
                        raise StoreLocked(f"{exc} (Waited {wait:g} s.)", exc.holder) from exc
                    raise
                time.sleep(min(pause, left))
                pause = min(pause * 2, 2.0)
                continue
            _open[key] = store
            return store
