/**
 * Writes the API's OpenAPI document without starting a server or touching PostgreSQL/Temporal:
 * Nest's preview mode reads the controllers' metadata without creating any provider. The console
 * generates its typed client from this file (apps/console/scripts/api-types.mjs).
 *
 *   node dist/scripts/openapi-document.js <out.json>
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { writeFileSync } from 'node:fs';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/env';
import { AppModule } from '../apps/api/src/app.module';
import { openApiDocument } from '../apps/api/src/bootstrap';

async function main(out: string | undefined): Promise<void> {
  if (!out) throw new Error('usage: openapi-document <out.json>');
  const config = loadConfig({ NODE_ENV: 'test', DFO_DEV_MODE: '1' }, 'tool');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
  writeFileSync(out, `${JSON.stringify(openApiDocument(app, config), null, 2)}\n`);
  await app.close();
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
