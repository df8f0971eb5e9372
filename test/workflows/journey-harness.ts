/**
 * Runs onboardHire on the time-skipping server with in-memory activity fakes typed from the real
 * activities. The schedule comes from the real default plan and Togo's holidays (pure code), and
 * people act through the workflow's real completeTask update, as the API does.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { shiftStep, toJourneySchedule } from '../../activities/schedule.activities';
import { loadHolidays } from '../../config/calendar/holidays';
import { loadPlans } from '../../config/plans/load-plans';
import { onboardHire } from '../../workflows';
import {
  completeTaskUpdate,
  hireActor,
  onboardingWorkflowId,
  type Actor,
  type JourneySchedule,
  type OwnerRole,
  type TaskKind,
  type TaskPayload,
} from '../../workflows/definitions';

export const PLAN = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
export const HOLIDAYS = loadHolidays('TG').dates;
export const TZ = 'Africa/Lome';
export const TECH_LEAD = 'tl-akossiwa';

export interface Event {
  /** Workflow time (skipped) at which the activity was scheduled. */
  at: string;
  name: string;
  detail: Record<string, unknown>;
}

export interface OpenedTask {
  taskKey: string;
  stepId: string;
  kind: TaskKind;
  assignee: OwnerRole;
  documentId?: string;
}

export interface JourneyRun {
  events: Event[];
  schedule: JourneySchedule;
  hireId: string;
  handle: WorkflowHandle<typeof onboardHire>;
  actorFor(role: OwnerRole): Actor;
  payloadFor(task: OpenedTask): TaskPayload;
  complete(task: OpenedTask, payload?: TaskPayload, actor?: Actor): Promise<void>;
}

export interface Behaviour {
  /** Called when a task opens (inside the openTask activity); default: complete it at once. */
  onTask?: (task: OpenedTask, run: JourneyRun) => Promise<void> | void;
  /** Called for each grant; throw to simulate a connector failure. */
  onGrant?: (system: string, run: JourneyRun) => Promise<void> | void;
}

export async function runJourney(
  env: TestWorkflowEnvironment,
  startDate: string,
  behaviour: Behaviour = {},
) {
  const events: Event[] = [];
  const hireId = randomUUID();
  const runId = randomUUID();
  const schedule = toJourneySchedule(PLAN, startDate, TZ, HOLIDAYS);
  const log = (name: string, detail: Record<string, unknown> = {}) => {
    const at = new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString();
    events.push({ at, name, detail });
    if (process.env.DEBUG_JOURNEY) console.log(at, name, JSON.stringify(detail));
  };
  const ok = () => Promise.resolve();
  const run = { events, schedule, hireId } as JourneyRun;
  run.actorFor = (role) =>
    role === 'HIRE'
      ? { sub: hireActor(hireId), roles: ['HIRE'] }
      : role === 'TECH_LEAD'
        ? { sub: TECH_LEAD, roles: ['TECH_LEAD'] }
        : { sub: `${role.toLowerCase()}-1`, roles: [role] };
  run.payloadFor = (task) => {
    const step = schedule.steps.find((s) => s.id === task.stepId)!;
    const doc = step.documents?.find((d) => d.id === task.documentId);
    switch (task.kind) {
      case 'ACK_DOCUMENT':
        return { documentVersion: doc!.version, contentHash: doc!.contentHash };
      case 'APPROVE_ACCESS':
        return { approve: true };
      case 'REVIEW_CHECKPOINT':
        return { decision: 'APPROVE', notes: 'on track' };
      case 'ATTEND_TOUR':
        return { reflection: 'learned a lot' };
      case 'SELF_ASSESSMENT':
        return { assessment: 'going well' };
      case 'PROVISION_ACCESS':
        return { externalRef: `manual:${task.stepId}` };
      default:
        return {};
    }
  };
  run.complete = async (task, payload, actor) => {
    await run.handle.startUpdate(completeTaskUpdate, {
      args: [
        {
          taskKey: task.taskKey,
          actor: actor ?? run.actorFor(task.assignee),
          payload: payload ?? run.payloadFor(task),
        },
      ],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
  };
  const onTask = behaviour.onTask ?? ((task: OpenedTask) => run.complete(task));

  const activities: Activities = {
    recordRunProgress: (i) => (log('progress', { status: i.status, phase: i.phase }), ok()),
    sendWelcomeEmail: () => (log('welcome'), Promise.resolve('<welcome@test>')),
    computeSchedule: () => Promise.resolve(schedule),
    rescheduleStep: ({ step, dueDate }) =>
      Promise.resolve(shiftStep(PLAN, startDate, TZ, HOLIDAYS, step, dueDate)),
    recordStep: (i) => (log('step', { stepId: i.step.id, status: i.status }), ok()),
    openTask: async (i) => {
      log('task.opened', { taskKey: i.taskKey, assignee: i.assignee });
      await onTask(
        {
          taskKey: i.taskKey,
          stepId: i.stepId,
          kind: i.kind,
          assignee: i.assignee,
          documentId: i.documentId,
        },
        run,
      );
    },
    recordTaskCompletion: (i) => (
      log('task.completed', { taskKey: i.taskKey, actor: i.actor }),
      ok()
    ),
    sendTaskReminder: (i) => (log('reminder', { taskKey: i.taskKey }), ok()),
    escalateTask: (i) => (log('escalation', { taskKey: i.taskKey, to: i.to }), ok()),
    notifyRun: (i) => (log('notify', { template: i.template, to: i.to }), ok()),
    cancelOpenTasks: () => (log('tasks.cancelled'), Promise.resolve(0)),
    recordDecision: (i) => (log('decision', { stepId: i.stepId, decision: i.decision }), ok()),
    recordGrant: (i) => (log('granted', { stepId: i.stepId }), ok()),
    grantAccess: async (i) => {
      log('grant', { stepId: i.stepId, system: i.system });
      await behaviour.onGrant?.(i.system, run);
      return { mode: 'AUTOMATIC', externalRef: `${i.system}:${hireId}` };
    },
    revokeAccess: (i) => (log('revoke', { stepId: i.stepId }), ok()),
  };

  const taskQueue = `journey-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  run.handle = await env.client.workflow.start(onboardHire, {
    taskQueue,
    workflowId: onboardingWorkflowId(hireId),
    args: [{ runId, hireId, startDate, timeZone: TZ, techLeadSub: TECH_LEAD }],
  });
  const result = await worker.runUntil(run.handle.result());
  return { run, result };
}

export const named = (events: Event[], name: string) => events.filter((e) => e.name === name);
export const rejected = (message: string) =>
  ApplicationFailure.nonRetryable(message, 'ProvisioningRejected');
