/**
 * Temporal servers from the pinned binaries in .tools/venv (scripts/tools.sh), for every launcher:
 * the embedded server of `npm run up` (`temporal server start-dev`, state persisted in
 * .data/temporal/temporal.db, Web UI on its own port), the in-memory headless one of the tests,
 * drills and benchmarks, and the time-skipping test server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/journey/search-attributes';
import { ManagedChild } from './child';
import { LOOPBACK } from './settings';

/** The repository root (the folder holding package.json), from src or dist alike. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
})();

function tool(root: string, name: 'temporal' | 'temporal-test-server'): string {
  const p = path.join(root, '.tools', 'venv', 'bin', name);
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`bash scripts/tools.sh\``);
  return p;
}

export const temporalCliPath = (root = REPO_ROOT) => tool(root, 'temporal');
export const temporalTestServerPath = (root = REPO_ROOT) => tool(root, 'temporal-test-server');

/** Dev-server flags that register the workflow's custom search attributes. */
export const SEARCH_ATTRIBUTE_FLAGS = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
  '--search-attribute',
  `${name}=${type}`,
]);

/** A headless dev server on 127.0.0.1:<port> (tests, drills, benchmarks): in memory unless `dbFile`. */
export function headlessDevArgs(port: number, dbFile?: string): string[] {
  return [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    LOOPBACK,
    '--port',
    String(port),
    ...(dbFile ? ['--db-filename', dbFile] : []),
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_FLAGS,
  ];
}

/** Starts a headless dev server (stderr appended to `logFile`), resolved once it answers. */
export async function startHeadlessTemporal(o: {
  port: number;
  logFile: string;
  dbFile?: string;
}): Promise<ChildProcess> {
  const child = spawn(temporalCliPath(), headlessDevArgs(o.port, o.dbFile), {
    stdio: ['ignore', 'ignore', openSync(o.logFile, 'a')],
  });
  try {
    await waitForTemporal(`${LOOPBACK}:${o.port}`, () => child.exitCode === null);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return child;
}

export interface TemporalOptions {
  root: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  env: NodeJS.ProcessEnv;
}

/** Arguments of `temporal server start-dev` (pure, unit-tested). */
export function startDevArgs(o: {
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
}): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    LOOPBACK,
    '--port',
    String(o.port),
    '--ui-port',
    String(o.uiPort),
    '--db-filename',
    o.dbFile,
    '--log-level',
    'warn',
    ...(o.namespace === 'default' ? [] : ['--namespace', o.namespace]),
    // The same custom search attributes as the test servers (re-registering them is harmless).
    ...SEARCH_ATTRIBUTE_FLAGS,
  ];
}

export function startTemporal(o: TemporalOptions): ManagedChild {
  const dir = path.join(o.dataDir, 'temporal');
  mkdirSync(dir, { recursive: true });
  const args = startDevArgs({
    dbFile: path.join(dir, 'temporal.db'),
    port: o.port,
    uiPort: o.uiPort,
    namespace: o.namespace,
  });
  return new ManagedChild('temporal', temporalCliPath(o.root), args, {
    cwd: o.root,
    env: o.env,
    dataDir: o.dataDir,
    quietWhileStopping: true, // its pollers log a warning each when the server shuts down
  });
}

/** Resolves once the frontend answers GetSystemInfo; fails early once `alive()` says false. */
export async function waitForTemporal(
  address: string,
  alive: () => boolean = () => true,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!alive()) {
      throw new Error(`the Temporal server for ${address} exited during startup (see its log)`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`Temporal at ${address} does not answer: ${(err as Error).message}`, {
          cause: err,
        });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
