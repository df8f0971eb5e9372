/**
 * `npm run drills [-- name...]`: failure drills against a private copy of the whole system on
 * loopback (scripts/drills/system.ts). Each drill prints what it did and checks that nothing was
 * lost or duplicated; a summary table ends the run; the exit code is 1 if any drill failed.
 * Names select drills by substring: `npm run drills -- smtp fuzz`, or `DRILLS=smtp,fuzz npm run
 * drills`. See docs/operations.md.
 */
import '../../config/node-version'; // first: stops at once on an unsupported Node.js
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { baselineDrill } from './baseline.drill';
import type { Drill, DrillContext } from './drill';
import { fuzzDrill } from './fuzz.drill';
import { killWorkerDrill } from './kill-worker.drill';
import { postgresRestartDrill } from './postgres-restart.drill';
import { smtpOutageDrill } from './smtp-outage.drill';
import { startDrillSystem, type DrillSystem } from './system';
import { temporalRestartDrill } from './temporal-restart.drill';
import { log } from './wait';

const DRILLS: Drill[] = [
  baselineDrill,
  killWorkerDrill,
  temporalRestartDrill,
  smtpOutageDrill,
  postgresRestartDrill,
  fuzzDrill,
];
/** The whole session is bounded: past this, everything is stopped and the run fails. */
const SESSION_LIMIT_MS = 40 * 60_000;

interface Row {
  drill: string;
  result: 'PASS' | 'FAIL';
  cases: number;
  seconds: number;
  detail: string;
}

function table(rows: Row[]): string {
  const head = ['drill', 'result', 'cases', 'time', 'what happened'];
  const cells = rows.map((r) => [
    r.drill,
    r.result,
    String(r.cases),
    `${r.seconds.toFixed(0)} s`,
    r.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}

function select(names: string[]): Drill[] {
  if (names.length === 0) return DRILLS;
  const chosen = DRILLS.filter((d) =>
    names.some((n) => d.name.toLowerCase().includes(n.toLowerCase())),
  );
  // Comparisons need the reference run: the baseline always comes first.
  return chosen.includes(baselineDrill) || chosen.every((d) => d === fuzzDrill)
    ? chosen
    : [baselineDrill, ...chosen];
}

async function main(): Promise<number> {
  // Either `npm run drills -- fuzz smtp` or DRILLS=fuzz,smtp (comma- or space-separated).
  const names = [...process.argv.slice(2), ...(process.env.DRILLS ?? '').split(/[\s,]+/)];
  const drills = select(names.filter((n) => n !== ''));
  const t0 = Date.now();
  log(
    `starting a private system (PostgreSQL, Temporal, SMTP, slapd, API, worker) on free loopback ports`,
  );
  const sys: DrillSystem = await startDrillSystem();
  log(`system up in ${((Date.now() - t0) / 1000).toFixed(1)} s; state and logs in ${sys.dir}`);
  // Whatever happens, the private system's processes do not outlive the session.
  const abort = (why: string) => {
    log(`${why}: stopping the private system`);
    void sys.stop().finally(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('SIGINT'));
  process.once('SIGTERM', () => abort('SIGTERM'));
  process.once('uncaughtException', (err) => abort(`uncaught ${err.stack ?? err.message}`));
  const limit = setTimeout(() => {
    log(`session limit of ${SESSION_LIMIT_MS / 60_000} min reached: stopping`);
    void sys.stop().finally(() => process.exit(1));
  }, SESSION_LIMIT_MS);
  const rows: Row[] = [];
  const ctx: DrillContext = {};
  try {
    for (const drill of drills) {
      log(`--- ${drill.name}: ${drill.claim}`);
      const started = Date.now();
      let row: Row;
      try {
        const outcome = await drill.run(sys, ctx);
        row = {
          drill: drill.name,
          result: outcome.problems.length ? 'FAIL' : 'PASS',
          cases: outcome.cases,
          seconds: (Date.now() - started) / 1000,
          detail: outcome.detail,
        };
        for (const p of outcome.problems) log(`  problem: ${p}`);
      } catch (err) {
        row = {
          drill: drill.name,
          result: 'FAIL',
          cases: 0,
          seconds: (Date.now() - started) / 1000,
          detail: (err as Error).message,
        };
      }
      log(`${row.result} ${drill.name} (${row.seconds.toFixed(0)} s): ${row.detail}`);
      rows.push(row);
    }
  } finally {
    clearTimeout(limit);
    warnAboutNondeterminism(sys.dir);
    await sys.stop();
  }
  const failed = rows.filter((r) => r.result === 'FAIL').length;
  console.log(`\n${table(rows)}\n`);
  console.log(
    `${rows.length - failed}/${rows.length} drills passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return failed ? 1 : 0;
}

/**
 * A workflow task that failed on nondeterminism (TMPRL1100) retries until a fixed worker replays
 * it: nothing is lost and no check fails, so the drills would not see it. Seen once, not
 * reproduced (docs/operations.md, "Findings"): said loudly, not failed on.
 */
function warnAboutNondeterminism(dir: string): void {
  const file = path.join(dir, 'logs', 'worker.log');
  if (!existsSync(file)) return;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes('TMPRL1100'));
  if (lines.length === 0) return;
  log(`WARNING: ${lines.length} workflow task failure(s) on nondeterminism (TMPRL1100) in ${file}`);
  log(`  first: ${lines[0].slice(0, 400)}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `[drills] cannot run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(1);
  },
);
