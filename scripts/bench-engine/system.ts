/**
 * The system under test as production runs it: the API (dist/apps/api/src/main.js) and the worker
 * (dist/apps/worker/src/main.js) as their own processes, on a throwaway database and a fresh
 * Temporal dev server, mailing to an in-process SMTP server. The bench process only drives load.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { stackTokenSigner, startApps } from '../stack';
import {
  cpuTicks,
  createBenchDatabase,
  freePort,
  ROOT,
  startDevServer,
  type BenchDatabase,
  type DevServer,
} from './infra';

/** A process of the system, for its CPU and memory readings. */
interface Measured {
  readonly pid: number | undefined;
}

export interface SystemUnderTest {
  apiUrl: string;
  api: Measured;
  worker: Measured;
  temporal: DevServer;
  db: BenchDatabase;
  /** CPU seconds used so far by each process of the system (PostgreSQL not included). */
  cpuSeconds(): CpuSeconds;
  /** A bearer token for `role`. */
  token(role: string, sub: string): Promise<string>;
  stop(): Promise<void>;
}

export interface CpuSeconds {
  api: number;
  worker: number;
  temporal: number;
  bench: number;
}

/** `after - before`, one line: where the CPU went during a measured phase. */
export function cpuLine(before: CpuSeconds, after: CpuSeconds): string {
  const d = (k: keyof CpuSeconds) => `${k} ${(after[k] - before[k]).toFixed(0)}`;
  return `CPU seconds used meanwhile: ${(['api', 'worker', 'temporal', 'bench'] as const).map(d).join(', ')} (PostgreSQL not counted)`;
}

export interface SystemOptions {
  dir: string;
  adminUrl: string;
  smtpPort: number;
  /** Called between database creation and the start of the API and worker (plan seeding). */
  beforeStart?: (databaseUrl: string) => Promise<void>;
  /** Added to the worker's environment only (e.g. WORKER_METRICS_ADDRESS, a tuning override). */
  workerEnv?: Record<string, string>;
}

export async function startSystem(o: SystemOptions): Promise<SystemUnderTest> {
  const db = await createBenchDatabase(o.adminUrl);
  try {
    return await startOn(db, o);
  } catch (err) {
    await db.drop();
    throw err;
  }
}

async function startOn(db: BenchDatabase, o: SystemOptions): Promise<SystemUnderTest> {
  await o.beforeStart?.(db.url);
  const temporal = await startDevServer(o.dir);
  const apiPort = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    // Production mode, as deployed: its secrets are generated for this bench run.
    ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'onboarding-bench',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(o.smtpPort),
    AUTH_JWKS_PATH: path.join(o.dir, 'jwks.json'),
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    // One HR caller starts every run: the per-caller mutation limit would answer 429.
    API_RATE_LIMIT_MAX: '1000000',
  };
  const config = loadConfig(env);
  const sign = await stackTokenSigner(config.auth.jwksPath, config.auth);
  const apps = await startApps({
    distDir: path.join(ROOT, 'dist'),
    logDir: o.dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    workerEnv: o.workerEnv,
  }).catch(async (err: unknown) => {
    await temporal.stop();
    throw err;
  });
  const { api, worker, apiUrl } = apps;
  return {
    apiUrl,
    api,
    worker,
    temporal,
    db,
    cpuSeconds: () => {
      const usage = process.cpuUsage();
      return {
        api: cpuTicks(api.pid) / 100,
        worker: cpuTicks(worker.pid) / 100,
        temporal: cpuTicks(temporal.pid) / 100,
        bench: (usage.user + usage.system) / 1e6,
      };
    },
    token: (role, sub) => sign(sub, [role]),
    async stop() {
      await apps.stop();
      await temporal.stop();
      await db.drop();
    },
  };
}
