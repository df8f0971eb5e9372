/**
 * A Temporal worker in its own process, running the real grantAccess activity with real connectors
 * (settings from argv). With `hangAfterGrant` it tells the parent once the connector's external
 * call has returned, then hangs before the activity can complete, so the parent can kill -9 it at
 * exactly that point. Started by worker-killed.test.ts through `childWorker()`.
 */
import { NativeConnection, Worker, Runtime, DefaultLogger } from '@temporalio/worker';
import { createConnectors } from '../../../activities/connectors';
import {
  createProvisioningActivities,
  type Connector,
} from '../../../activities/provisioning.activities';
import type { ProvisioningConfig } from '../../../config/provisioning';
import { createPrismaClient } from '../../../prisma/client';

export interface ChildWorkerConfig {
  temporalAddress: string;
  taskQueue: string;
  databaseUrl: string;
  /** Resolved settings; a postgres-role `credentialKey` travels as base64. */
  systems: Record<string, Record<string, unknown>>;
  hangAfterGrant: boolean;
}

export type ChildMessage = { ready: true } | { granted: string };

async function main(config: ChildWorkerConfig): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const systems = Object.fromEntries(
    Object.entries(config.systems).map(([name, s]) => [
      name,
      typeof s.credentialKey === 'string'
        ? { ...s, credentialKey: Buffer.from(s.credentialKey, 'base64') }
        : s,
    ]),
  ) as ProvisioningConfig;
  const connectors = createConnectors(systems);
  const send = (m: ChildMessage) => process.send?.(m);
  const wrapped: Record<string, Connector> = Object.fromEntries(
    Object.entries(connectors.bySystem).map(([name, c]) => [
      name,
      {
        ...c,
        grant: async (req) => {
          const result = await c.grant(req);
          if (!config.hangAfterGrant) return result;
          send({ granted: req.system }); // the account exists in the target system now
          return new Promise<never>(() => undefined); // never completes: killed here
        },
      } satisfies Connector,
    ]),
  );
  const prisma = createPrismaClient({ url: config.databaseUrl, schema: 'public', poolSize: 2 });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue: config.taskQueue,
    workflowsPath: require.resolve('./grant-once.workflow'),
    activities: createProvisioningActivities(prisma, wrapped),
    stickyQueueScheduleToStartTimeout: '1 second',
  });
  send({ ready: true });
  await worker.run();
}

main(JSON.parse(process.argv[process.argv.length - 1]) as ChildWorkerConfig).catch((err) => {
  console.error(err);
  process.exit(1);
});
