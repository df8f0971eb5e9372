/**
 * Starts one real Temporal dev server (the CLI from PyPI, in memory, headless) for the integration
 * and e2e projects, and checks that PostgreSQL answers. Addresses reach the tests via env vars.
 * The launch itself is shared with the drills and benchmarks (scripts/dev/temporal.ts).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { freePort } from '../../scripts/dev/ports';
import { startHeadlessTemporal } from '../../scripts/dev/temporal';

/** Where the dev server's pid is kept for the teardown (globals do not reliably cross to it). */
export const PID_FILE = path.join(tmpdir(), `dfo-jest-temporal-${process.pid}.pid`);

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
  const child = await startHeadlessTemporal({
    port,
    logFile: path.join(tmpdir(), 'dfo-jest-temporal.log'),
  });
  writeFileSync(PID_FILE, String(child.pid));
  process.env.TEST_TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
}
