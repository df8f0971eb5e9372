/**
 * The lint fence that keeps workflow code deterministic, tried on probe files (one ESLint run for
 * all of them): every forbidden import form must fail, the allowed forms must pass.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');

const FORBIDDEN: [string, string][] = [
  ["import { createJourneyActivities } from '../activities';", 'activities, one level up'],
  ["import { createJourneyActivities } from '../../activities';", 'activities, two levels up'],
  [
    "import { createProvisioningActivities } from '../../activities/provisioning.activities';",
    'an activity file',
  ],
  ["import { readFileSync } from 'node:fs';", 'a Node built-in'],
  ["import { loadConfig } from '../../config/env';", 'the environment'],
  ["import { bootstrap } from '../../apps/api/src/bootstrap';", 'the API'],
  ["import { PrismaClient } from '@prisma/client';", 'Prisma'],
];
const ALLOWED = [
  "import { proxyActivities } from '@temporalio/workflow';",
  "import type { Activities } from '../../activities';",
  "import { onboardingWorkflowId } from '../definitions';",
  'export const probe = [proxyActivities, onboardingWorkflowId] as unknown as Activities;',
  '',
].join('\n');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number }[];
}

/** Lints each source as a file in workflows/journey/; answers the fence's messages per source. */
function lintAll(sources: string[]): { ruleId: string | null; line: number }[][] {
  const tag = randomBytes(4).toString('hex');
  const files = sources.map((source, i) => {
    const file = path.join(__dirname, 'journey', `fence-probe-${tag}-${i}.ts`);
    writeFileSync(file, source);
    return file;
  });
  try {
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [path.join(root, 'node_modules/eslint/bin/eslint.js'), '-f', 'json', ...files],
        { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 },
      );
    } catch (err) {
      out = (err as { stdout: string }).stdout; // exit 1: the probes have errors, as intended
    }
    const results = JSON.parse(out) as LintResult[];
    return files.map((file) => results.find((r) => r.filePath === file)?.messages ?? []);
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

describe('workflow lint fence', () => {
  let forbidden: { ruleId: string | null; line: number }[][];
  let allowed: { ruleId: string | null; line: number }[];

  beforeAll(() => {
    const results = lintAll([
      ...FORBIDDEN.map(([line]) => `${line}\nexport const probe = 1;\n`),
      ALLOWED,
    ]);
    forbidden = results.slice(0, FORBIDDEN.length);
    allowed = results[FORBIDDEN.length];
  }, 120_000);

  it.each(FORBIDDEN.map(([line, what], i) => [what, line, i] as const))(
    'refuses %s: %s',
    (_what, _line, i) => {
      const fence = forbidden[i].filter((m) => m.ruleId === 'no-restricted-imports');
      expect(fence.map((m) => m.line)).toEqual([1]);
    },
  );

  it('accepts @temporalio/workflow, its own folder and `import type` from activities', () => {
    expect(allowed.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
    expect(allowed.filter((m) => m.ruleId === null)).toEqual([]); // no parsing error either
  });
});
