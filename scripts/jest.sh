#!/usr/bin/env bash
# Runs jest on the project's Node.js with the flag that lets Jest require() ESM-only packages
# (NestJS 12, nodemailer 10, jose 6, ldapts 9, openid-client 6): Node >= 24.9 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export NODE_OPTIONS="--experimental-vm-modules --disable-warning=ExperimentalWarning ${NODE_OPTIONS:-}"
# JEST_NODE: another Node.js binary (test-all.sh runs the unit suite on the floor version with it).
exec "${JEST_NODE:-node}" node_modules/jest/bin/jest.js "$@"
