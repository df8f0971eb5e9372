/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (creating the database if missing). */
import { loadConfig } from '../config/env';
import { migrate } from '../prisma/migrate';
import { ensureDatabase } from './database';

async function main(): Promise<void> {
  const { database } = loadConfig();
  await ensureDatabase(database.url);
  const { applied, alreadyApplied } = await migrate(database.url, database.schema);
  console.log(
    `[migrate] ${applied.length} applied${applied.length ? ` (${applied.join(', ')})` : ''}, ${alreadyApplied.length} already up to date`,
  );
}

main().catch((err: unknown) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
