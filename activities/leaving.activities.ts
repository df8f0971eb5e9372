/**
 * The leaving journey's side effects besides tasks, emails and revocation (shared with the
 * onboarding): its dates from the leaving plan (computed here, never in the workflow), the grants
 * a person still holds, and the audit of its milestones. See docs/journey.md, "Leaving".
 */
import type { JourneyConfig } from '../config/env';
import { loadHolidays } from '../domain/calendar/holidays';
import { addWorkingDays, zonedDateTimeToInstant } from '../domain/calendar/working-days';
import type { LeavingPlan } from '../domain/plans/leaving.schema';
import type { PrismaClient, Prisma } from '../prisma/client';
import type { LeavingSchedule, OwnerRole, ScheduledStep } from '../workflows/definitions';
import { notFound } from './errors';
import { recordAuditOnce } from '../prisma/audit';
import { findLeavingPlan, type LeavingPlanRef } from './leaving-plan';

/** Who hears when a leaving task is late: the leaver's tech lead, everyone else the head of DF. */
const ESCALATE_TO: Record<OwnerRole, OwnerRole> = {
  HIRE: 'TECH_LEAD',
  TECH_LEAD: 'HEAD_OF_DF',
  IT: 'HEAD_OF_DF',
  HR: 'HEAD_OF_DF',
  HEAD_OF_DF: 'HR',
};

/** The leaving plan's tasks dated back from the last day; they all open `now`. */
export function toLeavingSchedule(
  plan: LeavingPlan,
  lastDay: string,
  timeZone: string,
  holidays: ReadonlySet<string>,
  now: string,
): LeavingSchedule {
  const at = (date: string, time: string) =>
    zonedDateTimeToInstant(date, time, timeZone).toISOString();
  const steps: ScheduledStep[] = plan.tasks.map((t) => {
    const dueDate = addWorkingDays(lastDay, -t.due.workingDaysBeforeLastDay, holidays);
    return {
      id: `leaving-${t.id}`,
      kind: 'TASK',
      phase: 'LEAVING',
      owner: t.owner,
      opensAt: now,
      dueAt: at(dueDate, plan.times.deadline),
      dependsOn: [],
      reminders: [],
      escalations: [
        {
          at: at(addWorkingDays(dueDate, 1, holidays), plan.times.start),
          to: ESCALATE_TO[t.owner],
        },
      ],
    };
  });
  return {
    planKey: plan.key,
    planVersion: plan.version,
    revokeAt: at(lastDay, plan.times.deadline),
    retryMinutes: plan.verification.retryMinutes,
    steps,
  };
}

export function createLeavingActivities(prisma: PrismaClient, journey: JourneyConfig) {
  const holidaysFor = () => loadHolidays(journey.holidaysCountry, journey.extraHolidays).dates;

  return {
    /**
     * The leaving plan version pinned at start (`plan`), else the latest of the default leaving
     * plan (journeys started by an ended trial): the result, recorded in history, pins it.
     */
    async computeLeaving({
      runId,
      lastDay,
      plan,
    }: {
      runId: string;
      lastDay: string;
      plan?: LeavingPlanRef;
    }): Promise<LeavingSchedule> {
      const run = await prisma.onboardingRun.findUnique({ where: { id: runId } });
      if (!run) throw notFound('Run', runId);
      return toLeavingSchedule(
        await findLeavingPlan(prisma, plan),
        lastDay,
        run.timeZone,
        holidaysFor(),
        new Date().toISOString(),
      );
    },

    /**
     * Every grant not yet revoked, oldest first (the workflow revokes them in reverse); with
     * `stepIds`, those grants whatever their status (revoked again when verification found them).
     */
    async listGrantsToRevoke({
      runId,
      stepIds,
    }: {
      runId: string;
      stepIds?: string[];
    }): Promise<ScheduledStep[]> {
      const grants = await prisma.accessGrant.findMany({
        where: stepIds ? { runId, stepId: { in: stepIds } } : { runId, status: { not: 'REVOKED' } },
        orderBy: [{ grantedAt: 'asc' }, { stepId: 'asc' }],
      });
      const steps = await prisma.runStep.findMany({
        where: { runId, stepId: { in: grants.map((g) => g.stepId) } },
      });
      return grants.map((g) => {
        const row = steps.find((s) => s.stepId === g.stepId);
        const dueAt = (row?.dueAt ?? g.grantedAt ?? new Date(0)).toISOString();
        return {
          id: g.stepId,
          kind: 'ACCESS_GRANT',
          phase: row?.phase ?? 'ACCESS',
          owner: 'IT',
          opensAt: dueAt,
          dueAt,
          dependsOn: [],
          reminders: [],
          escalations: [],
          grant: { system: g.system, scope: g.scope, requiresApproval: false },
        };
      });
    },

    /** Audited once per key: a retried activity writes nothing twice. */
    async auditLeaving(input: {
      runId: string;
      key: string;
      action: string;
      actor: string;
      after: Record<string, unknown>;
    }): Promise<void> {
      await recordAuditOnce(prisma, {
        runId: input.runId,
        actor: input.actor,
        action: input.action,
        entityType: 'offboarding',
        entityId: input.key,
        after: input.after as Prisma.InputJsonObject,
      });
    },
  };
}
