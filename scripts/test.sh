#!/usr/bin/env bash
# Set up, then run every test (unit, data, page and browser tests). Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
.venv/bin/python -m pytest -p no:cacheprovider "$@"
status=$?
if [ "$status" = "5" ]; then
  echo "No tests were collected: that is a failure." >&2
  exit 1
fi
exit "$status"
