#!/usr/bin/env bash
# Set up, then open the dashboard (it builds the demo database on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run dashboard.py --browser.gatherUsageStats false "$@"
