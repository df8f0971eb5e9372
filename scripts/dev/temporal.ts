/**
 * The embedded Temporal server: `temporal server start-dev` from the pinned CLI in .tools/venv
 * (scripts/tools.sh), state persisted in .data/temporal/temporal.db, Web UI on its own port.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_FLAGS } from '../../test/support/search-attributes';
import { ManagedChild } from './child';
import { LOOPBACK } from './settings';

export function temporalCliPath(root: string): string {
  const p = path.join(root, '.tools', 'venv', 'bin', 'temporal');
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`bash scripts/tools.sh\``);
  return p;
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

/** Resolves once the frontend answers GetSystemInfo; fails early if `child` exits. */
export async function waitForTemporal(
  address: string,
  child?: ManagedChild,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !child.running) {
      throw new Error('the Temporal server exited during startup (see the [temporal] lines)');
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
