/** The offline migration runner against the real PostgreSQL server, in Prisma's own bookkeeping format. */
import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR } from '../../prisma/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(); // already migrated once
});
afterAll(() => db?.drop());

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

it('records each migration as Prisma does, with the sha256 of its file', async () => {
  const rows = await query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    applied_steps_count: number;
  }>(
    'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
  );
  const init = rows.find((r) => r.migration_name === '20261125120000_init');
  const sql = readFileSync(path.join(MIGRATIONS_DIR, '20261125120000_init', 'migration.sql'));
  expect(init).toMatchObject({
    checksum: createHash('sha256').update(sql).digest('hex'),
    applied_steps_count: 1,
  });
  expect(init?.finished_at).toBeInstanceOf(Date);
});

it('is idempotent, and runners started together apply each migration once', async () => {
  const results = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
  expect(results.every((r) => r.applied.length === 0)).toBe(true);
  const [{ count }] = await query<{ count: string }>('SELECT count(*) FROM "_prisma_migrations"');
  expect(Number(count)).toBe(results[0].alreadyApplied.length);
});

it('refuses a migration edited after it was applied', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  appendFileSync(path.join(dir, '20261125120000_init', 'migration.sql'), '\n-- edited\n');
  await expect(migrate(db.url, 'public', dir)).rejects.toThrow(/20261125120000_init was modified/);
});

it('makes the audit trail append-only', async () => {
  await query(
    `INSERT INTO audit_event (actor, action, entity_type, entity_id) VALUES ('t', 'test', 'x', '1')`,
  );
  await expect(query('UPDATE audit_event SET actor = $$other$$')).rejects.toThrow(/append-only/);
  await expect(query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
});
