/**
 * Readiness follows Temporal's real state: 503 problem while the server is down, 200 once it is
 * up again — without restarting the API.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../config/env';
import { ensureLocalKeys } from '../../scripts/local-auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../../scripts/dev/ports';
import { startHeadlessTemporal } from '../../scripts/dev/temporal';

jest.setTimeout(60_000);

let app: NestFastifyApplication;
let temporal: ChildProcess | undefined;
let port: number;
let db: TestDatabase;

beforeAll(async () => {
  port = await freePort();
  db = await createTestDatabase();
  const jwksPath = path.join(mkdtempSync(path.join(tmpdir(), 'dfo-auth-')), 'jwks.json');
  await ensureLocalKeys(jwksPath);
  app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      DFO_DEV_MODE: '1',
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      DATABASE_URL: db.url,
      AUTH_JWKS_PATH: jwksPath,
    }),
  );
});

afterAll(async () => {
  await app?.close();
  if (temporal && temporal.exitCode === null) {
    const exited = new Promise((resolve) => temporal!.once('exit', resolve));
    temporal.kill('SIGTERM');
    await exited;
  }
  await db?.drop();
});

it('answers 503 while Temporal is down and 200 once it is back', async () => {
  const down = await request(app.getHttpServer()).get('/health/ready').expect(503);
  expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(down.body).toMatchObject({
    type: 'urn:df-onboarding:problem:dependency-unavailable',
    dependency: 'Temporal',
  });

  temporal = await startHeadlessTemporal({
    port,
    logFile: path.join(tmpdir(), 'dfo-jest-temporal.log'),
  });

  await request(app.getHttpServer())
    .get('/health/ready')
    .expect(200, { status: 'ok', checks: { postgresql: 'up', temporal: 'up' } });
});
