/**
 * The whole system for the failure drills, every part real and private to the drill run, on free
 * loopback ports (never the defaults): a PostgreSQL cluster in a temp folder (pg_ctl, so it can be
 * stopped and started), a persistent Temporal dev server (--db-filename, so it can be restarted),
 * the MailCatcher (stoppable, restarted on the same port), a throwaway slapd behind the ldap
 * connector, and the API and the worker as child processes (so the worker can be killed -9).
 * Logs go to <dir>/logs/*.log; the folder is removed at the end unless DRILLS_KEEP=1.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { loadConfig } from '../../config/env';
import { parsePlan } from '../../config/plans/plan.schema';
import { createPrismaClient } from '../../prisma/client';
import { migrate } from '../../prisma/migrate';
import { seedPlans } from '../../prisma/seed-plans';
import { freePort } from '../dev/ports';
import { startSlapd, type Slapd } from '../dev/slapd';
import { ensureDatabase } from '../database';
import { findPostgresBinDir } from '../dev/postgres';
import { startDevArgs, temporalCliPath, waitForTemporal } from '../dev/temporal';
import { ensureLocalKeys, signToken } from '../local-auth';
import { MailCatcher, type CaughtMail } from '../mail-catcher';
import { DRILL_PLAN, LDAP_GROUPS } from './plan';
import { log, sleep, until } from './wait';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // dist/scripts/drills -> project root
/** The compiled tree this file runs from (dist/ for `npm run drills`): the API and worker too. */
const DIST = path.resolve(__dirname, '..', '..');

/** A long-running child (API, worker, Temporal) whose output goes to a log file. */
class Proc {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  constructor(
    readonly name: string,
    private readonly logFile: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    const fd = openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args, {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', fd, fd],
      detached: true, // own process group: signals reach it and its children only
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.name} is not running`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  logText(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  /** Sends `signal` to the process group and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals, graceMs = 20_000): Promise<void> {
    if (!this.child || !this.running) return;
    const pid = this.pid;
    try {
      process.kill(-pid, signal);
    } catch {
      return;
    }
    const done = await Promise.race([
      this.exited!.then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    if (!done) {
      process.kill(-pid, 'SIGKILL');
      await this.exited;
    }
  }
}

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

/** Runs a command as the postgres user when root (PostgreSQL refuses to run as root). */
function asPostgres(cmd: string, args: string[]): { ok: boolean; output: string } {
  const [c, a] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, { encoding: 'utf8', cwd: '/' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function chownToPostgres(p: string): void {
  if (process.getuid?.() !== 0) return;
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
  chownSync(p, id('-u'), id('-g'));
}

export async function startDrillSystem(): Promise<DrillSystem> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-drills-'));
  chmodSync(dir, 0o755); // the postgres user must reach its cluster folder
  const logs = path.join(dir, 'logs');
  mkdirSync(logs);
  const [pgPort, temporalPort, uiPort, smtpPort, apiPort] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );

  // PostgreSQL: a private cluster, never the machine's own.
  const bin = findPostgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) found');
  const cluster = path.join(dir, 'pg');
  mkdirSync(cluster, { mode: 0o700 });
  chownToPostgres(cluster);
  const initdb = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    cluster,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
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
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const temporal = new Proc(
    'temporal',
    path.join(logs, 'temporal.log'),
    temporalCliPath(ROOT),
    [
      ...startDevArgs({
        dbFile: path.join(dir, 'temporal.db'),
        port: temporalPort,
        uiPort,
        namespace: 'default',
      }),
      '--headless',
    ],
    process.env,
  );
  temporal.start();
  await waitForTemporal(temporalAddress);

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
  const { privateJwk } = await ensureLocalKeys(jwksPath);
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
    TEMPORAL_ADDRESS: temporalAddress,
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
  const auth = loadConfig(env).auth;
  const node = process.execPath;
  const api = new Proc(
    'api',
    path.join(logs, 'api.log'),
    node,
    [path.join(DIST, 'apps/api/src/main.js')],
    env,
  );
  const workerLog = path.join(logs, 'worker.log');
  let worker = new Proc(
    'worker',
    workerLog,
    node,
    [path.join(DIST, 'apps/worker/src/main.js')],
    env,
  );
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  let expectedDown = new Set<string>();

  const startWorker = async () => {
    const before = (
      readFileSync(workerLog, { flag: 'a+' })
        .toString()
        .match(/worker started/g) ?? []
    ).length;
    worker = new Proc('worker', workerLog, node, [path.join(DIST, 'apps/worker/src/main.js')], env);
    worker.start();
    expectedDown.delete('worker');
    await until('worker started', 60_000, () => {
      if (!worker.running) throw new Error(`worker exited at start (see ${workerLog})`);
      return (worker.logText().match(/worker started/g) ?? []).length > before;
    });
  };

  api.start();
  await startWorker();
  await until('API ready', 60_000, async () => {
    if (!api.running) throw new Error(`API exited at start (see ${path.join(logs, 'api.log')})`);
    const res = await fetch(`${apiUrl}/health/ready`).catch(() => undefined);
    return res?.status === 200;
  });

  const db = new PgClient({ connectionString: databaseUrl });
  db.on('error', () => undefined); // the drill reconnects after a PostgreSQL restart
  await db.connect();
  const system: DrillSystem = {
    dir,
    apiUrl,
    db,
    slapd,
    mail: () => catchers.flatMap((c) => c.messages),
    token: (roles, sub, email) =>
      signToken(privateJwk, {
        sub,
        roles,
        email,
        issuer: auth.issuer,
        audience: auth.audience,
      }),
    killWorker: async () => {
      expectedDown.add('worker');
      await worker.stop('SIGKILL');
    },
    startWorker,
    restartTemporal: async () => {
      const t0 = Date.now();
      await temporal.stop('SIGTERM');
      temporal.start();
      await waitForTemporal(temporalAddress);
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
      for (const p of [api, worker]) {
        if (!p.running && !expectedDown.has(p.name)) {
          throw new Error(`${p.name} died unexpectedly (see ${path.join(logs, `${p.name}.log`)})`);
        }
      }
    },
    stop: async () => {
      expectedDown = new Set(['api', 'worker']);
      await Promise.all([api.stop('SIGTERM'), worker.stop('SIGTERM')]);
      await temporal.stop('SIGTERM');
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
