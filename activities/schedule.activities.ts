/**
 * Turns a run's plan snapshot into dated steps (working days in the run's time zone, weekends
 * and public holidays skipped). Dates are computed here, in an activity, so that calendar or
 * time-zone data changes can never make workflow replay non-deterministic.
 */
import { ApplicationFailure, log } from '@temporalio/activity';
import type { JourneyConfig } from '../config/env';
import { CALENDAR_COVERAGE_ACTION } from '../domain/calendar/coverage';
import { loadHolidays, unreviewedYears } from '../domain/calendar/holidays';
import { computeSchedule, zonedDateTimeToInstant } from '../domain/calendar/working-days';
import { documentHash } from '../domain/plans/document-hash';
import { parsePlan, type Plan, type PlanStep } from '../domain/plans/plan.schema';
import type { PrismaClient } from '../prisma/client';
import type { JourneySchedule, ScheduledStep } from '../workflows/definitions';
import { notFound } from './errors';
import { recordAudit } from '../prisma/audit';

const upperSnake = (id: string) => id.toUpperCase().replace(/-/g, '_');

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

/** The last date a schedule reaches (due dates, reminders, escalations), YYYY-MM-DD. */
export function scheduleEnd(steps: readonly ScheduledStep[], startDate: string): string {
  const instants = steps.flatMap((s) => [
    s.dueAt,
    ...s.reminders,
    ...s.escalations.map((e) => e.at),
  ]);
  return instants.reduce(
    (last, at) => (at.slice(0, 10) > last ? at.slice(0, 10) : last),
    startDate,
  );
}

export function createScheduleActivities(prisma: PrismaClient, journey: JourneyConfig) {
  // Two years past the start cover any journey and its extended checkpoints.
  const calendarFor = (startDate: string) =>
    loadHolidays(journey.holidaysCountry, journey.extraHolidays, {
      throughYear: Number(startDate.slice(0, 4)) + 2,
    });
  const holidaysFor = (startDate: string) => calendarFor(startDate).dates;

  /**
   * A schedule reaching a year the reviewed file does not cover uses the library's dates there:
   * flagged by a warning and an audit event (read by the API as the run's `calendar`), recorded
   * once per change so a retried activity adds nothing.
   */
  async function flagUnreviewed(runId: string, years: number[], keep: number[] = []) {
    const before = await flaggedYears(runId);
    const after = [...new Set([...keep, ...years])].sort((x, y) => x - y);
    if (years.length > 0) {
      log.warn('schedule reaches years without reviewed holidays: library dates used', {
        runId,
        unreviewedYears: after,
      });
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await recordAudit(prisma, {
      runId,
      actor: 'system:workflow',
      action: CALENDAR_COVERAGE_ACTION,
      entityType: 'onboarding_run',
      entityId: runId,
      before: { unreviewedYears: before },
      after: { unreviewedYears: after },
    });
  }

  async function flaggedYears(runId: string): Promise<number[]> {
    const last = await prisma.auditEvent.findFirst({
      where: { runId, action: CALENDAR_COVERAGE_ACTION },
      orderBy: { id: 'desc' },
    });
    return ((last?.after ?? {}) as { unreviewedYears?: number[] }).unreviewedYears ?? [];
  }

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
          recordAudit(prisma, {
            runId,
            actor: 'system:workflow',
            action: 'run.start-date-changed',
            entityType: 'onboarding_run',
            entityId: runId,
            before: { startDate: run.startDate.toISOString().slice(0, 10) },
            after: { startDate },
          }),
        ]);
      }
      const schedule = toJourneySchedule(plan, start, run.timeZone, holidaysFor(start));
      await flagUnreviewed(
        runId,
        unreviewedYears(calendarFor(start), start, scheduleEnd(schedule.steps, start)),
      );
      return schedule;
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
      const start = run.startDate.toISOString().slice(0, 10);
      const moved = shiftStep(plan, start, run.timeZone, holidaysFor(start), step, dueDate);
      const years = unreviewedYears(calendarFor(start), start, scheduleEnd([moved], start));
      // An extension only adds years: those already flagged for the run stay.
      if (years.length > 0) await flagUnreviewed(runId, years, await flaggedYears(runId));
      return moved;
    },
  };
}
