/**
 * The leaving plan (docs/plans.md, "Leaving plan"): versioned data like the onboarding plans,
 * listing the tasks before a person's last day, each owned by a role and due a number of working
 * days before that day, and how often the revocation is verified again while drift remains.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PLANS_DIR } from './load-plans';
import { ROLES } from './plan.model';

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

export function parseLeavingPlan(input: unknown): LeavingPlan {
  return leavingPlanSchema.parse(input);
}

/** `config/plans/leaving/<key>.leaving.json`, validated. */
export function loadLeavingPlan(key = 'default'): LeavingPlan {
  const file = join(PLANS_DIR, 'leaving', `${key}.leaving.json`);
  return parseLeavingPlan(JSON.parse(readFileSync(file, 'utf8')));
}
