/**
 * `npm run db:migrate`: creates the database if missing, applies pending migrations to
 * DATABASE_URL, then seeds the plan versions of config/plans (idempotent).
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { loadConfig } from '../config/env';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrate';
import { seedConfiguredPlans } from '../prisma/seed-plans';
import { ensureDatabase } from './database';

async function main(): Promise<void> {
  const { database } = loadConfig(process.env, 'tool');
  await ensureDatabase(database.url);
  const { applied, alreadyApplied } = await migrate(database.url, database.schema);
  console.log(
    `[migrate] ${applied.length} applied${applied.length ? ` (${applied.join(', ')})` : ''}, ${alreadyApplied.length} already up to date`,
  );
  const prisma = createPrismaClient(database);
  try {
    const created = await seedConfiguredPlans(prisma);
    console.log(`[migrate] plans seeded: ${created.length ? created.join(', ') : 'none new'}`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`[migrate] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
