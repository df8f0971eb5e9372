/**
 * A long-running child process of `npm run up`: its own process group (so the terminal's Ctrl-C
 * reaches only the orchestrator, which then stops the children in order), output prefixed with
 * its name on the console and appended to .data/logs/<name>.log, pid kept in .data/run/<name>.pid
 * so that a later run can clean up after an orchestrator that was killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { LineSplitter, prefix } from './lines';

export const NAME_WIDTH = 8;
const useColor = Boolean(process.stdout.isTTY);

/** Prints one orchestrator line (`[dev] ...`). */
export function say(message: string, name = 'dev'): void {
  for (const line of message.split('\n')) {
    process.stdout.write(`${prefix(name, NAME_WIDTH, useColor)}${line}\n`);
  }
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `killed by ${signal}` : `exit code ${code ?? '?'}`;
}

export interface ChildOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Folder of .data/logs and .data/run. */
  dataDir: string;
  /** Once stop() was called, output goes to the log file only (shutdown chatter). */
  quietWhileStopping?: boolean;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ManagedChild {
  readonly exited: Promise<ExitInfo>;
  private readonly proc: ChildProcess;
  private readonly lineListeners = new Set<(line: string) => void>();
  private exitInfo?: ExitInfo;
  private readonly pidFile: string;
  /** Set once stop() was called: the exit that follows is expected. */
  stopping = false;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: ChildOptions,
  ) {
    const logDir = path.join(options.dataDir, 'logs');
    const runDir = path.join(options.dataDir, 'run');
    mkdirSync(logDir, { recursive: true });
    mkdirSync(runDir, { recursive: true });
    const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    log.write(`--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);

    this.proc = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: Ctrl-C in the terminal does not reach it directly
    });
    this.pidFile = path.join(runDir, `${name}.pid`);
    if (this.proc.pid) writeFileSync(this.pidFile, `${this.proc.pid}\n`);

    const label = prefix(name, NAME_WIDTH, useColor);
    for (const stream of [this.proc.stdout, this.proc.stderr]) {
      if (!stream) continue;
      const splitter = new LineSplitter();
      const emit = (lines: string[]) => {
        for (const line of lines) {
          if (!(options.quietWhileStopping && this.stopping)) {
            process.stdout.write(`${label}${line}\n`);
          }
          log.write(`${line.replace(ANSI, '')}\n`);
          for (const listener of this.lineListeners) listener(line);
        }
      };
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => emit(splitter.push(chunk)));
      stream.on('end', () => emit(splitter.flush()));
    }

    this.exited = new Promise<ExitInfo>((resolve) => {
      const done = (info: ExitInfo) => {
        if (this.exitInfo) return;
        this.exitInfo = info;
        rmSync(this.pidFile, { force: true });
        log.end();
        resolve(info);
      };
      this.proc.once('error', (err) => {
        say(`${name}: cannot start ${command}: ${err.message}`);
        done({ code: 127, signal: null });
      });
      this.proc.once('exit', (code, signal) => done({ code, signal }));
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  get exitStatus(): ExitInfo | undefined {
    return this.exitInfo;
  }

  /** Calls `listener` for each output line (stdout and stderr) from now on. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** Resolves when a line matches, rejects after `timeoutMs` or when the process exits. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.name}: no "${pattern.source}" within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const off = this.onLine((line) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        off();
        resolve(line);
      });
      void this.exited.then((info) => {
        clearTimeout(timer);
        off();
        reject(new Error(`${this.name} exited (${describeExit(info)})`));
      });
    });
  }

  /** Sends `signal`, waits up to `timeoutMs` for the exit, then kills the whole process group. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ExitInfo> {
    this.stopping = true;
    if (this.exitInfo) return this.exitInfo;
    this.signal(signal);
    const timedOut = Symbol('timeout');
    const first = await Promise.race([this.exited, sleep(timeoutMs).then(() => timedOut)]);
    if (first !== timedOut) return first as ExitInfo;
    say(`${this.name} did not stop within ${timeoutMs / 1000} s: killing it`);
    this.kill();
    return this.exited;
  }

  /** SIGKILL to the child's whole process group. */
  kill(): void {
    this.stopping = true;
    if (!this.proc.pid || this.exitInfo) return;
    try {
      process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      this.signal('SIGKILL');
    }
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      this.proc.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops a process left running by an earlier `npm run up` that was killed before it could clean
 * up: the pid file names it, `/proc/<pid>/cmdline` must still contain `marker` (and the process
 * must run in `cwd`, when given).
 */
export async function stopLeftover(
  dataDir: string,
  name: string,
  marker: string,
  cwd?: string,
): Promise<void> {
  const pidFile = path.join(dataDir, 'run', `${name}.pid`);
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return; // no procfs (macOS): do not guess
  }
  if (!cmdline.includes(marker)) return;
  if (cwd) {
    try {
      if (realpathSync(`/proc/${pid}/cwd`) !== realpathSync(cwd)) return; // another clone's
    } catch {
      return;
    }
  }
  say(`stopping ${name} (pid ${pid}) left running by a previous run`);
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
