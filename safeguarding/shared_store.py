"""The shared store: PostgreSQL holds what writes change, an in-memory DuckDB in each process queries it."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from collections.abc import Iterator

import duckdb

from safeguarding import catalogue, definitions, marts, queries, reference
from safeguarding.store import Store, StoreError, forget, now

# Tables each process builds for itself from the project's files (reference data, catalogue, indicator
# definitions) or from the shared tables (the indicator marts); every other table lives in PostgreSQL.
LOCAL_TABLES = frozenset({
    "catalogue_measures", "ref_local_authorities", "ref_population", "ref_benchmarks", "ref_benchmark_measures",
    "ref_neighbours", "indicator_definitions", "indicator_values", "area_benchmark_values",
})
CHECK_EVERY = 1.0  # seconds between two reads of the write counter: another process's write shows within this
LOCK_TRIES = 2400  # a write queues behind others for up to about two minutes (pauses of 0.05 s)
_TARGET = re.compile(r"^\s*(?:create\s+(?:sequence|table)(?:\s+if\s+not\s+exists)?|alter\s+table|insert\s+into|"
                     r"drop\s+table(?:\s+if\s+exists)?|delete\s+from|update)\s+(\w+)", re.IGNORECASE)
_EXTENSION_LOCK = threading.Lock()


def schema_of(location: str) -> str:
    """The PostgreSQL schema of a location: `partnership`, or `p_<code>` for `...#code`."""
    code = urlsplit(location).fragment
    if not code:
        return "partnership"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", code):
        raise StoreError(f"{code!r} is not a partnership code: use letters, digits, - and _ only.")
    return "p_" + code.lower().replace("-", "_")


def server_of(location: str) -> str:
    """HOST:PORT of a location, for messages (never the password)."""
    parts = urlsplit(location)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"


def _extension() -> Path:
    """The postgres extension file, under the name DuckDB loads it by (postgres_scanner)."""
    try:
        import duckdb_extension_postgres
    except ImportError as exc:
        raise StoreError("The shared store needs DuckDB 1.5.5 and its postgres extension: install them with "
                         "`bash scripts/setup.sh --shared` and run the dashboard from .venv-shared.") from exc
    found = sorted(Path(duckdb_extension_postgres.__file__).parent.glob(
        f"extensions/v{duckdb.__version__}/postgres.duckdb_extension"))
    if not found:
        raise StoreError(f"The installed postgres extension is not built for DuckDB {duckdb.__version__}: run the "
                         "shared store from .venv-shared (`bash scripts/setup.sh --shared`).")
    folder = Path(tempfile.gettempdir()) / f"safeguarding-duckdb-{duckdb.__version__}"
    target = folder / "postgres_scanner.duckdb_extension"
    with _EXTENSION_LOCK:
        if not target.exists() or target.stat().st_size != found[-1].stat().st_size:
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / f".copy-{os.getpid()}"
            shutil.copyfile(found[-1], partial)
            partial.replace(target)  # atomic: another process never loads half a file
    return target


def _pg_statements(sql: str) -> list[str]:
    """A migration's statements for PostgreSQL: local tables left out, DuckDB's `double` spelt out."""
    text = re.sub(r"--[^\n]*", "", sql)
    kept = []
    for statement in (s.strip() for s in text.split(";")):
        target = _TARGET.match(statement) if statement else None
        if not statement or (target and target.group(1).lower() in LOCAL_TABLES):
            continue
        kept.append(re.sub(r"\bdouble\b(?!\s+precision)", "double precision", statement, flags=re.IGNORECASE))
    return kept


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def migration_script(schema: str) -> str:
    """One PostgreSQL script (one transaction, under an advisory lock per schema, so two processes starting at
    once do not both migrate): the schema, its write counter, then every migration not yet applied."""
    lines = [
        f"select pg_advisory_xact_lock(hashtext({_literal('safeguarding ' + schema)}));",
        f'create schema if not exists "{schema}";',
        f'set local search_path to "{schema}";',
        "create table if not exists store_writes (counter bigint not null);",
        "insert into store_writes select 0 where not exists (select 1 from store_writes);",
        "create table if not exists schema_migrations (version integer primary key, name text not null, "
        "applied_at timestamp not null);",
    ]
    for migration in queries.folder("migrations"):
        version = int(migration.stem.split("_", 1)[0])
        body = "".join(f"execute {_literal(s)}; " for s in _pg_statements(migration.sql))
        lines.append(
            f"do $migration$ begin if not exists (select 1 from schema_migrations where version = {version}) then "
            f"{body}insert into schema_migrations values ({version}, {_literal(migration.stem)}, now()); "
            "end if; end $migration$;")
    return "\n".join(lines)


class SharedStore(Store):
    """A partnership's schema in PostgreSQL, queried through this process's in-memory DuckDB."""

    shared = True

    def __init__(self, location: str):
        self.path = location
        self.schema = schema_of(location)
        self.server = server_of(location)
        parts = urlsplit(location)
        dsn = urlunsplit(parts._replace(fragment=""))
        try:
            self._conn = duckdb.connect(":memory:", config={"allow_unsigned_extensions": "true"})
            self._conn.execute(f"load '{_extension()}'")
        except duckdb.Error as exc:
            raise StoreError(f"DuckDB could not load its postgres extension: {exc}") from exc
        try:
            self._conn.execute(f"attach {_literal(dsn)} as pg (type postgres)")
            self._conn.execute("select * from postgres_execute('pg', ?)", [migration_script(self.schema)]).fetchall()
            self._conn.execute("select * from pg_clear_cache()").fetchall()
        except duckdb.Error as exc:
            raise self._refused(exc) from exc
        self._search_path = f"memory.main,pg.{self.schema}"
        self._write_lock = threading.RLock()
        self._generation = 0
        self._marts_generation = -1
        self._seen = -1  # the write counter this process last acted on
        self._checked = 0.0
        self._prepare()
        self._seen = self._counter()

    def _refused(self, exc: BaseException) -> StoreError:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(f"PostgreSQL at {self.server} refused the connection: {first}. Check that the server "
                          "runs, and the address, database, user and password in SAFEGUARDING_DB (or --db).")

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._conn.cursor()
        cur.execute(f"set search_path = {_literal(self._search_path)}")
        return cur

    @property
    def generation(self) -> int:
        """Bumped after every write, this process's or another's (seen within CHECK_EVERY seconds)."""
        self._sync()
        return self._generation

    def _counter(self) -> int:
        cur = self._cursor()
        try:
            return cur.execute(queries.q("store", "write_counter")).fetchone()[0]
        except duckdb.Error as exc:
            raise self._refused(exc) from exc
        finally:
            cur.close()

    def _sync(self) -> None:
        """Notice another process's write: read the write counter at most once every CHECK_EVERY seconds."""
        moment = time.monotonic()
        if moment - self._checked < CHECK_EVERY:
            return
        self._checked = moment
        counter = self._counter()
        with self._write_lock:
            if counter != self._seen:
                self._seen = counter
                self._generation += 1

    @contextmanager
    def _recovering(self) -> Iterator[None]:
        """After DuckDB's own fatal error its in-memory database is unusable: drop this store, so the next
        open_store() makes a new one (PostgreSQL holds everything), and say so in plain words."""
        try:
            yield
        except (duckdb.FatalException, duckdb.InternalException) as exc:
            forget(self)
            raise StoreError("The query engine failed and has been restarted; nothing was stored by the failed "
                             "step. Try again.") from exc

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor for one read (after noticing other processes' writes)."""
        with self._recovering():
            self._sync()
            cur = self._cursor()
            try:
                yield cur
            finally:
                cur.close()

    def _begin_write(self, cur) -> int:
        """Begin a transaction that holds the write counter's row: writers of this schema queue here, across
        processes. PostgreSQL refuses the row to a transaction whose snapshot predates another's write to it:
        then begin again, with a snapshot that sees that write."""
        for _ in range(LOCK_TRIES):
            cur.execute("begin transaction")
            try:
                cur.execute("update store_writes set counter = counter + 1")
                return cur.execute("select counter from store_writes").fetchone()[0]
            except duckdb.Error as exc:
                cur.execute("rollback")
                if "could not serialize" not in str(exc) and "concurrent update" not in str(exc):
                    if "connection" in str(exc).lower():
                        raise self._refused(exc) from exc
                    raise
                time.sleep(0.05)
        raise StoreError(f"PostgreSQL at {self.server}: other writes held the store for too long; try again.")

    @contextmanager
    def write(self, who: str, action: str, detail: str = "") -> Iterator[duckdb.DuckDBPyConnection]:
        """One PostgreSQL transaction, serialised with every other write to this schema, in the audit log."""
        with self._write_lock, self._recovering():
            cur = self._cursor()
            try:
                counter = self._begin_write(cur)
                try:
                    yield cur
                    cur.execute(queries.q("store", "audit"), {"at": now(), "who": who, "action": action,
                                                              "detail": detail})
                    cur.execute("commit")
                except BaseException:
                    try:
                        cur.execute("rollback")
                    except duckdb.Error:
                        pass  # the transaction already ended: nothing to undo
                    raise
            finally:
                cur.close()
            self._seen = counter
            self._generation += 1

    def fresh(self) -> SharedStore:
        """Rebuild the local benchmarks (releases are shared) and indicator values when any process wrote."""
        generation = self.generation
        if self._marts_generation == generation:
            return self
        with self._write_lock, self._recovering():
            if self._marts_generation != generation:
                with self._transaction() as cur:
                    reference.rebuild_benchmarks(cur)
                    marts.refresh(cur)
                self._marts_generation = generation
        return self

    def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL has made every commit durable."""

    def settle(self) -> None:
        """Nothing to do: PostgreSQL has made every commit durable."""

    def close(self) -> None:
        forget(self)
        self._conn.close()

    def _prepare(self) -> None:
        """Build the local tables, reference data, views and macros; give the shared store missing thresholds."""
        with self._write_lock, self._transaction() as cur:
            for migration in queries.folder("migrations"):
                cur.execute(migration.sql)
            # The migrations made local copies of the shared tables too: drop them, so names resolve to PostgreSQL.
            for (name,) in cur.execute("select table_name from duckdb_tables() where database_name = 'memory'"
                                       ).fetchall():
                if name not in LOCAL_TABLES:
                    cur.execute(f'drop table memory.main."{name}"')
            for (name,) in cur.execute("select sequence_name from duckdb_sequences() where database_name = "
                                       "'memory'").fetchall():
                cur.execute(f'drop sequence memory.main."{name}"')
            reference.load_reference(cur)
            catalogue.load_catalogue(cur)
            for view in sorted(queries.folder("staging"), key=lambda f: int(f.header.get("order", "0"))):
                # View names come from our own file names, never from user input.
                cur.execute(f"create or replace view {view.stem} as {view.sql}")
            marts.load_definitions(cur)
        with self.read() as cur:
            stored = {row[0] for row in cur.execute("select indicator_id from rag_thresholds").fetchall()}
        if set(definitions.indicators()) - stored:
            with self.write("system", "seed thresholds") as cur:
                definitions.seed_thresholds(cur, who="system", at=now())
