/**
 * The API and the worker as their own processes, from the compiled tree (dist/), as production
 * runs them: the drills (which kill -9 the worker and restart it) and the engine benchmarks (which
 * read their CPU and memory). Output goes to `<logDir>/<name>.log`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A long-running child whose output goes to a log file; restartable, stoppable by signal. */
export class StackProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  constructor(
    readonly name: string,
    readonly logFile: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    /** Own process group (signals reach it and its children only): for kill -9 drills. */
    private readonly detached = false,
  ) {}

  start(): void {
    const fd = openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args, {
      env: this.env,
      stdio: ['ignore', fd, fd],
      detached: this.detached,
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
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
  }

  /** Sends `signal` (to the group when detached) and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
    if (!this.child || !this.running) return;
    const target = this.detached ? -this.pid : this.pid;
    try {
      process.kill(target, signal);
    } catch {
      return;
    }
    const done = await Promise.race([
      this.exited!.then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    if (!done) {
      process.kill(target, 'SIGKILL');
      await this.exited;
    }
  }
}

export interface AppsOptions {
  /** The compiled tree (dist/) holding apps/api and apps/worker. */
  distDir: string;
  logDir: string;
  /** The whole environment of both processes (API_PORT among it). */
  env: NodeJS.ProcessEnv;
  /** Added to the worker's environment only (a metrics address, a tuning override). */
  workerEnv?: NodeJS.ProcessEnv;
  /** Own process groups (the drills kill -9 the worker). */
  detached?: boolean;
  timeoutMs?: number;
}

export interface RunningApps {
  api: StackProcess;
  /** The current worker (a new process after startWorker). */
  readonly worker: StackProcess;
  apiUrl: string;
  /** Starts a worker and resolves once it has printed "worker started". */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the API and the worker; resolves once the worker has started and the API is ready. */
export async function startApps(o: AppsOptions): Promise<RunningApps> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const node = (name: string, entry: string, env = o.env) =>
    new StackProcess(
      name,
      path.join(o.logDir, `${name}.log`),
      process.execPath,
      [path.join(o.distDir, entry)],
      env,
      o.detached,
    );
  const api = node('api', 'apps/api/src/main.js');
  const newWorker = () => node('worker', 'apps/worker/src/main.js', { ...o.env, ...o.workerEnv });
  let worker = newWorker();
  const apiUrl = `http://127.0.0.1:${o.env.API_PORT}`;

  const startWorker = async () => {
    const started = () => (worker.logText().match(/worker started/g) ?? []).length;
    const before = started();
    worker = newWorker();
    worker.start();
    await until(`worker started (see ${worker.logFile})`, timeoutMs, () => {
      if (!worker.running) throw new Error(`worker exited at start (see ${worker.logFile})`);
      return started() > before;
    });
  };

  api.start();
  try {
    await startWorker();
    await until(`API ready (see ${api.logFile})`, timeoutMs, async () => {
      if (!api.running) throw new Error(`API exited at start (see ${api.logFile})`);
      const res = await fetch(`${apiUrl}/health/ready`).catch(() => undefined);
      return res?.status === 200;
    });
  } catch (err) {
    await Promise.all([api.stop(), worker.stop()]);
    throw err;
  }
  return {
    api,
    get worker() {
      return worker;
    },
    apiUrl,
    startWorker,
    async stop() {
      await api.stop();
      await worker.stop('SIGTERM', 30_000);
    },
  };
}

/** Polls `ready` every 200 ms until it holds; fails after `timeoutMs` or when it throws. */
async function until(
  what: string,
  timeoutMs: number,
  ready: () => boolean | Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(200);
  }
}
