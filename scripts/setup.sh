#!/usr/bin/env bash
# Set up everything the dashboard and its tests need: a venv with the pinned packages, and
# Debian's Chromium (for chart exports and the browser tests) where it is missing and we can install it.
# With --shared (scripts/test.sh passes it): also .venv-shared (requirements.txt, then requirements-shared.txt
# over it: DuckDB 1.5.5 and its postgres extension) and PostgreSQL, for the shared store and its tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium (needed for chart exports and browser tests)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is not installed. The dashboard runs without it, but chart and board-pack exports need it."
    echo "Install it with: sudo apt-get install chromium   (Debian/Ubuntu)"
  fi
fi

if [ "${1:-}" = "--shared" ]; then
  if [ ! -x .venv-shared/bin/python ]; then
    "$PYTHON" -m venv .venv-shared
  fi
  .venv-shared/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  .venv-shared/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-shared.txt
  if [ ! -x /usr/lib/postgresql/15/bin/initdb ] && ! command -v initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing PostgreSQL (needed for the shared store and its tests)..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      echo "PostgreSQL is not installed: the shared store's tests need it."
      echo "Install it with: sudo apt-get install postgresql   (Debian/Ubuntu)"
      exit 1
    fi
  fi
fi
