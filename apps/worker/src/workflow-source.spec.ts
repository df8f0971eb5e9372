import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workflowSource } from './workflow-source';

/** A fake dist/: workflows/index.js and, optionally, a bundle written `bundleAge` seconds later. */
function compiledTree(bundleAge?: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-wf-source-'));
  mkdirSync(path.join(dir, 'workflows'));
  const index = path.join(dir, 'workflows', 'index.js');
  writeFileSync(index, 'module.exports = {};');
  utimesSync(index, 1_000, 1_000);
  if (bundleAge !== undefined) {
    const bundle = path.join(dir, 'workflow-bundle.js');
    writeFileSync(bundle, '/* bundle */');
    utimesSync(bundle, 1_000 + bundleAge, 1_000 + bundleAge);
  }
  return dir;
}

describe('workflowSource', () => {
  it('loads the bundle built with the release', () => {
    const dir = compiledTree(10);
    expect(workflowSource(dir, true)).toEqual({
      workflowBundle: { codePath: path.join(dir, 'workflow-bundle.js') },
    });
  });

  it('loads the traced bundle (OpenTelemetry workflow interceptors inside) when tracing is on', () => {
    const dir = compiledTree(10);
    expect(workflowSource(dir, true, true)).toHaveProperty('workflowsPath'); // not built: bundles
    writeFileSync(path.join(dir, 'workflow-bundle-traced.js'), '/* traced bundle */');
    expect(workflowSource(dir, true, true)).toEqual({
      workflowBundle: { codePath: path.join(dir, 'workflow-bundle-traced.js') },
    });
  });

  it('bundles the workflows itself when the bundle is older than them', () => {
    const dir = compiledTree(-10);
    expect(workflowSource(dir, true)).toEqual({
      workflowsPath: path.join(dir, 'workflows', 'index.js'),
    });
  });

  it('bundles the workflows itself without a bundle, or when run from sources', () => {
    expect(workflowSource(compiledTree(), true)).toHaveProperty('workflowsPath');
    expect(workflowSource(compiledTree(10), false)).toHaveProperty('workflowsPath');
  });
});
