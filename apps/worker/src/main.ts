/** Worker process: stateless, scale by running more of them against the same task queue. */
import '../../../config/node-version'; // first: stops at once on an unsupported Node.js
import { loadConfig } from '../../../config/env';
import { describeSecurity } from '../../../config/security';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig(undefined, 'worker');
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'security settings',
      ...describeSecurity(config, 'worker'),
    }),
  );
  const { worker, done, workflowCode } = await startWorker(config);
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'worker started',
      taskQueue: config.temporal.taskQueue,
      namespace: config.temporal.namespace,
      workflowCode,
      node: process.version,
    }),
  );
  // Temporal's Runtime already drains the worker on SIGINT/SIGTERM; `done` resolves afterwards.
  await done;
  console.log(JSON.stringify({ level: 'info', msg: 'worker stopped', state: worker.getState() }));
}

main().catch((err: unknown) => {
  console.error(
    JSON.stringify({ level: 'error', msg: 'worker failed', error: (err as Error).message }),
  );
  process.exit(1);
});
