/**
 * `npm run bench:api`: seeds 10,000 runs in a throwaway database, boots the real API (createApp, as
 * main.ts does) and a bare NestJS/Fastify route in the same process, and measures with autocannon:
 * run detail and run list at 10 and 50 connections against the bare route as baseline.
 * Prints figures only; nothing is asserted. See docs/performance.md.
 * Environment: BENCH_RUNS (10000), BENCH_DURATION_SECONDS (10), TEST_DATABASE_ADMIN_URL.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { fork } from 'node:child_process';
import { Client } from 'pg';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../config/env';
import { loadPlans } from '../config/plans/load-plans';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrate';
import { seedPlans } from '../prisma/seed-plans';
import { seedRuns } from './bench/seed-runs';
import { dropDatabase, ensureDatabase } from './database';
import { ensureLocalKeys, signToken } from './local-auth';

@Controller('bare')
class BareController {
  @Get()
  get(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 10);

interface Row {
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** One autocannon run in a child process (its own event loop, the other core). */
function measure(
  scenario: string,
  url: string,
  connections: number,
  headers: Record<string, string>,
  paths?: string[],
): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench', 'load-worker.js'));
    child.once('message', (r: Omit<Row, 'scenario' | 'connections'>) =>
      resolve({ scenario, connections, ...r }),
    );
    child.once('error', reject);
    child.send({ url, connections, duration: DURATION, headers, paths });
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
    ACTION_LINK_SECRET: 'bench-only-secret-not-for-production-use-0123456789',
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
  await pg.end();

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
  const bareUrl = `${await bare.getUrl()}/bare`;
  const apiUrl = await api.getUrl();

  const rows: Row[] = [];
  for (const connections of [10, 50]) {
    rows.push(await measure('bare NestJS route (baseline)', bareUrl, connections, {}));
    rows.push(
      await measure(
        'GET /v1/onboardings/:id',
        apiUrl,
        connections,
        headers,
        ids.map((id) => `/v1/onboardings/${id}`),
      ),
    );
    rows.push(
      await measure('GET /v1/onboardings?limit=20', apiUrl, connections, headers, [
        '/v1/onboardings?limit=20',
        '/v1/onboardings?limit=20&status=RUNNING',
        '/v1/onboardings?limit=20&techLead=tl-7',
      ]),
    );
  }
  await api.close();
  await bare.close();
  await dropDatabase(databaseUrl);

  console.log(
    `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${DURATION}s per scenario`,
  );
  console.log('| scenario | connections | req/s | p50 ms | p99 ms | non-2xx | req/s ÷ baseline |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const base = rows.find(
      (b) => b.connections === r.connections && b.scenario.startsWith('bare'),
    )!;
    console.log(
      `| ${r.scenario} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${(r.rps / base.rps).toFixed(2)} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
