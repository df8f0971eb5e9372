/**
 * In-memory activities for the journey benchmark (as test/workflows/journey-harness.ts, without
 * jest): the schedule comes from the real default plan and Togo's holidays, and every task is
 * completed through the workflow's real completeTask update as soon as it opens.
 */
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { Activities } from '../../activities';
import { shiftStep, toJourneySchedule } from '../../activities/schedule.activities';
import { loadHolidays } from '../../domain/calendar/holidays';
import { loadPlans } from '../../domain/plans/load-plans';
import {
  completeTaskUpdate,
  hireActor,
  type AccessReport,
  type Actor,
  type JourneySchedule,
  type OwnerRole,
  type TaskKind,
  type TaskPayload,
  type VerifyAccessInput,
} from '../../workflows/definitions';

const PLAN = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
const HOLIDAYS = loadHolidays('TG').dates;
export const TZ = 'Africa/Lome';
export const TECH_LEAD = 'tl-bench';

export interface JourneyCounters {
  activities: number;
  tasks: number;
}

/**
 * Fakes for what the journey calls. Partial: an activity added to the engine later and missing
 * here fails on the worker as "not registered", which shows up as a run that does not complete.
 */
export function journeyFakes(
  hireId: string,
  startDate: string,
  handle: () => WorkflowHandle,
  counters: JourneyCounters,
): Partial<Activities> & { verifyRunAccess(i: VerifyAccessInput): Promise<AccessReport> } {
  let schedule: JourneySchedule = toJourneySchedule(PLAN, startDate, TZ, HOLIDAYS);
  let currentStart = startDate;
  const done = <T>(value: T) => {
    counters.activities++;
    return Promise.resolve(value);
  };
  const actorFor = (role: OwnerRole, sub?: string): Actor =>
    sub
      ? { sub, roles: [role] }
      : role === 'HIRE'
        ? { sub: hireActor(hireId), roles: ['HIRE'] }
        : role === 'TECH_LEAD'
          ? { sub: TECH_LEAD, roles: ['TECH_LEAD'] }
          : { sub: `${role.toLowerCase()}-1`, roles: [role] };
  const payloadFor = (stepId: string, kind: TaskKind, documentId?: string): TaskPayload => {
    const doc = schedule.steps
      .find((s) => s.id === stepId)
      ?.documents?.find((d) => d.id === documentId);
    switch (kind) {
      case 'ACK_DOCUMENT':
        return { documentVersion: doc?.version, contentHash: doc?.contentHash };
      case 'APPROVE_ACCESS':
        return { approve: true };
      case 'REVIEW_CHECKPOINT':
        return { decision: 'APPROVE', notes: 'on track' };
      case 'ATTEND_TOUR':
        return { reflection: 'learned a lot' };
      case 'SELF_ASSESSMENT':
        return { assessment: 'going well' };
      case 'PROVISION_ACCESS':
        return { externalRef: `manual:${stepId}` };
      default:
        return {};
    }
  };

  return {
    recordRunProgress: () => done(undefined),
    sendWelcomeEmail: () => done('<welcome@bench>'),
    computeSchedule: ({ startDate: next }) => {
      if (next) {
        currentStart = next;
        schedule = toJourneySchedule(PLAN, next, TZ, HOLIDAYS);
      }
      return done(schedule);
    },
    rescheduleStep: ({ step, dueDate }) =>
      done(shiftStep(PLAN, currentStart, TZ, HOLIDAYS, step, dueDate)),
    recordStep: () => done(undefined),
    openTask: async (i) => {
      counters.activities++;
      counters.tasks++;
      await handle().startUpdate(completeTaskUpdate, {
        args: [
          {
            taskKey: i.taskKey,
            actor: actorFor(i.assignee, i.assigneeSub),
            payload: payloadFor(i.stepId, i.kind, i.documentId),
          },
        ],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    },
    recordTaskCompletion: () => done(undefined),
    sendTaskReminder: () => done(undefined),
    escalateTask: () => done(undefined),
    notifyRun: () => done(undefined),
    cancelOpenTasks: () => done(0),
    recordDecision: () => done(undefined),
    recordGrant: () => done(undefined),
    grantAccess: (i) => done({ mode: 'AUTOMATIC' as const, externalRef: `${i.system}:${hireId}` }),
    revokeAccess: () => done(undefined),
    // Checkpoints reconcile granted access: every grant here is in place, no drift.
    verifyRunAccess: ({ runId, key }) =>
      done({ runId, key, verifiedAt: new Date().toISOString(), drift: false, checks: [] }),
  };
}
