/**
 * A headless Temporal dev server on a free loopback port (tests, drills, benchmarks), in memory
 * or persisted to a SQLite file; a persisted one can be restarted on the same port with its
 * histories (the drills). `npm run up` starts its own, with the Web UI, from the same arguments
 * (scripts/dev/temporal.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../dev/ports';
import { startHeadlessTemporal } from '../dev/temporal';

export interface TemporalServer {
  address: string;
  port: number;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the server has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Stops and starts again on the same port (and file): a persisted server keeps its histories. */
  restart(): Promise<void>;
}

export interface TemporalServerOptions {
  /** Where the server's stderr goes (appended). */
  logFile: string;
  /** Persist to this SQLite file; in memory when absent. */
  dbFile?: string;
  /** A free port can be taken again before the server binds it: how many ports to try. */
  attempts?: number;
}

export async function startTemporalServer(o: TemporalServerOptions): Promise<TemporalServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      let child = await startHeadlessTemporal({ port, logFile: o.logFile, dbFile: o.dbFile });
      const server: TemporalServer = {
        address: `127.0.0.1:${port}`,
        port,
        get pid() {
          return child.pid!;
        },
        stop: (graceMs) => stopProcess(child, graceMs),
        async restart() {
          await stopProcess(child);
          child = await startHeadlessTemporal({ port, logFile: o.logFile, dbFile: o.dbFile });
        },
      };
      return server;
    } catch (err) {
      if (attempt >= (o.attempts ?? 1)) throw err;
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
