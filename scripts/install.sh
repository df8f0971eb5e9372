#!/usr/bin/env bash
# Installs npm dependencies from the lockfile when node_modules is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
