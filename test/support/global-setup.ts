/**
 * Starts one real Temporal dev server (the CLI from PyPI, in memory, headless) for the integration
 * and e2e projects, and checks that PostgreSQL answers. Addresses reach the tests via env vars.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEARCH_ATTRIBUTE_FLAGS } from './search-attributes';
import { temporalCli } from './tools';

/** Where the dev server's pid is kept for the teardown (globals do not reliably cross to it). */
export const PID_FILE = path.join(tmpdir(), `dfo-jest-temporal-${process.pid}.pid`);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function waitForTemporal(address: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`temporal dev server exited with ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export default async function globalSetup(): Promise<void> {
  const adminUrl =
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  const pg = new PgClient({ connectionString: adminUrl });
  await pg.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl} (${err.message}); .ci/run starts it`,
    );
  });
  await pg.end();

  if (process.env.TEST_TEMPORAL_ADDRESS) return; // an existing server was provided
  const port = await freePort();
  const child = await startTemporalDevServer(port);
  writeFileSync(PID_FILE, String(child.pid));
  process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
}

/** A headless, in-memory Temporal dev server on 127.0.0.1:<port>, resolved once it answers. */
export async function startTemporalDevServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    temporalCli(),
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--log-level',
      'error',
      ...SEARCH_ATTRIBUTE_FLAGS,
    ],
    { stdio: ['ignore', 'ignore', openSync(path.join(tmpdir(), 'dfo-jest-temporal.log'), 'a')] },
  );
  await waitForTemporal(`127.0.0.1:${port}`, child);
  return child;
}
