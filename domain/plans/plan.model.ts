/**
 * The shape of an onboarding plan (docs/plans.md): the zod schema and the types it gives. The rules
 * on its meaning (plan.rules.ts) and the parser (plan.schema.ts) build on it; it imports neither,
 * so the three have no cycle. Pure code: no I/O.
 */
import { z } from 'zod';

export const ROLES = ['HIRE', 'TECH_LEAD', 'HR', 'IT', 'HEAD_OF_DF'] as const;
export const STEP_KINDS = [
  'ACCESS_GRANT',
  'DOCUMENT_ACK',
  'CODEBASE_TOUR',
  'CHECKPOINT',
  'TASK',
] as const;

const int = (min: number, max: number) => z.int().min(min).max(max);
const id = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case: a-z, 0-9 and single hyphens');
const role = z.enum(ROLES);
const text = z.strictObject({ fr: z.string().trim().min(1), en: z.string().trim().min(1) });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm on a 24-hour clock');

const due = z.union(
  [z.strictObject({ workingDays: int(-20, 260) }), z.strictObject({ calendarDays: int(-60, 366) })],
  { error: 'must be { "workingDays": n } or { "calendarDays": n }' },
);
const reminders = z.strictObject({
  afterDueWorkingDays: z.array(int(-10, 60)),
  everyWorkingDays: int(1, 20).optional(),
  max: int(0, 20).default(5),
});
const escalation = z.array(z.strictObject({ afterWorkingDays: int(1, 60), to: role }));

const stepBase = {
  id,
  title: text,
  description: text.optional(),
  owner: role,
  due,
  dependsOn: z.array(id).default([]),
  followUp: z
    .strictObject({ reminders: reminders.optional(), escalation: escalation.optional() })
    .optional(),
};

const grant = z.strictObject({
  system: id,
  scope: z.string().trim().min(1),
  requiresApproval: z.boolean(),
});
const document = z
  .strictObject({
    id,
    title: text,
    version: z.string().trim().min(1),
    url: z.url({ protocol: /^https?$/ }).optional(),
    text: text.optional(),
  })
  .refine((d) => d.url !== undefined || d.text !== undefined, 'needs a url or a text');
const tour = z.strictObject({
  guide: z.strictObject({
    role: z.enum(['TECH_LEAD', 'PEER']),
    name: z.string().trim().min(1).optional(),
  }),
  topics: z.array(z.string().trim().min(1)).min(1),
});
const checkpoint = z.strictObject({
  criteria: z.array(z.strictObject({ id, title: text })).min(1),
  probationRecommendation: z.boolean().default(false),
});

const step = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('ACCESS_GRANT'), grant }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('DOCUMENT_ACK'),
    documents: z.array(document).min(1),
  }),
  z.strictObject({ ...stepBase, kind: z.literal('CODEBASE_TOUR'), tour }),
  z.strictObject({ ...stepBase, kind: z.literal('CHECKPOINT'), checkpoint }),
  z.strictObject({ ...stepBase, kind: z.literal('TASK') }),
]);

/**
 * The trial period (période d'essai) of the contract: its length, whether it may be renewed once,
 * the notice owed when it ends, and how many working days before its end the tech lead decides.
 * Defaults follow the Togolese labour code for a cadre (docs/plans.md); HR sets them per plan.
 */
const trial = z.strictObject({
  length: z.union(
    [z.strictObject({ calendarMonths: int(1, 12) }), z.strictObject({ workingDays: int(5, 260) })],
    { error: 'must be { "calendarMonths": n } or { "workingDays": n }' },
  ),
  renewable: z.boolean(),
  noticeDays: int(0, 90),
  decisionLeadWorkingDays: int(1, 60),
});

export const planSchema = z.strictObject({
  key: id,
  version: int(1, 100_000),
  title: text,
  description: text.optional(),
  times: z
    .strictObject({ start: time.default('09:00'), deadline: time.default('17:00') })
    .default({ start: '09:00', deadline: '17:00' }),
  preboarding: z.strictObject({ welcomeDaysBefore: int(0, 60) }),
  followUp: z.strictObject({
    reminders,
    escalation,
    escalationByOwner: z.partialRecord(role, escalation).default({}),
  }),
  phases: z.array(z.strictObject({ id, title: text, steps: z.array(step).min(1) })).min(1),
  trial: trial.optional(),
});

export type Plan = z.output<typeof planSchema>;
/** What a plan file may contain (defaults not yet applied). */
export type PlanFile = z.input<typeof planSchema>;
export type PlanPhase = Plan['phases'][number];
export type PlanStep = PlanPhase['steps'][number];
export type StepOfKind<K extends StepKind> = Extract<PlanStep, { kind: K }>;
export type Role = (typeof ROLES)[number];
export type StepKind = (typeof STEP_KINDS)[number];
export type Due = PlanStep['due'];
export type ReminderPolicy = z.output<typeof reminders>;
export type EscalationLadder = z.output<typeof escalation>;
export type LocalizedText = z.output<typeof text>;
export type TrialPolicy = z.output<typeof trial>;
