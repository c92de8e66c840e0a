#!/usr/bin/env bash
# Set up, lint (ruff for Python, sqlfluff for queries/), then run every test (unit, data, page and browser
# tests) on two workers, printing the 25 slowest. Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

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
exit "$status"
