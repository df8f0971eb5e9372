// Prisma 7 configuration. The URL comes from DATABASE_URL (default: the local server).
// Offline machines cannot download Prisma's native schema engine; `prisma generate` only needs
// the variable to point at an existing file, so it is set for the commands that never run the
// engine (prisma/engine-placeholder.ts). Migrations are applied by scripts/migrate.ts
// (docs/database.md); `migrate status`/`deploy` need the real engine.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { enginePlaceholder } from './prisma/engine-placeholder';

const placeholder = enginePlaceholder(process.argv, path.join(__dirname, 'package.json'));
if (placeholder) process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/df_onboarding',
  },
});
