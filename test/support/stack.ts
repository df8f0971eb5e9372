/**
 * The whole system for one test file, on real parts: a fresh PostgreSQL database, the shared
 * Temporal dev server (global setup), an in-process SMTP server, the worker, and the API booted
 * through the same createApp() as main.ts. Each stack has its own task queue.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../../config/env';
import { createApp } from '../../apps/api/src/bootstrap';
import { startWorker, type RunningWorker } from '../../apps/worker/src/worker';
import { createPrismaClient, type PrismaClient } from '../../prisma/client';
import { MailCatcher } from '../../scripts/mail-catcher';
import { stackTokenSigner } from '../../scripts/stack';
import type { Role } from '../../apps/api/src/auth/roles';
import { createTestDatabase, type TestDatabase } from './database';

export interface Stack {
  config: AppConfig;
  app: NestFastifyApplication;
  worker: RunningWorker;
  mail: MailCatcher;
  prisma: PrismaClient;
  temporal: Client;
  db: TestDatabase;
  token(role: Role, sub?: string, extra?: { email?: string }): Promise<string>;
  stop(): Promise<void>;
}

export function temporalAddress(): string {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error('TEST_TEMPORAL_ADDRESS is not set: run tests through jest (global setup)');
  return address;
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const db = await createTestDatabase();
  const mail = new MailCatcher();
  const smtpPort = await mail.start();
  const authDir = mkdtempSync(path.join(tmpdir(), 'dfo-auth-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    // The test harness is one of the project's own dev/test commands; its secret is its own.
    DFO_DEV_MODE: '1',
    ACTION_LINK_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: temporalAddress(),
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(4).toString('hex')}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    AUTH_JWKS_PATH: path.join(authDir, 'jwks.json'),
    ...env,
  });
  const sign = await stackTokenSigner(config.auth.jwksPath, config.auth);
  const worker = await startWorker(config);
  const app = await createApp(config);
  const prisma = createPrismaClient(config.database);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });

  return {
    config,
    app,
    worker,
    mail,
    prisma,
    temporal,
    db,
    token: (role, sub, extra) => sign(sub ?? `test-${role.toLowerCase()}`, [role], extra?.email),
    async stop() {
      await app.close();
      worker.worker.shutdown();
      await worker.done;
      await connection.close();
      await prisma.$disconnect();
      await mail.stop();
      await db.drop();
    },
  };
}
