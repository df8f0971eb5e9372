/**
 * Parts the engine benchmarks start and stop, from the stack launcher (scripts/stack): a throwaway
 * PostgreSQL database and a Temporal dev server with its SQLite file; and readings from /proc.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../dev/ports';
import { REPO_ROOT, temporalCliPath, temporalTestServerPath } from '../dev/temporal';
import { scratchDatabase, startTemporalServer, type TemporalServer } from '../stack';

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
  const db = await scratchDatabase('dfo_bench', adminUrl);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  return {
    url: db.url,
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
      await db.drop();
    },
  };
}

export interface DevServer extends TemporalServer {
  dbFile: string;
  /** The SQLite file with its journal (rollback or write-ahead) and shared-memory files. */
  dbBytes(): number;
}

/**
 * `temporal server start-dev`, headless, persisting to a SQLite file in `dir` (as `npm run up`
 * does), or in memory (as the tests do) when BENCH_TEMPORAL_DB=memory.
 */
export async function startDevServer(dir: string): Promise<DevServer> {
  const dbFile = path.join(dir, 'temporal.db');
  const inMemory = process.env.BENCH_TEMPORAL_DB === 'memory';
  const server = await startTemporalServer({
    logFile: path.join(dir, 'temporal.log'),
    dbFile: inMemory ? undefined : dbFile,
    attempts: 3,
  });
  return Object.assign(server, {
    dbFile,
    dbBytes: () =>
      ['', '-journal', '-wal', '-shm']
        .map((s) => dbFile + s)
        .filter((f) => existsSync(f))
        .reduce((sum, f) => sum + statSync(f).size, 0),
  });
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
