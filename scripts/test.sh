#!/usr/bin/env bash
# Set up, lint (ruff for Python, sqlfluff for queries/), then run every test (unit, data, page and browser
# tests) on two workers, printing the 25 slowest; then the shared store's tests (tests/shared/, on a PostgreSQL
# they start) in .venv-shared. Extra arguments go to the first pytest run, and then only it runs.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --shared || exit 1

echo "ruff (Python)..."
.venv/bin/ruff check --quiet . || { echo "ruff found problems: fix them (or see ruff.toml)." >&2; exit 1; }
echo "sqlfluff (SQL in queries/)..."
if ! found=$(.venv/bin/sqlfluff lint queries/ --processes 2 --disable-progress-bar --nocolor 2>&1); then
  echo "$found" >&2
  echo "sqlfluff found problems: fix them (or see .sqlfluff)." >&2
  exit 1
fi

# Two workers; tests that share a browser or a server carry an xdist_group mark and stay on one worker.
.venv/bin/python -m pytest -p no:cacheprovider -n 2 --dist loadgroup --durations=25 "$@"
status=$?
if [ "$status" = "5" ]; then
  echo "No tests were collected: that is a failure." >&2
  exit 1
fi
if [ "$#" -gt 0 ]; then
  exit "$status"
fi

# DuckDB 1.5.5 with its postgres extension: the main run (DuckDB 2.0) leaves tests/shared/ out.
echo "shared store (PostgreSQL) tests..."
.venv-shared/bin/python -m pytest -p no:cacheprovider --durations=10 tests/shared
shared=$?
if [ "$shared" = "5" ]; then
  echo "No shared store tests were collected: that is a failure." >&2
  exit 1
fi
[ "$status" = "0" ] && exit "$shared"
exit "$status"
