"""One PostgreSQL server for the shared store's tests (started with initdb and pg_ctl, stopped at the end)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from temp_postgres import temp_postgres  # noqa: E402

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> str:
    """The URL of the session's PostgreSQL server (user and database postgres)."""
    with temp_postgres() as url:
        yield url


@pytest.fixture
def shared_url(postgres) -> str:
    """A partnership location of its own on the session's server (a fresh schema for each test)."""
    return f"{postgres}#test-{next(_names)}"
