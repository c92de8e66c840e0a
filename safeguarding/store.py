"""The DuckDB store: one connection per file per process, a cursor per read, serialised writes."""

from __future__ import annotations

import datetime as dt
import os
import threading
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


def default_path() -> Path:
    """The database path: $SAFEGUARDING_DB, else data/safeguarding.duckdb."""
    return Path(os.environ.get("SAFEGUARDING_DB") or DEFAULT_DB)


def now() -> dt.datetime:
    """The wall-clock time stored with every write (UTC, no time zone, to the second)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Store:
    """A DuckDB database file owned by this process."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreError(
                    f"The database {self.path} is open in another program (most likely the dashboard). "
                    "Load the files through the dashboard's Upload page, or stop the dashboard and try again."
                ) from exc
            raise StoreError(f"The database {self.path} could not be opened: {exc}") from exc
        self._write_lock = threading.RLock()
        self.generation = 0  # bumped after every committed write, so caches can key on it
        self._marts_generation = -1  # the generation indicator_values was last rebuilt at
        self._prepare()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor for one read: sharing a connection between threads is unsafe."""
        cur = self._conn.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def write(self, who: str, action: str, detail: str = "") -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction, serialised with every other write in this process, recorded in the audit log."""
        with self._write_lock:
            cur = self._conn.cursor()
            cur.execute("begin transaction")
            try:
                yield cur
                cur.execute(queries.q("store", "audit"), {"at": now(), "who": who, "action": action,
                                                          "detail": detail})
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            finally:
                cur.close()
            self.generation += 1
            self._marts_generation = -1  # rebuilt by the next read that needs them

    def fresh(self) -> Store:
        """Make sure the materialised indicator values reflect every committed write, then return self."""
        if self._marts_generation == self.generation:
            return self
        with self._write_lock:
            if self._marts_generation != self.generation:
                cur = self._conn.cursor()
                try:
                    cur.execute("begin transaction")
                    marts.refresh(cur)
                    cur.execute("commit")
                except BaseException:
                    cur.execute("rollback")
                    raise
                finally:
                    cur.close()
                self._marts_generation = self.generation
        return self

    def close(self) -> None:
        with _open_lock:
            if _open.get(str(self.path.resolve())) is self:
                del _open[str(self.path.resolve())]
        self._conn.close()

    def _prepare(self) -> None:
        """Apply pending migrations, refresh reference data and views, seed missing thresholds."""
        with self._write_lock:
            cur = self._conn.cursor()
            try:
                cur.execute("begin transaction")
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
                cur.execute("commit")
            except BaseException:
                cur.execute("rollback")
                raise
            finally:
                cur.close()


def open_store(path: Path | str | None = None) -> Store:
    """The process's Store for a file (opened once, then shared)."""
    resolved = Path(path) if path is not None else default_path()
    key = str(resolved.resolve())
    with _open_lock:
        store = _open.get(key)
        if store is None:
            store = Store(resolved)
            _open[key] = store
        return store
