#!/usr/bin/env bash
# Command 1 of the README (`npm run up`): installs what is missing, builds, then starts the whole
# system on embedded defaults (scripts/dev.ts). Ctrl-C stops everything. See docs/development.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
source scripts/lib/node.sh
bash scripts/tools.sh

# Quiet on success, the whole output on failure.
step() {
  local label=$1
  shift
  echo "[up] $label"
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out"
    echo "[up] failed: $label" >&2
    exit 1
  fi
}

step "prisma generate" npx prisma generate
step "build (tsc, then the workflow bundle)" npm run -s build
step "console (vite build, served under /console)" npm run --prefix apps/console build

exec node dist/scripts/dev.js
