/**
 * Where the worker takes its workflow code from. A compiled worker (dist/) loads the bundle that
 * `npm run build` wrote once (dist/workflow-bundle.js, scripts/bundle-workflows.ts): no webpack at
 * boot, and every worker of a release runs byte-identical workflow code. Run from sources (tests
 * under Jest), with no bundle, or with a bundle older than the compiled workflows (someone ran tsc
 * alone), it bundles workflows/ itself as before. With tracing on, the prebuilt bundle is the one
 * that carries the OpenTelemetry workflow interceptors (dist/workflow-bundle-traced.js): a bundle's
 * interceptors are fixed when it is built, and the plain one pays nothing for tracing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

export function workflowSource(
  compiledDir = path.join(__dirname, '..', '..', '..'),
  compiled = __filename.endsWith('.js'),
  traced = false,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  const bundle = path.join(
    compiledDir,
    traced ? 'workflow-bundle-traced.js' : 'workflow-bundle.js',
  );
  const workflows = path.join(compiledDir, 'workflows');
  if (compiled && existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(workflows)) {
    return { workflowBundle: { codePath: bundle } };
  }
  return { workflowsPath: require.resolve(workflows) };
}

function newestMtime(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, e) => Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}
