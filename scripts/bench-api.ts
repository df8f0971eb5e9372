/**
 * `npm run bench:api`: seeds 10,000 runs in a throwaway database, boots the real API (createApp, as
 * main.ts does) and a bare NestJS/Fastify route in the same process, and measures with autocannon:
 * run detail and run list at 10 and 50 connections against the bare route as baseline — with the
 * read cache as configured by default, and again through a second app with READ_CACHE_ENABLED=false
 * (`detail-db`, `list-db`: every request reads PostgreSQL).
 * Prints figures only; nothing is asserted. See docs/performance.md.
 * Environment: BENCH_RUNS (10000), BENCH_DURATION_SECONDS (10), TEST_DATABASE_ADMIN_URL, and for
 * profiling one scenario: BENCH_SCENARIOS (`bare,stored-detail,stack,detail,list,detail-db,list-db`),
 * BENCH_CONNECTIONS (`10,50`).
 */
import { randomBytes } from 'node:crypto';
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { fork } from 'node:child_process';
import { Client } from 'pg';
import { createApp } from '../apps/api/src/bootstrap';
import { ReadCacheService } from '../apps/api/src/onboardings/read/read-cache.service';
import { loadConfig } from '../config/env';
import { loadPlans } from '../domain/plans/load-plans';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrate';
import { seedPlans } from '../prisma/seed-plans';
import { seedRuns } from './bench/seed-runs';
import { dropDatabase, ensureDatabase } from './database';
import { ensureLocalKeys, signToken } from './local-auth';

/** A run detail as the API serves it, set before the `stored-detail` scenario. */
let storedDetail: unknown = null;

@Controller('bare')
class BareController {
  @Get()
  get(): { status: string } {
    return { status: 'ok' };
  }

  /** The ceiling of any route answering the detail: its JSON from memory, no hooks, no auth. */
  @Get('detail')
  detail(): unknown {
    return storedDetail;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const SCENARIOS = new Set(
  (process.env.BENCH_SCENARIOS ?? 'bare,stored-detail,stack,detail,list,detail-db,list-db').split(
    ',',
  ),
);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);

interface Row {
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
  /** CPU milliseconds per request: this process (the servers) and PostgreSQL's backends. */
  apiCpuMs?: number;
  pgCpuMs?: number;
  /** Share of reads the read cache answered, when the scenario goes through it. */
  cacheHitPct?: number;
}

/**
 * CPU time spent during a scenario, which other jobs on the machine disturb far less than req/s
 * and latency: this process's own, and the user+system ticks of the database's backends
 * (/proc/<pid>/stat; Linux, same machine only; undefined elsewhere).
 */
interface CpuSnapshot {
  api: NodeJS.CpuUsage;
  pg: Map<number, number> | undefined;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

async function cpuSnapshot(pg: Client): Promise<CpuSnapshot> {
  const pids = (
    await pg.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
  ).rows.map((r) => r.pid);
  let ticks: Map<number, number> | undefined = new Map();
  try {
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime
    }
  } catch {
    ticks = undefined;
  }
  return { api: process.cpuUsage(), pg: ticks };
}

function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): Pick<Row, 'apiCpuMs' | 'pgCpuMs'> {
  const api = process.cpuUsage(before.api);
  let pgTicks: number | undefined;
  if (before.pg && after.pg) {
    pgTicks = 0;
    for (const [pid, t] of after.pg) pgTicks += t - (before.pg.get(pid) ?? 0);
  }
  const per = (ms: number) => Math.round((ms / Math.max(1, requests)) * 1000) / 1000;
  return {
    apiCpuMs: per((api.user + api.system) / 1000),
    pgCpuMs: pgTicks === undefined ? undefined : per(pgTicks * TICK_MS),
  };
}

/** One autocannon run in a child process (its own event loop, the other core). */
async function measure(
  pg: Client,
  scenario: string,
  url: string,
  connections: number,
  headers: Record<string, string>,
  paths?: string[],
): Promise<Row> {
  const before = await cpuSnapshot(pg);
  const row = await load(scenario, url, connections, headers, paths);
  return { ...row, ...cpuPerRequest(before, await cpuSnapshot(pg), row.total) };
}

function load(
  scenario: string,
  url: string,
  connections: number,
  headers: Record<string, string>,
  paths?: string[],
  duration = DURATION,
): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench', 'load-worker.js'));
    let row: Row | undefined;
    child.once('message', (r: Omit<Row, 'scenario' | 'connections'>) => {
      row = { scenario, connections, ...r };
    });
    // Resolve on exit, not on the message: the next scenario (or close()) must not meet this
    // child's last in-flight requests.
    child.once('exit', (code) =>
      row ? resolve(row) : reject(new Error(`load worker exited with ${code}`)),
    );
    child.once('error', reject);
    child.send({ url, connections, duration, headers, paths });
  });
}

