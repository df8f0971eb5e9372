/**
 * The trial period of a run: its dates on the working-day calendar (computed here, never in the
 * workflow), what the tech lead sees when deciding (the 30/60/90 checkpoint outcomes), and the
 * audit of each decision. See docs/journey.md, "End of the trial period".
 */
import type { JourneyConfig } from '../config/env';
import { loadHolidays } from '../domain/calendar/holidays';
import { trialDates, trialEndDate } from '../domain/calendar/trial-period';
import { addCalendarDays } from '../domain/calendar/working-days';
import { parsePlan, type TrialPolicy } from '../domain/plans/plan.schema';
import type { PrismaClient } from '../prisma/client';
import type { TrialSchedule } from '../workflows/definitions';
import { notFound } from './errors';
import { recordAuditOnce } from '../prisma/audit';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The trial from `startDate`, or its one renewal to `renewTo`: from the day after the first period,
 * capped at the first period's length (the code allows a renewal for an identical or shorter one).
 */
export function toTrialSchedule(
  policy: TrialPolicy,
  times: { start: string; deadline: string },
  startDate: string,
  timeZone: string,
  holidays: ReadonlySet<string>,
  renewTo?: string,
): TrialSchedule {
  const first = trialEndDate(startDate, policy.length, holidays);
  let from = startDate;
  let endDate = first;
  if (renewTo) {
    from = addCalendarDays(first, 1);
    const longest = trialEndDate(from, policy.length, holidays);
    endDate = renewTo < longest ? renewTo : longest;
  }
  const d = trialDates(policy, from, endDate, times, timeZone, holidays);
  return {
    step: {
      id: 'trial-period',
      kind: 'TRIAL',
      phase: 'TRIAL',
      owner: 'TECH_LEAD',
      opensAt: d.decisionOpensAt,
      dueAt: d.decisionDueAt,
      dependsOn: [],
      reminders: [],
      escalations: d.escalations,
    },
    from,
    endDate,
    lastWorkingDay: d.lastWorkingDay,
    endsAt: d.endsAt,
    renewable: policy.renewable,
    renewed: Boolean(renewTo),
    noticeDays: policy.noticeDays,
  };
}

export function createTrialActivities(prisma: PrismaClient, journey: JourneyConfig) {
  const holidaysFor = () => loadHolidays(journey.holidaysCountry, journey.extraHolidays).dates;

  return {
    /** The trial's dates (toTrialSchedule), or null when the plan declares none. */
    async computeTrial({
      runId,
      renewTo,
    }: {
      runId: string;
      renewTo?: string;
    }): Promise<TrialSchedule | null> {
      const run = await prisma.onboardingRun.findUnique({
        where: { id: runId },
        include: { plan: true },
      });
      if (!run) throw notFound('Run', runId);
      const plan = run.plan ? parsePlan(run.plan.definition) : undefined;
      if (!plan?.trial) return null;
      return toTrialSchedule(
        plan.trial,
        plan.times,
        isoDay(run.startDate),
        run.timeZone,
        holidaysFor(),
        renewTo,
      );
    },

    /** The checkpoint outcomes shown with the decision: status and decision, never the notes. */
    async trialContext({ runId }: { runId: string }): Promise<Record<string, unknown>> {
      const [steps, decisions] = await Promise.all([
        prisma.runStep.findMany({
          where: { runId, kind: 'CHECKPOINT' },
          select: { stepId: true, status: true },
          orderBy: { dueAt: 'asc' },
        }),
        prisma.auditEvent.findMany({
          where: { runId, action: 'checkpoint.decided' },
          select: { entityId: true, after: true },
          orderBy: { at: 'asc' },
        }),
      ]);
      return {
        checkpoints: steps.map((s) => {
          const last = decisions.filter((e) => e.entityId.startsWith(`${s.stepId}:`)).at(-1);
          const decision = (last?.after as { decision?: string } | null)?.decision ?? null;
          return { stepId: s.stepId, status: s.status, decision };
        }),
      };
    },

    /** Audited once per round and decision (a retried activity writes nothing twice). */
    async recordTrialDecision(input: {
      runId: string;
      round: number;
      decision: string;
      actor: string;
      newDate: string | null;
      lastDay: string | null;
      reason: string | null;
    }): Promise<void> {
      const entityId = `trial-period:${input.round}:${input.decision}`;
      await recordAuditOnce(prisma, {
        runId: input.runId,
        actor: input.actor,
        action: 'trial.decided',
        entityType: 'run_step',
        entityId,
        after: {
          decision: input.decision,
          newDate: input.newDate,
          lastDay: input.lastDay,
          reason: input.reason,
        },
      });
    },
  };
}
