/**
 * Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in
 * `_prisma_migrations` exactly as Prisma does (same table, same sha256 checksum), so that
 * `prisma migrate deploy` accepts the database wherever the native engine is available.
 * Prisma's native schema engine cannot be downloaded on offline machines; this runner needs only `pg`.
 * A PostgreSQL advisory lock serialises concurrent runners (several workers booting at once).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

const LOCK_KEY = 72707369; // arbitrary, constant: "df-onboarding migrations"

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Resolves the migrations folder both from sources (ts) and from the compiled dist/ tree. */
function migrationsDir(dir?: string): string {
  if (dir) return dir;
  if (existsSync(MIGRATIONS_DIR)) return MIGRATIONS_DIR;
  return path.join(__dirname, '..', '..', 'prisma', 'migrations');
}

export async function migrate(
  databaseUrl: string,
  schema = 'public',
  dir?: string,
): Promise<MigrationResult> {
  const root = migrationsDir(dir);
  const names = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const done = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const byName = new Map(done.rows.map((r) => [r.migration_name, r]));
    for (const name of names) {
      const sql = readFileSync(path.join(root, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = byName.get(name);
      if (previous) {
        if (!previous.finished_at) {
          throw new Error(
            `Migration ${name} started but never finished: resolve it by hand (docs/database.md)`,
          );
        }
        if (previous.checksum !== checksum) {
          throw new Error(
            `Migration ${name} was modified after it was applied (checksum mismatch)`,
          );
        }
        result.alreadyApplied.push(name);
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, checksum, name],
        );
        await client.query(sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`, { cause: err });
      }
      result.applied.push(name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return result;
}
