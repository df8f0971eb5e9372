/**
 * `npm run bench`: the engine benchmarks of issue 7, one stage after the other, each printing a
 * table against a baseline measured in the same run. Stages: api (scripts/bench-api.ts, run as
 * its own process), start, scale, journey; BENCH_ONLY=start,journey picks some. Loopback only.
 * See docs/performance.md for the variables that shrink the counts.
 */
import '../../config/node-version'; // first: stops at once on an unsupported Node.js
import 'reflect-metadata';
import { spawn, execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ROOT } from './infra';
import { benchJourney } from './journey';
import { benchScale } from './scale';
import { benchStartRate, type StageResult } from './start-rate';

const STAGES = ['api', 'journey', 'start', 'scale'] as const;
type Stage = (typeof STAGES)[number];

function selected(): Stage[] {
  const raw = process.env.BENCH_ONLY;
  if (!raw) return [...STAGES];
  const names = raw.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(STAGES as readonly string[]).includes(n));
  if (bad.length)
    throw new Error(`BENCH_ONLY: unknown stage(s) ${bad.join(', ')}; known: ${STAGES.join(', ')}`);
  return names as Stage[];
}

/** The API read benchmark is its own script (owned with the API); its table is printed as is. */
function benchApi(): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'bench-api.js')], {
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve({ title: 'API latency', notes: ['table printed above by bench:api'], table: '' })
        : reject(new Error(`bench:api exited with ${code}`)),
    );
  });
}

function machine(): string {
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const model = cpus()[0]?.model ?? '?';
  const version = (cmd: string, args: string[]) => run(cmd, args).split('\n')[0];
  return [
    `${cpus().length} × ${model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    `PostgreSQL: ${version('psql', ['--version']) || '?'}; Temporal CLI: ${version(path.join(ROOT, '.tools/venv/bin/temporal'), ['--version'])}`,
  ].join('\n');
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const adminUrl =
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const stages = selected();
  console.log(
    `machine: ${machine()}\nstages: ${stages.join(', ')}; load: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const results: StageResult[] = [];
  let failed = false;
  for (const stage of stages) {
    const t0 = performance.now();
    console.log(`\n== ${stage} ==`);
    // A failed stage is reported and the next one runs: one broken part hides no other figure.
    const result = await (
      stage === 'api'
        ? benchApi()
        : stage === 'start'
          ? benchStartRate(adminUrl)
          : stage === 'scale'
            ? benchScale(adminUrl)
            : benchJourney()
    ).catch((err: unknown): StageResult => {
      failed = true;
      console.error(err);
      return { title: `${stage}: FAILED`, notes: [String(err)], table: '' };
    });
    if (result.failed) {
      failed = true;
      result.title = `${result.title}: FAILED`;
      result.notes.unshift(`FAILED: ${result.failed}`);
    }
    result.notes.push(`stage wall time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    results.push(result);
    print(result);
  }
  console.log(`\n== summary ==\nmachine: ${machine()}`);
  results.forEach(print);
  if (failed) process.exitCode = 1;
}

function print(r: StageResult): void {
  console.log(`\n### ${r.title}\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n\n${r.table}`);
}

main().then(
  () => process.exit(process.exitCode ?? 0), // the Temporal runtime keeps handles open
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
