#!/usr/bin/env bash
# Command 2 of the README: installs what the tests need, then runs every check and test.
# Needs PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL); .ci/run starts it when down.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
source scripts/lib/node.sh
bash scripts/tools.sh
[ -x /usr/sbin/slapd ] || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slapd ldap-utils >/dev/null; } || echo "[test] slapd missing and not root: the ldap connector tests will be skipped"

echo "[test] prisma generate"
npx prisma generate >/dev/null
echo "[test] typecheck"
npx tsc -p tsconfig.json --noEmit
echo "[test] lint"
npx eslint . --max-warnings 0
echo "[test] import graph (dependency-cruiser: layers, no cycle)"
npm run -s lint:deps
echo "[test] format"
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
echo "[test] build"
npm run -s build
echo "[test] console: API types up to date, typecheck, lint, build (size budget)"
npm run -s --prefix apps/console api:check
npm run -s --prefix apps/console typecheck
npm run -s --prefix apps/console lint
npm run -s --prefix apps/console build
echo "[test] unit suite on the floor Node.js $(.tools/node-floor/bin/node --version 2>/dev/null || echo '(not installed for this platform: skipped)')"
if [ -x .tools/node-floor/bin/node ]; then
  JEST_NODE=.tools/node-floor/bin/node bash scripts/jest.sh --ci --selectProjects unit --silent
fi
echo "[test] jest (unit, integration, e2e) on Node.js $(node --version)"
bash scripts/jest.sh --ci "$@"
echo "[test] console browser tests (Playwright on the Debian chromium, against the real system)"
[ -x /usr/bin/chromium ] || { [ "$(id -u)" = 0 ] && { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; } || { echo "[test] /usr/bin/chromium missing and not root: install the chromium package" >&2; exit 1; }
npm run -s --prefix apps/console test:browser
# A short fuzzing run with the fixed seed on a private system (about 1.5 min; docs/operations.md,
# "Failure drills"): every operation as every role, responses checked against the document.
# TEST_FUZZ=0 skips it; `DRILLS=fuzz npm run drills` is the full run.
if [ "${TEST_FUZZ:-1}" != 0 ]; then
  echo "[test] fuzzing (short, fixed seed)"
  DRILLS=fuzz DRILLS_FUZZ_EXAMPLES=5 DRILLS_FUZZ_ROLE_EXAMPLES=2 DRILLS_FUZZ_PHASES=examples,fuzzing,stateful \
    node dist/scripts/drills/main.js
fi
