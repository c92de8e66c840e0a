"""Load the SQL files under queries/ into a registry of frozen dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

_NAME = re.compile(r"^--\s*name:\s*([a-z_][a-z0-9_]*)\s*$", re.MULTILINE)
_HEADER = re.compile(r"^--\s*([a-z_]+):\s?(.*)$")


@dataclass(frozen=True)
class Query:
    """A named statement: its text, where it came from and its doc lines."""

    name: str
    sql: str
    doc: str = ""
    path: str = ""


@dataclass(frozen=True)
class SqlFile:
    """A whole SQL file with the key/value header read from its leading comment lines."""

    stem: str
    sql: str
    header: dict[str, str] = field(default_factory=dict)
    path: str = ""


def read_header(text: str) -> dict[str, str]:
    """The `-- key: value` lines at the top of a file, up to the first line that is not a comment."""
    header: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        match = _HEADER.match(line)
        if match:
            last = match.group(1)
            header[last] = match.group(2).strip()
        elif last is not None and line.startswith("--   ") and line[2:].strip():
            # An indented comment line continues the previous value.
            header[last] = f"{header[last]} {line[2:].strip()}"
        elif line[2:].strip():
            header["doc"] = f"{header.get('doc', '')} {line[2:].strip()}".strip()
    return header


def parse_named(text: str, path: str = "") -> dict[str, Query]:
    """Split a file of `-- name: x` blocks into queries (doc = the comment lines below the name)."""
    found: dict[str, Query] = {}
    starts = list(_NAME.finditer(text))
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[match.end():end].strip("\n")
        doc_lines, sql_lines = [], []
        for line in body.splitlines():
            if not sql_lines and line.startswith("--"):
                doc_lines.append(line[2:].strip())
            else:
                sql_lines.append(line)
        name = match.group(1)
        if name in found:
            raise ValueError(f"{path}: query {name!r} is defined twice")
        found[name] = Query(name, "\n".join(sql_lines).strip().rstrip(";"), " ".join(doc_lines), path)
    return found


@cache
def named(group: str) -> dict[str, Query]:
    """Named queries of queries/<group>.sql, e.g. named("store")["insert_submission"]."""
    path = QUERIES_DIR / f"{group}.sql"
    return parse_named(path.read_text(encoding="utf-8"), str(path))


def q(group: str, name: str) -> str:
    """The SQL text of one named query."""
    return named(group)[name].sql


@cache
def folder(name: str) -> tuple[SqlFile, ...]:
    """Every .sql file of queries/<name>/ in file-name order, with its header."""
    files = []
    for path in sorted((QUERIES_DIR / name).glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        files.append(SqlFile(path.stem, text.strip().rstrip(";"), read_header(text), str(path)))
    return tuple(files)


@cache
def constants(group: str) -> dict[str, object]:
    """The constants queries/<group>.sql defines (its `constants` query, on an empty database)."""
    with duckdb.connect() as con:
        con.execute(q(group, "define_constants"))
        cur = con.execute(q(group, "constants"))
        return dict(zip([column[0] for column in cur.description], cur.fetchone()))
