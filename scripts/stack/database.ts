/** A throwaway, migrated PostgreSQL database on an admin server (tests, benchmarks), dropped after. */
import { randomBytes } from 'node:crypto';
import { migrate } from '../../prisma/migrate';
import { dropDatabase, ensureDatabase } from '../database';

/** The server the tests and benchmarks create their databases on (`.ci/run` starts it). */
export const adminDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** `<prefix>_<random hex>` on the server of `adminUrl`, created and migrated. */
export async function scratchDatabase(
  prefix: string,
  adminUrl = adminDatabaseUrl(),
): Promise<ScratchDatabase> {
  const u = new URL(adminUrl);
  u.pathname = `/${prefix}_${randomBytes(6).toString('hex')}`;
  const url = u.toString();
  await ensureDatabase(url);
  await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}
