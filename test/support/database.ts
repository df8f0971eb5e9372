/** A fresh, migrated PostgreSQL database per test file, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../../scripts/database';
import { migrate } from '../../prisma/migrate';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new URL(
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  );
  admin.pathname = `/dfo_test_${randomBytes(6).toString('hex')}`;
  const url = admin.toString();
  await ensureDatabase(url);
  await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}
