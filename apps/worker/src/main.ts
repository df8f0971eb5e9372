/** Worker process: stateless, scale by running more of them against the same task queue. */
import '../../../config/node-version'; // first: stops at once on an unsupported Node.js
import { loadConfig, type AppConfig } from '../../../config/env';
import { describeSecurity } from '../../../config/security';
import { applyWorkerMemoryBounds, describeWorkerMemory } from '../../../config/worker-memory';

async function main(config: AppConfig): Promise<void> {
  // Before anything is loaded or opened: a process without its memory bounds (V8 heap limits,
  // malloc arenas) replaces itself here with one that has them, same pid (docs/operations.md).
  applyWorkerMemoryBounds(config.workerMemory);
  // Loaded only now: the SDK's native core is not loaded twice when the process is replaced.
  const { createWorkerLogger, installRuntime } = await import('./observability.js');
  const { startWorker } = await import('./worker.js');
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
      ...describeWorkerMemory(),
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
