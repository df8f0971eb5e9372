/**
 * Turns a run's plan snapshot into dated steps (working days in the run's time zone, weekends
 * and public holidays skipped). Dates are computed here, in an activity, so that calendar or
 * time-zone data changes can never make workflow replay non-deterministic.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { JourneyConfig } from '../config/env';
import { loadHolidays } from '../config/calendar/holidays';
import { computeSchedule, zonedDateTimeToInstant } from '../config/calendar/working-days';
import { parsePlan, type Plan, type PlanStep } from '../config/plans/plan.schema';
import type { PrismaClient } from '../prisma/client';
import type { JourneySchedule, ScheduledStep } from '../workflows/definitions';
import { notFound } from './errors';

const upperSnake = (id: string) => id.toUpperCase().replace(/-/g, '_');

/**
 * The content hash a hire acknowledges. The text's keys are put in a fixed order first: a plan
 * read back from PostgreSQL (jsonb) has its keys reordered (`en` before `fr`), and the API must
 * compute the same hash from it as the worker did from the plan file.
 */
export function documentHash(doc: { url?: string; text?: { fr: string; en: string } }): string {
  const text = doc.text ? { fr: doc.text.fr, en: doc.text.en } : null;
  return createHash('sha256')
    .update(JSON.stringify({ url: doc.url ?? null, text }))
    .digest('hex');
}

function kindDetails(step: PlanStep): Partial<ScheduledStep> {
  switch (step.kind) {
    case 'ACCESS_GRANT':
      return { grant: step.grant };
    case 'DOCUMENT_ACK':
      return {
        documents: step.documents.map((d) => ({
          id: d.id,
          version: d.version,
          contentHash: documentHash(d),
        })),
      };
    case 'CODEBASE_TOUR':
      // A peer tour falls back to the tech lead until HR names the peer (docs/journey.md).
      return {
        tour: {
          guideRole: 'TECH_LEAD',
          ...(step.tour.guide.role === 'PEER' ? { peer: true } : {}),
        },
      };
    case 'CHECKPOINT':
      return {
        checkpoint: {
          day: 'calendarDays' in step.due ? step.due.calendarDays : step.due.workingDays,
        },
      };
    default:
      return {};
  }
}

/** Grants, documents and tasks open with the welcome email (pre-boarding); tours and checkpoints on their own day. */
function opensOnDueDay(step: PlanStep): boolean {
  return step.kind === 'CODEBASE_TOUR' || step.kind === 'CHECKPOINT';
}

export function toJourneySchedule(
  plan: Plan,
  startDate: string,
  timeZone: string,
  holidays: ReadonlySet<string>,
): JourneySchedule {
  const schedule = computeSchedule(plan, startDate, timeZone, holidays);
  const byId = new Map(plan.phases.flatMap((p) => p.steps.map((s) => [s.id, s] as const)));
  return {
    phases: plan.phases.map((p) => upperSnake(p.id)),
    welcomeAt: schedule.welcomeEmail.at,
    startAt: schedule.start.at,
    steps: schedule.steps.map((s) => {
      const step = byId.get(s.stepId)!;
      return {
        id: s.stepId,
        kind: s.kind,
        phase: upperSnake(s.phaseId),
        owner: s.owner,
        opensAt: opensOnDueDay(step)
          ? zonedDateTimeToInstant(s.dueDate, plan.times.start, timeZone).toISOString()
          : schedule.welcomeEmail.at,
        dueAt: s.dueAt,
        dependsOn: step.dependsOn,
        reminders: s.reminders.map((r) => r.at),
        escalations: s.escalations.map((e) => ({ at: e.at, to: e.to })),
        ...kindDetails(step),
      };
    }),
  };
}

/** The same step with its due date moved (an extended checkpoint): same policy, new dates. */
export function shiftStep(
  plan: Plan,
  startDate: string,
  timeZone: string,
  holidays: ReadonlySet<string>,
  step: ScheduledStep,
  dueDate: string,
): ScheduledStep {
  const days = Math.round(
    (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000,
  );
  const shifted: Plan = {
    ...plan,
    phases: plan.phases.map((p) => ({
      ...p,
      steps: p.steps.map((s) => (s.id === step.id ? { ...s, due: { calendarDays: days } } : s)),
    })),
  };
  const moved = toJourneySchedule(shifted, startDate, timeZone, holidays).steps.find(
    (s) => s.id === step.id,
  )!;
  return { ...moved, checkpoint: step.checkpoint };
}

export function createScheduleActivities(prisma: PrismaClient, journey: JourneyConfig) {
  const holidaysFor = () => loadHolidays(journey.holidaysCountry, journey.extraHolidays).dates;

  async function planOf(runId: string) {
    const run = await prisma.onboardingRun.findUnique({
      where: { id: runId },
      include: { plan: true },
    });
    if (!run) throw notFound('Run', runId);
    if (!run.plan) throw ApplicationFailure.nonRetryable(`Run ${runId} has no plan`, 'InvalidPlan');
    return { run, plan: parsePlan(run.plan.definition) };
  }

  return {
    /** The run's schedule; a new start date (before the start) is recorded and used. */
    async computeSchedule({
      runId,
      startDate,
    }: {
      runId: string;
      startDate?: string;
    }): Promise<JourneySchedule> {
      const { run, plan } = await planOf(runId);
      const start = startDate ?? run.startDate.toISOString().slice(0, 10);
      if (startDate && startDate !== run.startDate.toISOString().slice(0, 10)) {
        await prisma.$transaction([
          prisma.onboardingRun.update({
            where: { id: runId },
            data: { startDate: new Date(`${startDate}T00:00:00Z`) },
          }),
          prisma.auditEvent.create({
            data: {
              runId,
              actor: 'system:workflow',
              action: 'run.start-date-changed',
              entityType: 'onboarding_run',
              entityId: runId,
              before: { startDate: run.startDate.toISOString().slice(0, 10) },
              after: { startDate },
            },
          }),
        ]);
      }
      return toJourneySchedule(plan, start, run.timeZone, holidaysFor());
    },

    /** A checkpoint extended to a new date: same policy, new dates. */
    async rescheduleStep({
      runId,
      step,
      dueDate,
    }: {
      runId: string;
      step: ScheduledStep;
      dueDate: string;
    }): Promise<ScheduledStep> {
      const { run, plan } = await planOf(runId);
      return shiftStep(
        plan,
        run.startDate.toISOString().slice(0, 10),
        run.timeZone,
        holidaysFor(),
        step,
        dueDate,
      );
    },
  };
}
