/**
 * Stateful fuzzing of every operation of the served OpenAPI document with schemathesis (PyPI,
 * pinned, in its own venv .tools/fuzz-venv). Two seeded runs give real ids (parameter examples in
 * the fuzzed copy of the document); schemathesis's examples, coverage, fuzzing and stateful phases
 * (links inferred from the responses, so ids of created runs are reused) run once with a token
 * holding every staff role, then examples and fuzzing once per role (HR, TECH_LEAD, HEAD_OF_DF, IT,
 * HIRE, ADMIN). Checks: no 5xx, every status documented, every body (problem+json included) valid
 * against its schema, the documented content type; never a stack trace. Every exchange is kept as
 * a HAR file; the coverage per operation is printed, and an operation never called fails the drill.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasStackTrace } from './checks';
import type { Drill } from './drill';
import {
  coverageOf,
  classify,
  coverageTable,
  operationsOf,
  withExamples,
  type HarEntry,
  type OpenApiDocument,
} from './fuzz-report';
import { DRILL_PLAN_KEY } from './plan';
import { startRuns, waitForOpenTasks, type DrillRun } from './runs';
import type { DrillSystem } from './system';
import { log } from './wait';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const VENV = path.join(ROOT, '.tools', 'fuzz-venv');
const ST = path.join(VENV, 'bin', 'st');

/** Installs the pinned schemathesis once (about 20 s from PyPI). */
function ensureSchemathesis(): void {
  const stamp = path.join(VENV, `.installed-${SCHEMATHESIS_VERSION}`);
  if (existsSync(stamp) && existsSync(ST)) return;
  log(`installing schemathesis==${SCHEMATHESIS_VERSION} into .tools/fuzz-venv`);
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', VENV]],
    [
      path.join(VENV, 'bin', 'pip'),
      [
        'install',
        '--quiet',
        '--disable-pip-version-check',
        `schemathesis==${SCHEMATHESIS_VERSION}`,
      ],
    ],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  }
  writeFileSync(stamp, '');
}

export const FUZZ_SEED = '20261125';
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
].join(',');

interface Pass {
  name: string;
  roles: string[];
  sub: string;
  email?: string;
  phases: string;
  examples: string;
  /** Real ids given as path-parameter examples. */
  ids: Record<string, string | number>;
}

interface PassResult {
  entries: HarEntry[];
  failed: boolean;
  /** schemathesis's own crashes ("Runtime Error"): a bug of the tool, no API answer involved. */
  toolErrors: number;
  output: string;
  seconds: number;
}

/**
 * Not spawnSync: the drill's own MailCatcher SMTP server lives in this process, and a blocked
 * event loop leaves every email of the fuzzed runs without a greeting (found by this drill: the
 * worker's email activities timed out, and cancels waiting behind them passed 15 s).
 */
