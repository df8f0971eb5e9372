/**
 * Parts the engine benchmarks start and stop: a throwaway PostgreSQL database, a Temporal dev
 * server with its SQLite file, child processes (API, worker) and readings from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../prisma/migrate';
import { freePort } from '../dev/ports';
import {
  REPO_ROOT,
  startHeadlessTemporal,
  temporalCliPath,
  temporalTestServerPath,
} from '../dev/temporal';
import { dropDatabase, ensureDatabase } from '../database';

export { freePort };

export const ROOT = REPO_ROOT;

export function tool(name: 'temporal' | 'temporal-test-server'): string {
  return name === 'temporal' ? temporalCliPath() : temporalTestServerPath();
}

export const workDir = (stage: string) => mkdtempSync(path.join(tmpdir(), `dfo-bench-${stage}-`));

export interface BenchDatabase {
  url: string;
  sizeBytes(): Promise<number>;
  query<T extends object>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the admin server (TEST_DATABASE_ADMIN_URL), dropped at the end. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const u = new URL(adminUrl);
  u.pathname = `/dfo_bench_${randomBytes(4).toString('hex')}`;
  const url = u.toString();
  await ensureDatabase(url);
  await migrate(url);
  const pg = new Client({ connectionString: url });
  await pg.connect();
  return {
    url,
    async sizeBytes() {
      const r = await pg.query<{ size: string }>(
        'SELECT pg_database_size(current_database()) AS size',
      );
      return Number(r.rows[0].size);
    },
    async query<T extends object>(sql: string) {
      return (await pg.query<T>(sql)).rows;
    },
    async drop() {
      await pg.end();
      await dropDatabase(url);
    },
  };
}

export interface DevServer {
  address: string;
  pid: number;
  dbFile: string;
  /** The SQLite file with its journal (rollback or write-ahead) and shared-memory files. */
  dbBytes(): number;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev`, headless, persisting to a SQLite file in `dir` (as `npm run up`
 * does), or in memory (as the tests do) when BENCH_TEMPORAL_DB=memory.
 */
export async function startDevServer(dir: string): Promise<DevServer> {
  // A free port can be taken again before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOnce(dir);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function startDevServerOnce(dir: string): Promise<DevServer> {
  const port = await freePort();
  const dbFile = path.join(dir, 'temporal.db');
  const inMemory = process.env.BENCH_TEMPORAL_DB === 'memory';
  const child = await startHeadlessTemporal({
    port,
    logFile: path.join(dir, 'temporal.log'),
    dbFile: inMemory ? undefined : dbFile,
  });
  const address = `127.0.0.1:${port}`;
  return {
    address,
    pid: child.pid!,
    dbFile,
    dbBytes: () =>
      ['', '-journal', '-wal', '-shm']
        .map((s) => dbFile + s)
        .filter((f) => existsSync(f))
        .reduce((sum, f) => sum + statSync(f).size, 0),
    stop: () => stopChild(child),
  };
}

/** A node process of ours (dist entry), stdout/stderr to `<dir>/<name>.log`. */
export function startNode(
  name: string,
  entry: string,
  env: Record<string, string>,
  dir: string,
): ChildProcess {
  const log = openSync(path.join(dir, `${name}.log`), 'a');
  return spawn(process.execPath, [path.join(ROOT, 'dist', entry)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', log, log],
  });
}

/** Resolves when `line` appears in the child's log file (polled: the child writes to a file). */
export async function waitForLog(
  child: ChildProcess,
  logFile: string,
  needle: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(logFile) && readFileSync(logFile, 'utf8').includes(needle))) {
    if (child.exitCode !== null) throw new Error(`${logFile}: process exited ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${logFile}: no "${needle}" within ${timeoutMs} ms`);
    await sleep(200);
  }
}

export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resident set size now and at its peak (VmHWM), in bytes. */
export function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

/** CPU time (user + system, all threads) of a process, in clock ticks. */
export function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
}

/** Waits until the process uses under `share` of one core over `windowMs` (it has settled). */
export async function waitIdle(pid: number, share = 0.05, windowMs = 2_000): Promise<void> {
  for (;;) {
    const before = cpuTicks(pid);
    await sleep(windowMs);
    const used = (cpuTicks(pid) - before) / 100 / (windowMs / 1000); // 100 ticks per second
    if (used < share) return;
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface RssSampler {
  /** Highest RSS sampled since the start, or since the last `phase()` call, in bytes. */
  peak(): number;
  /** Starts a new phase; returns the peak of the phase that ends. */
  phase(): number;
  stop(): void;
}

/** Samples the RSS of `pid` every `everyMs` (the peaks between two readings come from VmHWM). */
export function sampleRss(pid: number, everyMs = 1_000): RssSampler {
  let overall = 0;
  let current = 0;
  const read = () => {
    try {
      const now = rss(pid).now;
      overall = Math.max(overall, now);
      current = Math.max(current, now);
    } catch {
      // the process has exited: nothing more to sample
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  timer.unref();
  return {
    peak: () => overall,
    phase() {
      read();
      const ended = current;
      current = 0;
      read();
      return ended;
    },
    stop: () => clearInterval(timer),
  };
}
