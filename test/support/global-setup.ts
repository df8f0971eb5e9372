/**
 * Starts one real Temporal dev server (the CLI from PyPI, in memory, headless) for the integration
 * and e2e projects, and checks that PostgreSQL answers. Addresses reach the tests via env vars.
 * The launch itself is the stack launcher's, shared with the drills and benchmarks (scripts/stack).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { adminDatabaseUrl, startTemporalServer } from '../../scripts/stack';

/** Where the dev server's pid is kept for the teardown (globals do not reliably cross to it). */
export const PID_FILE = path.join(tmpdir(), `dfo-jest-temporal-${process.pid}.pid`);

export default async function globalSetup(): Promise<void> {
  const adminUrl = adminDatabaseUrl();
  process.env.TEST_DATABASE_ADMIN_URL = adminUrl;
  const pg = new PgClient({ connectionString: adminUrl });
  await pg.connect().catch((err: Error) => {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl} (${err.message}); .ci/run starts it`,
    );
  });
  await pg.end();

  if (process.env.TEST_TEMPORAL_ADDRESS) return; // an existing server was provided
  const server = await startTemporalServer({
    logFile: path.join(tmpdir(), 'dfo-jest-temporal.log'),
  });
  writeFileSync(PID_FILE, String(server.pid));
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
}
