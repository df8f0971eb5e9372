/**
 * A project-local PostgreSQL cluster in .data/postgres, run from the machine's server binaries
 * (Debian's /usr/lib/postgresql/<major>/bin, or initdb/pg_ctl on PATH). initdb runs once; the
 * server listens on 127.0.0.1 only (trust authentication) with its Unix socket in the data folder.
 * PostgreSQL refuses to run as root: as root, everything runs as the `postgres` user (runuser).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ManagedChild, isAlive, say } from './child';
import { LOOPBACK } from './settings';

const BINARIES = ['initdb', 'pg_ctl', 'postgres'];

/** Sorts `/usr/lib/postgresql/<major>` version folder names, newest first. Pure. */
export function newestFirst(versions: string[]): string[] {
  return versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
}

/** "postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)" -> "15". Pure. */
export function majorVersion(versionOutput: string): string | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  // Before 10 the major version had two parts (9.6).
  return Number(m[1]) < 10 && m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1];
}

function hasAll(dir: string): boolean {
  return BINARIES.every((b) => existsSync(path.join(dir, b)));
}

/** The folder holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBinDir(envPath = process.env.PATH ?? ''): string | undefined {
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const v of newestFirst(readdirSync(debianRoot))) {
      const dir = path.join(debianRoot, v, 'bin');
      if (hasAll(dir)) return dir;
    }
  }
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    if (hasAll(dir)) return dir;
  }
  return undefined;
}

export interface RunAs {
  /** Prefix that runs a command as the cluster owner (empty when not root). */
  wrap(command: string, args: string[]): [string, string[]];
  uid?: number;
  gid?: number;
}

/** How to run PostgreSQL's binaries: as the `postgres` user when root (it refuses root). */
export function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { wrap: (c, a) => [c, a] };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      'running as root, and PostgreSQL refuses to run as root, but there is no `postgres` user to run it as',
    );
  }
  return {
    wrap: (c, a) => ['runuser', ['-u', 'postgres', '--', c, ...a]],
    uid: Number(uid.stdout.trim()),
    gid: Number(gid.stdout.trim()),
  };
}

/** initdb of a local cluster: superuser `postgres`, trust on loopback, UTF-8, C locale. */
export function initdbArgs(clusterDir: string): string[] {
  return ['-D', clusterDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'];
}

export interface LocalPostgresOptions {
  binDir: string;
  dataDir: string; // .data (the cluster goes to .data/postgres)
  port: number;
}

export class LocalPostgres {
  readonly clusterDir: string;
  private child?: ManagedChild;
  private readonly as: RunAs;
  private binaryMajor?: string;

  constructor(private readonly options: LocalPostgresOptions) {
    this.clusterDir = path.join(options.dataDir, 'postgres');
    this.as = runAs();
  }

  get process(): ManagedChild | undefined {
    return this.child;
  }

  /** URL of the maintenance database `postgres` (the app database is created by ensureDatabase). */
  get adminUrl(): string {
    return `postgresql://postgres@${LOOPBACK}:${this.options.port}/postgres`;
  }

  private bin(name: string): string {
    return path.join(this.options.binDir, name);
  }

  private run(name: string, args: string[]): { ok: boolean; output: string } {
    const [cmd, argv] = this.as.wrap(this.bin(name), args);
    const cwd = existsSync(this.clusterDir) ? this.clusterDir : '/';
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd });
    return {
      ok: r.status === 0,
      output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim(),
    };
  }

  /** PostgreSQL major version of the binaries, e.g. "15". */
  get major(): string | undefined {
    this.binaryMajor ??= majorVersion(this.run('postgres', ['--version']).output);
    return this.binaryMajor;
  }

  /** Creates the cluster folder, owned by the cluster owner; throws when it cannot be used. */
  preflight(): void {
    mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    if (this.as.uid !== undefined && this.as.gid !== undefined) {
      chownSync(this.clusterDir, this.as.uid, this.as.gid);
      // The cluster owner must be able to reach the folder through every parent.
      const [cmd, argv] = this.as.wrap('test', [
        '-w',
        this.clusterDir,
        '-a',
        '-x',
        this.clusterDir,
      ]);
      if (spawnSync(cmd, argv).status !== 0) {
        throw new Error(
          `the postgres user cannot reach ${this.clusterDir} (a parent folder is not searchable by others); ` +
            'move the clone, or use DEV_DATABASE=pglite or DATABASE_URL',
        );
      }
    }
    chmodSync(this.clusterDir, 0o700);
  }

  /** Runs initdb when the folder holds no cluster yet; checks the major version otherwise. */
  private initialise(): void {
    const versionFile = path.join(this.clusterDir, 'PG_VERSION');
    const binaryMajor = this.major;
    if (existsSync(versionFile)) {
      const clusterMajor = readFileSync(versionFile, 'utf8').trim();
      if (binaryMajor && clusterMajor !== binaryMajor) {
        throw new Error(
          `${this.clusterDir} was created by PostgreSQL ${clusterMajor}, but the binaries in ` +
            `${this.options.binDir} are PostgreSQL ${binaryMajor}: remove the folder (data is lost) ` +
            'or point DATABASE_URL at a server',
        );
      }
      return;
    }
    if (readdirSync(this.clusterDir).length > 0) {
      throw new Error(`${this.clusterDir} is not empty and holds no cluster: remove it`);
    }
    say(`initialising a PostgreSQL ${binaryMajor ?? ''} cluster in ${this.clusterDir} (once)`);
    const r = this.run('initdb', initdbArgs(this.clusterDir));
    if (!r.ok) throw new Error(`initdb failed:\n${r.output}`);
  }

  /** Stops a server left running on this folder by a run that could not clean up. */
  stopLeftover(): void {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return; // stale: postgres copes
    say(`stopping the PostgreSQL (pid ${pid}) left running by a previous run`);
    const r = this.run('pg_ctl', ['stop', '-D', this.clusterDir, '-m', 'fast', '-w']);
    if (!r.ok) throw new Error(`pg_ctl stop failed:\n${r.output}`);
  }

  /** initdb if needed, then runs the server; `watch` sees the child process as soon as it exists. */
  async start(env: NodeJS.ProcessEnv, watch: (child: ManagedChild) => void): Promise<void> {
    this.preflight();
    this.initialise();
    this.stopLeftover();
    const [cmd, argv] = this.as.wrap(this.bin('postgres'), [
      '-D',
      this.clusterDir,
      '-p',
      String(this.options.port),
      '-k',
      this.clusterDir,
      '-c',
      `listen_addresses=${LOOPBACK}`,
      '-c',
      'log_checkpoints=off',
    ]);
    this.child = new ManagedChild('postgres', cmd, argv, {
      cwd: this.clusterDir,
      env,
      dataDir: this.options.dataDir,
    });
    watch(this.child);
    await this.waitUntilReady();
  }

  private async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child && !this.child.running) {
        throw new Error('PostgreSQL exited during startup (see the [postgres] lines above)');
      }
      const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch (err) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) {
          throw new Error(`PostgreSQL did not accept connections: ${(err as Error).message}`, {
            cause: err,
          });
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Fast shutdown (pg_ctl stop -m fast), then waits for the server process to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !child.running) return;
    child.stopping = true;
    const r = this.run('pg_ctl', ['stop', '-D', this.clusterDir, '-m', 'fast', '-w', '-t', '30']);
    if (!r.ok) say(`pg_ctl stop: ${r.output}`);
    await child.stop('SIGINT', 10_000); // SIGINT is PostgreSQL's fast shutdown too
  }
}
