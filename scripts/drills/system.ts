/**
 * The whole system for the failure drills, every part real and private to the drill run, on free
 * loopback ports (never the defaults): a PostgreSQL cluster in a temp folder (pg_ctl, so it can be
 * stopped and started), a persistent Temporal dev server (--db-filename, so it can be restarted),
 * the MailCatcher (stoppable, restarted on the same port), a throwaway slapd behind the ldap
 * connector, and the API and the worker as child processes (so the worker can be killed -9),
 * started with the stack launcher (scripts/stack) as the tests and benchmarks are.
 * Logs go to <dir>/logs/*.log; the folder is removed at the end unless DRILLS_KEEP=1.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { loadConfig } from '../../config/env';
import { parsePlan } from '../../domain/plans/plan.schema';
import { createPrismaClient } from '../../prisma/client';
import { migrate } from '../../prisma/migrate';
import { seedPlans } from '../../prisma/seed-plans';
import { freePort } from '../dev/ports';
import { startSlapd, type Slapd } from '../dev/slapd';
import { ensureDatabase } from '../database';
import { findPostgresBinDir, initdbArgs, runAs, type RunAs } from '../dev/postgres';
import { MailCatcher, type CaughtMail } from '../mail-catcher';
import { stackTokenSigner, startApps, startTemporalServer } from '../stack';
import { DRILL_PLAN, LDAP_GROUPS } from './plan';
import { log } from './wait';

/** The compiled tree this file runs from (dist/ for `npm run drills`): the API and worker too. */
const DIST = path.resolve(__dirname, '..', '..');

export interface DrillSystem {
  dir: string;
  apiUrl: string;
  db: PgClient;
  slapd: Slapd;
  /** Every message received by every MailCatcher instance of this drill run. */
  mail(): CaughtMail[];
  token(roles: string[], sub: string, email?: string): Promise<string>;
  killWorker(): Promise<void>;
  startWorker(): Promise<void>;
  restartTemporal(): Promise<{ downMs: number }>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stopSmtp(): Promise<void>;
  startSmtp(): Promise<void>;
  /** Fails when the API or the worker died without being asked to. */
  assertAlive(): void;
  stop(): Promise<void>;
}

let runAsPostgres: RunAs | undefined;
const postgresUser = (): RunAs => (runAsPostgres ??= runAs());

