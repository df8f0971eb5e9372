/**
 * Validates every `*.plan.json` of config/plans (or of the folder given), and without a folder the
 * leaving plans of config/plans/leaving too, and prints each problem
 * with its file and JSON path; exits with 1 when there is one. With `--start`, also prints the
 * dates the plan gives a hire starting that day (Togo holidays, Africa/Lome unless `--tz`).
 *
 *   npx tsc -p tsconfig.build.json
 *   node dist/scripts/validate-plans.js [folder] [--start 2026-12-21] [--tz Africa/Lome]
 */
import { parseArgs } from 'node:util';
import { loadHolidays } from '../domain/calendar/holidays';
import { computeSchedule } from '../domain/calendar/working-days';
import { loadLeavingPlans } from '../domain/plans/leaving.schema';
import {
  checkPlanFiles,
  PlanLoadError,
  PLANS_DIR,
  type LoadedPlan,
} from '../domain/plans/load-plans';

/** `ok` per leaving plan file, or its problems (config/plans/leaving/*.leaving.json). */
function checkLeavingPlans(): string[] {
  try {
    for (const plan of loadLeavingPlans())
      console.log(
        `ok   leaving/${plan.key}.leaving.json: ${plan.key} v${plan.version}, ${plan.tasks.length} tasks`,
      );
    return [];
  } catch (err) {
    if (err instanceof PlanLoadError) return err.problems.map((p) => `leaving/${p}`);
    throw err;
  }
}

function printSchedule({ plan }: LoadedPlan, start: string, timeZone: string): void {
  const schedule = computeSchedule(plan, start, timeZone, loadHolidays('TG').dates);
  console.log(`     welcome email  ${schedule.welcomeEmail.at}`);
  for (const step of schedule.steps) {
    console.log(`     ${step.dueDate}  ${step.owner.padEnd(10)} ${step.stepId}`);
  }
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { start: { type: 'string' }, tz: { type: 'string', default: 'Africa/Lome' } },
  });
  const { plans, problems } = checkPlanFiles(positionals[0] ?? PLANS_DIR);
  for (const loaded of plans) {
    const { key, version, phases } = loaded.plan;
    const steps = phases.reduce((n, phase) => n + phase.steps.length, 0);
    console.log(`ok   ${loaded.file}: ${key} v${version}, ${phases.length} phases, ${steps} steps`);
    if (values.start) printSchedule(loaded, values.start, values.tz);
  }
  if (!positionals[0]) problems.push(...checkLeavingPlans());
  for (const problem of problems) console.error(`FAIL ${problem}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

try {
  main();
} catch (err) {
  console.error(`[validate-plans] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