async function main(): Promise<void> {
  const admin = new URL(
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  admin.pathname = '/dfo_bench';
  const databaseUrl = admin.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const jwksPath = path.join(mkdtempSync(path.join(tmpdir(), 'dfo-bench-')), 'jwks.json');
  const config = loadConfig({
    NODE_ENV: 'production',
    ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl,
    AUTH_JWKS_PATH: jwksPath,
    API_PORT: '0',
  });

  const prisma = createPrismaClient(config.database);
  await seedPlans(
    prisma,
    loadPlans().map((p) => p.plan),
  );
  const plan = await prisma.plan.findFirstOrThrow({
    where: { key: config.journey.defaultPlanKey },
  });
  await prisma.$disconnect();
  const seeded = Date.now();
  await seedRuns(databaseUrl, RUNS, plan.id);
  console.log(
    `seeded ${RUNS} runs (+29 steps, 3 tasks, 5 audit events each) in ${Date.now() - seeded} ms`,
  );

  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const ids = (
    await pg.query<{ id: string }>('SELECT id FROM onboarding_run ORDER BY random() LIMIT 1000')
  ).rows.map((r) => r.id);

  const { privateJwk } = await ensureLocalKeys(jwksPath);
  const token = await signToken(privateJwk, {
    sub: 'bench-hr',
    roles: ['HR'],
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  const headers = { authorization: `Bearer ${token}` };

  const bare = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await bare.listen(0, '127.0.0.1');
  const api = await createApp(config);
  await api.listen(0, '127.0.0.1');
  const uncachedApi = await createApp({
    ...config,
    api: { ...config.api, readCache: { ...config.api.readCache, enabled: false } },
  });
  await uncachedApi.listen(0, '127.0.0.1');
  const bareUrl = `${await bare.getUrl()}/bare`;
  const apiUrl = await api.getUrl();
  const uncachedUrl = await uncachedApi.getUrl();
  const cache = api.get(ReadCacheService).cache;
  while (!cache.isLive) await new Promise((resolve) => setTimeout(resolve, 50));
  /** `measure` through the read cache, with the share of reads it answered. */
  const measureCached = async (
    scenario: string,
    connections: number,
    paths: string[],
  ): Promise<Row> => {
    const before = cache.stats();
    const row = await measure(pg, scenario, apiUrl, connections, headers, paths);
    const after = cache.stats();
    const hits = after.hits - before.hits;
    const reads = hits + after.misses - before.misses;
    return { ...row, cacheHitPct: reads === 0 ? undefined : Math.round((100 * hits) / reads) };
  };

  const detailPaths = ids.map((id) => `/v1/onboardings/${id}`);
  const listPaths = [
    '/v1/onboardings?limit=20',
    '/v1/onboardings?limit=20&status=RUNNING',
    '/v1/onboardings?limit=20&techLead=tl-7',
  ];
  // Unmeasured warm-up: JIT, fresh pool connections (each prepares its statements once), caches.
  for (const [url, paths] of [
    [bareUrl, undefined],
    [apiUrl, detailPaths],
    [apiUrl, listPaths],
    [uncachedUrl, detailPaths],
    [uncachedUrl, listPaths],
  ] as const) {
    await load('warm-up', url, 10, headers, paths && [...paths], WARM_UP_SECONDS);
  }

  const sample = await fetch(`${apiUrl}${detailPaths[0]}`, { headers });
  storedDetail = await sample.json();
  const storedBytes = Buffer.byteLength(JSON.stringify(storedDetail));

  const rows: Row[] = [];
  for (const connections of CONNECTIONS) {
    if (SCENARIOS.has('bare')) {
      rows.push(await measure(pg, 'bare NestJS route (baseline)', bareUrl, connections, {}));
    }
    if (SCENARIOS.has('stored-detail')) {
      rows.push(
        await measure(
          pg,
          `stored ${Math.round(storedBytes / 1024)} KB run detail, bare route (ceiling)`,
          `${bareUrl}/detail`,
          connections,
          {},
        ),
      );
    }
    if (SCENARIOS.has('stack')) {
      // The real API's hooks (helmet, rate-limit, request log, metrics) on a route without data.
      rows.push(
        await measure(
          pg,
          'GET /health/live (API stack, no data)',
          `${apiUrl}/health/live`,
          connections,
          {},
        ),
      );
    }
    if (SCENARIOS.has('detail')) {
      rows.push(await measureCached('GET /v1/onboardings/:id', connections, detailPaths));
    }
    if (SCENARIOS.has('list')) {
      rows.push(await measureCached('GET /v1/onboardings?limit=20', connections, listPaths));
    }
    if (SCENARIOS.has('detail-db')) {
      rows.push(
        await measure(
          pg,
          'GET /v1/onboardings/:id, read cache off',
          uncachedUrl,
          connections,
          headers,
          detailPaths,
        ),
      );
    }
    if (SCENARIOS.has('list-db')) {
      rows.push(
        await measure(
          pg,
          'GET /v1/onboardings?limit=20, read cache off',
          uncachedUrl,
          connections,
          headers,
          listPaths,
        ),
      );
    }
  }
  const held = cache.stats();
  const heapMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  await api.close();
  await uncachedApi.close();
  await bare.close();
  await pg.end();
  await dropDatabase(databaseUrl);

  console.log(
    `\nread cache at the end: ${held.runs} runs, ${held.pages} pages, ` +
      `${(held.bytes / 2 ** 20).toFixed(1)} MiB of JSON; heap of the bench process ${heapMb} MiB`,
  );
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${DURATION}s per scenario`,
  );
  console.log(
    '| scenario | connections | req/s | p50 ms | p99 ms | non-2xx | req/s ÷ baseline | API CPU ms/req | PG CPU ms/req | cache hits |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const base = rows.find((b) => b.connections === r.connections && b.scenario.startsWith('bare'));
    const ratio = base ? (r.rps / base.rps).toFixed(2) : '—';
    console.log(
      `| ${r.scenario} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${ratio} | ${r.apiCpuMs ?? '—'} | ${r.pgCpuMs ?? '—'} | ${r.cacheHitPct === undefined ? '—' : `${r.cacheHitPct} %`} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