/** Runs a command as the postgres user when root (PostgreSQL refuses to run as root). */
function asPostgres(cmd: string, args: string[]): { ok: boolean; output: string } {
  const [c, a] = postgresUser().wrap(cmd, args);
  const r = spawnSync(c, a, { encoding: 'utf8', cwd: '/' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function chownToPostgres(p: string): void {
  const { uid, gid } = postgresUser();
  if (uid !== undefined && gid !== undefined) chownSync(p, uid, gid);
}

export async function startDrillSystem(): Promise<DrillSystem> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-drills-'));
  chmodSync(dir, 0o755); // the postgres user must reach its cluster folder
  const logs = path.join(dir, 'logs');
  mkdirSync(logs);
  const [pgPort, smtpPort, apiPort] = await Promise.all(
    Array.from({ length: 3 }, () => freePort()),
  );

  // PostgreSQL: a private cluster, never the machine's own.
  const bin = findPostgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found');
  const cluster = path.join(dir, 'pg');
  mkdirSync(cluster, { mode: 0o700 });
  chownToPostgres(cluster);
  const initdb = asPostgres(path.join(bin, 'initdb'), initdbArgs(cluster));
  if (!initdb.ok) throw new Error(`initdb failed: ${initdb.output}`);
  const pgLog = path.join(logs, 'postgres.log');
  closeSync(openSync(pgLog, 'a'));
  chownToPostgres(pgLog);
  const pgCtl = (args: string[]) => asPostgres(path.join(bin, 'pg_ctl'), ['-D', cluster, ...args]);
  const pgOptions = `-p ${pgPort} -k ${cluster} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const startPostgres = () => {
    const r = pgCtl(['-l', pgLog, '-o', pgOptions, '-w', 'start']);
    if (!r.ok) throw new Error(`pg_ctl start failed: ${r.output}`);
  };
  const stopPostgres = () => {
    const r = pgCtl(['-m', 'fast', '-w', 'stop']);
    if (!r.ok) throw new Error(`pg_ctl stop failed: ${r.output}`);
  };
  startPostgres();
  const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/df_onboarding`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const prisma = createPrismaClient({ url: databaseUrl, schema: 'public', poolSize: 2 });
  await seedPlans(prisma, [parsePlan(DRILL_PLAN)]);
  await prisma.$disconnect();

  // Temporal: persistent state, so a restart keeps the histories.
  const temporal = await startTemporalServer({
    logFile: path.join(logs, 'temporal.log'),
    dbFile: path.join(dir, 'temporal.db'),
  });

  // SMTP: the MailCatcher; a restart is a new instance on the same port.
  const catchers: MailCatcher[] = [];
  let smtp: MailCatcher | undefined;
  const startSmtp = async () => {
    const catcher = new MailCatcher({ port: smtpPort });
    await catcher.start();
    catchers.push(catcher);
    smtp = catcher;
  };
  const stopSmtp = async () => {
    await smtp?.stop();
    smtp = undefined;
  };
  await startSmtp();

  const slapd = await startSlapd(LDAP_GROUPS);
  const ldap = (groups: string[]) => ({
    connector: 'ldap',
    url: slapd.url,
    bindDn: slapd.adminDn,
    passwordEnv: 'DRILL_LDAP_PASSWORD',
    peopleDn: slapd.peopleDn,
    groupsDn: slapd.groupsDn,
    groups,
    timeoutMs: 5_000,
  });

  const jwksPath = path.join(dir, 'auth', 'jwks.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DFO_DEV_MODE: '1',
    ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    API_PORT: String(apiPort),
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    API_RATE_LIMIT_MAX: '1000000',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'onboarding-drills',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    AUTH_JWKS_PATH: jwksPath,
    DRILL_LDAP_PASSWORD: slapd.adminPassword,
    PROVISIONING_SYSTEMS: JSON.stringify({
      ldap: ldap(['developers', 'rust-team']),
      vpn: ldap(['vpn-users']),
    }),
  };
  const sign = await stackTokenSigner(jwksPath, loadConfig(env).auth);
  // Own process groups: the kill-worker drill sends SIGKILL to the worker and its children.
  const apps = await startApps({ distDir: DIST, logDir: logs, env, detached: true });
  const { api, apiUrl } = apps;
  let expectedDown = new Set<string>();

  const db = new PgClient({ connectionString: databaseUrl });
  db.on('error', () => undefined); // the drill reconnects after a PostgreSQL restart
  await db.connect();
  const system: DrillSystem = {
    dir,
    apiUrl,
    db,
    slapd,
    mail: () => catchers.flatMap((c) => c.messages),
    token: (roles, sub, email) => sign(sub, roles, email),
    killWorker: async () => {
      expectedDown.add('worker');
      await apps.worker.stop('SIGKILL');
    },
    startWorker: async () => {
      expectedDown.delete('worker');
      await apps.startWorker();
    },
    restartTemporal: async () => {
      const t0 = Date.now();
      await temporal.restart();
      return { downMs: Date.now() - t0 };
    },
    stopPostgres: async () => {
      await system.db.end().catch(() => undefined);
      stopPostgres();
    },
    startPostgres: async () => {
      startPostgres();
      system.db = new PgClient({ connectionString: databaseUrl });
      system.db.on('error', () => undefined);
      await system.db.connect();
    },
    stopSmtp,
    startSmtp,
    assertAlive: () => {
      for (const p of [api, apps.worker]) {
        if (!p.running && !expectedDown.has(p.name)) {
          throw new Error(`${p.name} died unexpectedly (see ${path.join(logs, `${p.name}.log`)})`);
        }
      }
    },
    stop: async () => {
      expectedDown = new Set(['api', 'worker']);
      await Promise.all([api.stop('SIGTERM'), apps.worker.stop('SIGTERM')]);
      await temporal.stop();
      await system.db.end().catch(() => undefined);
      try {
        stopPostgres();
      } catch (err) {
        log(`while stopping PostgreSQL: ${(err as Error).message}`);
      }
      await stopSmtp();
      await slapd.stop();
      if (process.env.DRILLS_KEEP === '1') log(`kept ${dir} (DRILLS_KEEP=1)`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
  return system;
}
