/**
 * The leaving plan (docs/plans.md, "Leaving plan"): versioned data like the onboarding plans,
 * listing the tasks before a person's last day, each owned by a role and due a number of working
 * days before that day, and how often the revocation is verified again while drift remains.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PLANS_DIR, PlanLoadError } from './load-plans';
import { ROLES } from './plan.model';
import { PlanValidationError, toIssues } from './plan.schema';

/** The leaving plan a journey uses when none is named (`config/plans/leaving/leaving.leaving.json`). */
export const DEFAULT_LEAVING_PLAN = 'leaving';
export const LEAVING_PLANS_DIR = join(PLANS_DIR, 'leaving');

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case');
const text = z.strictObject({ fr: z.string().trim().min(1), en: z.string().trim().min(1) });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm on a 24-hour clock');

const leavingPlanSchema = z.strictObject({
  key: id,
  version: z.int().min(1),
  title: text,
  times: z
    .strictObject({ start: time, deadline: time })
    .default({ start: '09:00', deadline: '17:00' }),
  verification: z.strictObject({ retryMinutes: z.int().min(5).max(1440) }),
  tasks: z
    .array(
      z.strictObject({
        id,
        title: text,
        description: text.optional(),
        owner: z.enum(ROLES),
        due: z.strictObject({ workingDaysBeforeLastDay: z.int().min(0).max(60) }),
        checklist: z.array(text).optional(),
      }),
    )
    .min(1),
});

export type LeavingPlan = z.output<typeof leavingPlanSchema>;

/** Validates a leaving plan; throws `PlanValidationError` with every problem at its path. */
export function parseLeavingPlan(input: unknown): LeavingPlan {
  const parsed = leavingPlanSchema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!parsed.success)
    throw new PlanValidationError(parsed.error.issues.flatMap((i) => toIssues(i)));
  const seen = new Set<string>();
  const issues = parsed.data.tasks.flatMap((t, i) => {
    const dup = seen.has(t.id);
    seen.add(t.id);
    return dup ? [{ path: `tasks[${i}].id`, message: `duplicate task id '${t.id}'` }] : [];
  });
  if (issues.length > 0) throw new PlanValidationError(issues);
  return parsed.data;
}

/** Plan files that are leaving plans: the body has `tasks` and no `phases`. */
export function isLeavingPlanBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'tasks' in body && !('phases' in body);
}

/** `config/plans/leaving/<key>.leaving.json`, validated. */
export function loadLeavingPlan(key = DEFAULT_LEAVING_PLAN): LeavingPlan {
  const file = join(LEAVING_PLANS_DIR, `${key}.leaving.json`);
  return parseLeavingPlan(JSON.parse(readFileSync(file, 'utf8')));
}

/** Every leaving plan file (the seed of the `plan` table, kind LEAVING), each named after its key. */
export function loadLeavingPlans(): LeavingPlan[] {
  const problems: string[] = [];
  const plans: LeavingPlan[] = [];
  for (const name of readdirSync(LEAVING_PLANS_DIR)
    .filter((n) => n.endsWith('.leaving.json'))
    .sort()) {
    try {
      const plan = parseLeavingPlan(
        JSON.parse(readFileSync(join(LEAVING_PLANS_DIR, name), 'utf8')),
      );
      if (`${plan.key}.leaving.json` === name) plans.push(plan);
      else problems.push(`${name}: key: file must be named ${plan.key}.leaving.json after its key`);
    } catch (err) {
      if (err instanceof PlanValidationError)
        problems.push(...err.issues.map((i) => `${name}: ${i.path}: ${i.message}`));
      else problems.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (problems.length > 0) throw new PlanLoadError(problems);
  return plans;
}
