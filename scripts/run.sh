#!/usr/bin/env bash
# Set up, then open the dashboard. scripts/serve.py builds the demo database when there is none and does the
# start-up work (imports, opening the store, indicator values) before the server answers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python scripts/serve.py --browser.gatherUsageStats false "$@"
