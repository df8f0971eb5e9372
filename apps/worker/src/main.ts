/** Worker process: stateless, scale by running more of them against the same task queue. */
import '../../../config/node-version'; // first: stops at once on an unsupported Node.js
import { loadConfig, type AppConfig } from '../../../config/env';
import { describeSecurity } from '../../../config/security';
import { createWorkerLogger, installRuntime } from './observability';
import { startWorker } from './worker';

async function main(config: AppConfig): Promise<void> {
  const logger = createWorkerLogger(config.logLevel);
  installRuntime(config, logger); // before the first connection: SDK logs and metrics
  // Lifecycle lines print at any LOG_LEVEL: `npm run up`, the drills and the benchmarks wait for
  // "worker started", and an operator reading warn-level logs still sees starts and stops.
  const lifecycle = logger.child({}, { level: 'info' });
  lifecycle.info(describeSecurity(config, 'worker'), 'security settings');
  const { worker, done, workflowCode } = await startWorker(config);
  lifecycle.info(
    {
      taskQueue: config.temporal.taskQueue,
      namespace: config.temporal.namespace,
      workflowCode,
      node: process.version,
      metrics: config.metrics.workerAddress ?? 'off',
      ...config.worker,
    },
    'worker started',
  );
  // Temporal's Runtime already drains the worker on SIGINT/SIGTERM; `done` resolves afterwards.
  await done;
  lifecycle.info({ state: worker.getState() }, 'worker stopped');
}

Promise.resolve()
  .then(() => main(loadConfig(undefined, 'worker')))
  .catch((err: unknown) => {
    // One line naming what is wrong (a missing secret, an unreachable server), no stack trace.
    console.error(
      JSON.stringify({ level: 'error', msg: 'worker failed', error: (err as Error).message }),
    );
    process.exit(1);
  });
