/**
 * Part of `npm run build`: bundles workflows/ once into dist/workflow-bundle.js, so a production
 * worker loads a bundle built with the release instead of running webpack at every boot
 * (apps/worker/src/workflow-source.ts picks it up), and once more with the OpenTelemetry workflow
 * interceptors into dist/workflow-bundle-traced.js (the worker's choice when tracing is on).
 * Prints each bundle's size and how long it took.
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { TRACING_WORKFLOW_MODULES } from '../apps/worker/src/tracing';
import { REPO_ROOT } from './dev/temporal';

export const WORKFLOW_BUNDLE = path.join(REPO_ROOT, 'dist', 'workflow-bundle.js');
const TRACED_WORKFLOW_BUNDLE = path.join(REPO_ROOT, 'dist', 'workflow-bundle-traced.js');

async function bundle(file: string, workflowInterceptorModules: string[]): Promise<void> {
  const t0 = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(REPO_ROOT, 'dist', 'workflows', 'index.js'),
    workflowInterceptorModules,
    logger: {
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
      log: () => undefined,
    },
  });
  writeFileSync(file, code);
  console.log(
    `[build] workflow bundle: ${path.relative(REPO_ROOT, file)} ` +
      `(${(code.length / 1024).toFixed(0)} KiB, ${Date.now() - t0} ms)`,
  );
}

async function main(): Promise<void> {
  await bundle(WORKFLOW_BUNDLE, []);
  await bundle(TRACED_WORKFLOW_BUNDLE, TRACING_WORKFLOW_MODULES);
}

main().catch((err: unknown) => {
  console.error(`[build] workflow bundle failed: ${(err as Error).message}`);
  process.exit(1);
});