function runAsync(
  cmd: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** One schemathesis session; its output goes to logs/schemathesis-<name>.log. */
async function runPass(sys: DrillSystem, served: OpenApiDocument, pass: Pass): Promise<PassResult> {
  const spec = path.join(sys.dir, `openapi-${pass.name}.json`);
  writeFileSync(spec, JSON.stringify(withExamples(served, pass.ids), null, 1));
  const har = path.join(sys.dir, `fuzz-${pass.name}.har`);
  const token = await sys.token(pass.roles, pass.sub, pass.email);
  const args = [
    'run',
    spec,
    '--url',
    sys.apiUrl,
    '--header',
    `Authorization: Bearer ${token}`,
    '--checks',
    CHECKS,
    '--phases',
    pass.phases,
    '--max-examples',
    pass.examples,
    '--seed',
    process.env.DRILLS_FUZZ_SEED ?? FUZZ_SEED,
    '--workers',
    '2',
    '--request-timeout',
    '15',
    '--suppress-health-check',
    'all',
    '--continue-on-failure',
    // A failure is reported as found: shrinking it would multiply the run time.
    '--no-shrink',
    '--generation-database',
    'none',
    '--report',
    'har',
    '--report-har-path',
    har,
  ];
  const t0 = Date.now();
  const st = await runAsync(ST, args, sys.dir, 900_000);
  const output = st.output;
  writeFileSync(path.join(sys.dir, 'logs', `schemathesis-${pass.name}.log`), output);
  const entries = existsSync(har)
    ? (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries
    : [];
  return { entries, ...classify(st.status, output), output, seconds: (Date.now() - t0) / 1000 };
}

/** Two runs whose hire task is open: their ids, a task id, the drill plan's key and step. */
async function seed(sys: DrillSystem): Promise<{ runs: DrillRun[]; taskIds: string[] }> {
  const runs = await startRuns(sys, 'fuzz', 2);
  await waitForOpenTasks(sys, runs, 120_000);
  const { rows } = await sys.db.query<{ id: string }>(
    `SELECT DISTINCT ON (run_id) id FROM task WHERE run_id = ANY($1::uuid[]) AND status = 'OPEN'
     ORDER BY run_id, id`,
    [runs.map((r) => r.id)],
  );
  return { runs, taskIds: rows.map((r) => r.id) };
}

const STAFF = ['HR', 'ADMIN', 'HEAD_OF_DF', 'TECH_LEAD', 'IT'];

export const fuzzDrill: Drill = {
  name: 'OpenAPI fuzzing',
  claim:
    'every operation, as every role: no 5xx, no undocumented status, no body off its schema, no stack trace',
  async run(sys) {
    ensureSchemathesis();
    const examples = process.env.DRILLS_FUZZ_EXAMPLES ?? '50';
    const roleExamples = process.env.DRILLS_FUZZ_ROLE_EXAMPLES ?? '5';
    const served = (await (await fetch(`${sys.apiUrl}/openapi.json`)).json()) as OpenApiDocument;
    writeFileSync(path.join(sys.dir, 'openapi.json'), JSON.stringify(served, null, 1));
    const { runs, taskIds } = await seed(sys);
    const ids = (i: number) => ({
      id: runs[i].id,
      runId: runs[i].id,
      taskId: taskIds[i] ?? taskIds[0],
      key: DRILL_PLAN_KEY,
      version: 1,
      stepId: 'read-handbook',
    });
    // The tech lead of the seeded runs is tl-fuzz (runs.ts): the staff token is that lead too.
    const passes: Pass[] = [
      {
        name: 'staff',
        roles: STAFF,
        sub: 'tl-fuzz',
        phases: process.env.DRILLS_FUZZ_PHASES ?? 'examples,coverage,fuzzing,stateful',
        examples,
        ids: ids(0),
      },
      ...['HR', 'TECH_LEAD', 'HEAD_OF_DF', 'IT', 'ADMIN'].map((role) => ({
        name: role.toLowerCase(),
        roles: [role],
        sub: role === 'TECH_LEAD' ? 'tl-fuzz' : `fuzz-${role.toLowerCase()}`,
        phases: 'examples,fuzzing',
        examples: roleExamples,
        ids: ids(1),
      })),
      {
        name: 'hire',
        roles: ['HIRE'],
        sub: `hire-${runs[1].hireId}`,
        email: runs[1].email,
        phases: 'examples,fuzzing',
        examples: roleExamples,
        ids: ids(1),
      },
    ];
    const t0 = Date.now();
    const problems: string[] = [];
    const entries: HarEntry[] = [];
    let toolErrors = 0;
    for (const pass of passes) {
      const r = await runPass(sys, served, pass);
      entries.push(...r.entries);
      log(
        `  ${pass.name}: ${r.entries.length} requests in ${r.seconds.toFixed(0)} s` +
          (r.toolErrors ? ` (${r.toolErrors} schemathesis runtime error, not an API answer)` : ''),
      );
      toolErrors += r.toolErrors;
      if (r.entries.length === 0) problems.push(`${pass.name}: schemathesis sent nothing`);
      if (r.failed) {
        const failures = r.output.indexOf('FAILURES');
        problems.push(
          `${pass.name}: schemathesis found failures (logs/schemathesis-${pass.name}.log):\n` +
            r.output.slice(failures >= 0 ? failures : -3000).slice(0, 6000),
        );
      }
    }
    const errors = entries.filter((e) => e.response.status >= 500);
    const traces = entries.filter((e) => hasStackTrace(e.response.content?.text ?? ''));
    for (const e of traces.slice(0, 10)) {
      problems.push(`stack trace in ${e.request.method} ${new URL(e.request.url).pathname}`);
    }
    const coverage = coverageOf(operationsOf(served), entries);
    const table = coverageTable(coverage);
    writeFileSync(path.join(sys.dir, 'logs', 'fuzz-coverage.txt'), `${table}\n`);
    log(`coverage per operation (requests, 2xx answers, statuses):\n${table}`);
    const never = coverage.filter((c) => c.requests === 0).map((c) => c.operation);
    if (never.length > 0) problems.push(`operations never called: ${never.join(', ')}`);
    const reached = coverage.filter((c) => c.ok > 0).length;
    const statuses = new Map<number, number>();
    for (const e of entries)
      statuses.set(e.response.status, (statuses.get(e.response.status) ?? 0) + 1);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
    return {
      cases: entries.length,
      detail:
        `${entries.length} requests, ${coverage.length} operations (${coverage.length - never.length} called, ` +
        `${reached} with a 2xx), ${passes.length} passes (staff ${examples} examples/operation, ` +
        `each role ${roleExamples}), seed ${process.env.DRILLS_FUZZ_SEED ?? FUZZ_SEED}, ` +
        `${((Date.now() - t0) / 1000).toFixed(0)} s; ${errors.length} 5xx, ${traces.length} stack traces; ` +
        `statuses ${byStatus}${toolErrors ? `; ${toolErrors} schemathesis runtime errors` : ''}`,
      problems,
    };
  },
};
