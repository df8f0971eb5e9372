/**
 * Reads and validates every `*.plan.json` in `config/plans/` (the seed of the plan table).
 * Each file is named after its plan key (`<key>.plan.json`); a new version of a plan replaces the
 * file's content with a higher `version`. Problems are reported per file, with the JSON path.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parsePlan, PlanValidationError, type Plan } from './plan.schema';

export interface LoadedPlan {
  file: string;
  plan: Plan;
}

export class PlanLoadError extends Error {
  override readonly name = 'PlanLoadError';
  constructor(readonly problems: string[]) {
    super(`invalid plan file(s):\n  ${problems.join('\n  ')}`);
  }
}

/** The repository root, found from this file both in the sources and in `dist/`. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const PLANS_DIR = join(projectRoot(), 'config', 'plans');
const PLAN_FILE = /\.plan\.json$/;

function checkFile(dir: string, name: string): { plan?: Plan; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch (err) {
    return { problems: [`${name}: ${err instanceof Error ? err.message : String(err)}`] };
  }
  try {
    const plan = parsePlan(raw);
    const expected = `${plan.key}.plan.json`;
    return plan.key === basename(name, '.plan.json')
      ? { plan, problems: [] }
      : { problems: [`${name}: key: file must be named ${expected} after its key`] };
  } catch (err) {
    if (!(err instanceof PlanValidationError)) throw err;
    return { problems: err.issues.map((i) => `${name}: ${i.path}: ${i.message}`) };
  }
}

/** Every plan file of `dir` with its problems, without throwing (for the validation script). */
export function checkPlanFiles(dir = PLANS_DIR): { plans: LoadedPlan[]; problems: string[] } {
  const files = readdirSync(dir)
    .filter((f) => PLAN_FILE.test(f))
    .sort();
  const plans: LoadedPlan[] = [];
  const problems = files.length === 0 ? [`${dir}: no *.plan.json file`] : [];
  for (const file of files) {
    const result = checkFile(dir, file);
    if (result.plan) plans.push({ file, plan: result.plan });
    problems.push(...result.problems);
  }
  return { plans, problems };
}

/** Every plan of `dir`, validated; throws `PlanLoadError` listing all problems of all files. */
export function loadPlans(dir = PLANS_DIR): LoadedPlan[] {
  const { plans, problems } = checkPlanFiles(dir);
  if (problems.length > 0) throw new PlanLoadError(problems);
  return plans;
}
