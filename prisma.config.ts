// Prisma 7 configuration. The URL comes from DATABASE_URL (default: the local server).
// Offline machines cannot download Prisma's native schema engine; `prisma generate` only needs
// the variable to point at an existing file, so we set it before Prisma's download check runs.
// Migrations are applied by scripts/migrate.ts (see docs/database.md), not by the native engine.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'package.json');

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/df_onboarding',
  },
});
