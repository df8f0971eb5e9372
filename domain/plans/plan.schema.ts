/**
 * The onboarding plan format (see docs/plans.md): versioned data listing phases and steps, each
 * with a kind, an owner role, a due offset, dependencies and a reminder/escalation policy.
 * `parsePlan` checks the shape (zod, plan.model.ts), then the meaning (plan.rules.ts: ids, dependencies,
 * cycles, roles), naming the exact JSON path of every problem, e.g. `phases[1].steps[3].due.workingDays`.
 * Pure code: no I/O, so the API, the worker and scripts can all import it.
 */
import { z } from 'zod';
import { planSchema, STEP_KINDS, type Plan } from './plan.model';
import { checkPlan, formatPath, type PlanIssue } from './plan.rules';

// The shape and its types are the plan's vocabulary: importers keep reading them from here.
export * from './plan.model';
export type { PlanIssue };
export { formatPath, resolveFollowUp } from './plan.rules';

export class PlanValidationError extends Error {
  override readonly name = 'PlanValidationError';
  constructor(readonly issues: PlanIssue[]) {
    super(`invalid plan:\n  ${issues.map((i) => `${i.path}: ${i.message}`).join('\n  ')}`);
  }
}

export function toIssues(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): PlanIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      message: 'unknown field',
    }));
  }
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
    return [{ path: formatPath(path), message: `must be one of ${STEP_KINDS.join(', ')}` }];
  }
  if (issue.code === 'invalid_union') {
    // Report the one alternative the author evidently meant (no unknown fields), if there is one.
    const meant = issue.errors.filter((b) => !b.some((i) => i.code === 'unrecognized_keys'));
    if (meant.length === 1) return meant[0].flatMap((i) => toIssues(i, path));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

/** Validates a parsed plan file; throws `PlanValidationError` listing every problem. */
export function parsePlan(input: unknown): Plan {
  const parsed = planSchema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!parsed.success)
    throw new PlanValidationError(parsed.error.issues.flatMap((i) => toIssues(i)));
  const issues = checkPlan(parsed.data);
  if (issues.length > 0) throw new PlanValidationError(issues);
  return parsed.data;
}
