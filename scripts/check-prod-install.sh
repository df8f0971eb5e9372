#!/usr/bin/env bash
# Proves that a production install (`npm ci --omit=dev`: no smtp-server, mailparser, PGlite,
# @temporalio/proto, test or build tools) runs the compiled API and worker: copies what a
# deployment ships (package*.json, dist, config, prisma) to a scratch folder, installs without
# dev dependencies, and starts both processes in production mode against a private Temporal dev
# server and a fresh PostgreSQL database; passes when the worker logs "worker started" and
# GET /health/ready answers 200, and that traces leave both (OpenTelemetry, to a stub OTLP/HTTP
# receiver: the API's request spans, the worker booted with its interceptors). Needs the npm registry (or its cache), .tools (scripts/tools.sh)
# and PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL to change). About 1-2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh
ROOT=$PWD
WORK=$(mktemp -d /tmp/dfo-prod-XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "${ADMIN_URL}" -qc "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
ADMIN_URL=${TEST_DATABASE_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
DB=dfo_prod_check_$$
trap cleanup EXIT

echo "[prod-check] build (with dev dependencies) and copy what ships to $WORK"
npx tsc -p tsconfig.build.json
cp -r package.json package-lock.json dist config prisma "$WORK/"
rm -rf "$WORK/prisma/generated" # compiled into dist
cd "$WORK"
echo "[prod-check] npm ci --omit=dev"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev in smtp-server mailparser @electric-sql/pglite jest; do
  if [ -d "node_modules/$dev" ]; then echo "[prod-check] $dev is installed" >&2; exit 1; fi
done

port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
TPORT=$(port)
API_PORT=$(port)
"$ROOT/.tools/venv/bin/temporal" server start-dev --headless --ip 127.0.0.1 --port "$TPORT" \
  --ui-port "$(port)" --log-level error >"$WORK/temporal.log" 2>&1 &
PIDS+=($!)
psql "$ADMIN_URL" -qc "CREATE DATABASE ${DB}" >/dev/null
DB_URL="${ADMIN_URL%/*}/${DB}"
node -e "require('./dist/scripts/local-auth.js').ensureLocalKeys('$WORK/auth/jwks.json')"
# A stub OTLP/HTTP receiver: appends every body it gets to otlp.jsonl.
OTLP_PORT=$(port)
node -e "require('http').createServer((q,r)=>{let b='';q.on('data',c=>b+=c).on('end',()=>{require('fs').appendFileSync('$WORK/otlp.jsonl',b+'\\n');r.end('{}')})}).listen($OTLP_PORT,'127.0.0.1')" &
PIDS+=($!)

export NODE_ENV=production DATABASE_URL="$DB_URL" TEMPORAL_ADDRESS="127.0.0.1:$TPORT" \
  TEMPORAL_TASK_QUEUE=prod-check ACTION_LINK_SECRET=$(node -p "require('crypto').randomBytes(32).toString('base64url')") \
  METRICS_TOKEN=$(node -p "require('crypto').randomBytes(24).toString('base64url')") \
  AUTH_JWKS_PATH="$WORK/auth/jwks.json" API_PORT="$API_PORT" SMTP_PORT=$(port) \
  WORKER_METRICS_ADDRESS="127.0.0.1:$(port)" LOG_LEVEL=info \
  OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_PORT"
node dist/scripts/migrate.js
for i in $(seq 1 50); do
  node -e "require('net').connect($TPORT,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" && break
  sleep 0.2
done
node dist/apps/worker/src/main.js >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
node dist/apps/api/src/main.js >"$WORK/api.log" 2>&1 &
PIDS+=($!)
ok=""
for i in $(seq 1 150); do
  if grep -q '"worker started"' "$WORK/worker.log" &&
    [ "$(node -e "fetch('http://127.0.0.1:$API_PORT/health/ready').then(r=>console.log(r.status),()=>console.log(0))")" = 200 ]; then
    ok=1
    break
  fi
  sleep 0.2
done
grep -h '"security settings"' "$WORK/api.log" "$WORK/worker.log" || true
if [ -z "$ok" ]; then
  echo "[prod-check] FAILED: see below" >&2
  tail -20 "$WORK/worker.log" "$WORK/api.log" >&2
  exit 1
fi
# The worker applied its memory bounds to itself (config/worker-memory.ts): V8 heaps, malloc arenas.
if ! grep '"worker started"' "$WORK/worker.log" | grep -q '"heapLimitMiB":120,"mallocArenaMax":"2"'; then
  echo "[prod-check] FAILED: the worker did not start with its memory bounds (heap 96+3×8 MiB, 2 arenas)" >&2
  grep '"worker started"' "$WORK/worker.log" >&2
  exit 1
fi
echo "[prod-check] worker memory bounds: $(grep -o '"heapLimitMiB":[0-9]*,"mallocArenaMax":"[^"]*"' "$WORK/worker.log" | head -1)"
# The worker's SDK metrics (Prometheus) answer too.
metrics=$(node -e "fetch('http://$WORKER_METRICS_ADDRESS/metrics').then(r=>r.text()).then(t=>console.log(t),()=>console.log(''))")
if ! grep -q '^temporal_' <<<"$metrics"; then
  echo "[prod-check] FAILED: no temporal_* metrics at $WORKER_METRICS_ADDRESS" >&2
  exit 1
fi
echo "[prod-check] worker metrics: $(grep -c '^temporal_' <<<"$metrics") temporal_* samples, e.g. $(grep -m1 -o '^temporal_[a-z_]*' <<<"$metrics")"
# Spans are batched (5 s): wait for the readiness requests' server spans.
for i in $(seq 1 100); do
  grep -q '"GET /health/ready"' "$WORK/otlp.jsonl" 2>/dev/null && break
  sleep 0.2
done
if ! grep -q '"GET /health/ready"' "$WORK/otlp.jsonl" 2>/dev/null; then
  echo "[prod-check] FAILED: no span reached the OTLP receiver" >&2
  exit 1
fi
echo "[prod-check] traces: $(grep -c '"GET /health/ready"' "$WORK/otlp.jsonl") export(s) with the API's request spans"
echo "[prod-check] OK: npm ci --omit=dev runs the worker and the API (/health/ready 200, traced)"
