# Sourced by the README's commands (scripts/up.sh, scripts/test-all.sh) after scripts/install.sh.
# Puts the project's pinned Node.js first on the PATH (the optional dependency node-linux-<arch>,
# linked at node_modules/.bin/node, exactly what npm scripts already find first) and stops with one
# clear line when the Node.js that would run is older than package.json's engines floor.
ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$ROOT_DIR/node_modules/.bin:$PATH"
if ! node "$ROOT_DIR/scripts/lib/check-node.js"; then
  exit 1
fi
