#!/usr/bin/env bash
# Set up everything the dashboard and its tests need: a venv with the pinned packages, and
# Debian's Chromium (for chart exports and the browser tests) where it is missing and we can install it.
# With --shared (scripts/test.sh passes it): also .venv-shared (requirements.txt with requirements-shared.txt's
# pins instead of its DuckDB: DuckDB 1.5.5 and its postgres extension) and PostgreSQL, for the shared store.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"

# install_debian PACKAGE WHAT-NEEDS-IT: apt-get install it when we are root on Debian/Ubuntu, else say how.
install_debian() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $1 (needed for $2)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "$1 is not installed: $2 need it. Install it with: sudo apt-get install $1   (Debian/Ubuntu)"
    return 1
  fi
}

# venv FOLDER REQUIREMENTS...: the folder's venv with each requirements file installed in turn; skipped when the
# venv already holds exactly these files' pins (a stamp of their contents is kept in the venv once installed).
venv() {
  local folder="$1"
  shift
  if [ ! -x "$folder/bin/python" ]; then
    "$PYTHON" -m venv "$folder"
  fi
  local wanted
  wanted=$(cat "$@" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$folder/.installed-requirements" 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  rm -f "$folder/.installed-requirements"
  for requirements in "$@"; do
    "$folder/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  done
  echo "$wanted" > "$folder/.installed-requirements"
}

venv .venv requirements.txt

if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  install_debian chromium "chart exports and the browser tests (the dashboard runs without it)" || true
fi

if [ "${1:-}" = "--shared" ]; then
  # requirements.txt without its DuckDB pin, then the shared store's pins (a later -r cannot override a pin).
  shared_pins=$(mktemp)
  grep -v '^duckdb==' requirements.txt > "$shared_pins"
  venv .venv-shared "$shared_pins" requirements-shared.txt
  rm -f "$shared_pins"
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    install_debian postgresql "the shared store and its tests"
  fi
fi
