/** Composition root of the worker: wires configuration, PostgreSQL, SMTP and Temporal together. */
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '../../../config/env';
import { temporalConnectionOptions } from '../../../config/temporal';
import { createActivities } from '../../../activities';
import { createConnectors } from '../../../activities/connectors';
import { createAccessVerification } from '../../../activities/provisioning.activities';
import { createRunAccessVerification } from '../../../activities/access-verification.activities';
import { createGrantDiscovery } from '../../../activities/grant-discovery.activities';
import { createMailer } from '../../../activities/mailer';
import { syncDigestScheduleWith } from './digest-schedule';
import { workflowSource } from './workflow-source';
import { createPrismaClient } from '../../../prisma/client';
import { seedConfiguredPlans } from '../../../prisma/seed-plans';

export interface RunningWorker {
  worker: Worker;
  /** Resolves when the worker has stopped and every pool is closed. */
  done: Promise<void>;
  /** Where its workflow code came from (workflow-source.ts). */
  workflowCode: 'prebuilt bundle' | 'bundled at boot';
}

export async function startWorker(config: AppConfig): Promise<RunningWorker> {
  const prisma = createPrismaClient(config.database);
  await prisma.$queryRaw`SELECT 1`; // fail fast when PostgreSQL is unreachable
  await seedConfiguredPlans(prisma);
  const mailer = createMailer(config.smtp);
  const connectors = createConnectors(config.provisioning);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const source = workflowSource();
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...source,
    // Bounded memory and concurrency (WORKER_* variables, docs/operations.md "Worker memory").
    ...config.worker,
    activities: {
      ...createActivities({
        prisma,
        mailer,
        mailFrom: config.smtp.from,
        publicBaseUrl: config.api.publicBaseUrl,
        journey: config.journey,
        connectors: connectors.bySystem,
        digestTimeZone: config.digest.timeZone,
      }),
      ...createAccessVerification(prisma, connectors.bySystem),
      ...createRunAccessVerification(prisma, connectors.bySystem),
      ...createGrantDiscovery(prisma, connectors.bySystem),
    },
  });
  await syncDigestScheduleWith(config.temporal, config.digest);
  const done = worker.run().finally(async () => {
    mailer.close();
    await connectors.close();
    await connection.close();
    await prisma.$disconnect();
  });
  return {
    worker,
    done,
    workflowCode: source.workflowBundle ? 'prebuilt bundle' : 'bundled at boot',
  };
}
