/**
 * Runs onboardHire on the time-skipping server with in-memory activity fakes typed from the real
 * activities. The schedule comes from the real default plan and Togo's holidays (pure code), and
 * people act through the workflow's real completeTask update, as the API does.
 *
 * Tests react to what the workflow does through hooks awaited inside the activity that reported
 * it, so a reaction (an update, a signal) lands at that exact workflow time.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { VerificationActivities } from '../../activities/access-verification.activities';
import { toLeavingSchedule } from '../../activities/leaving.activities';
import { shiftStep, toJourneySchedule } from '../../activities/schedule.activities';
import { toTrialSchedule } from '../../activities/trial.activities';
import { loadLeavingPlan } from '../../domain/plans/leaving.schema';
import { loadHolidays } from '../../domain/calendar/holidays';
import { loadPlans } from '../../domain/plans/load-plans';
import { onboardHire } from '../../workflows';
import {
  completeTaskUpdate,
  hireActor,
  offboardingWorkflowId,
  onboardingWorkflowId,
  type OffboardingView,
  type AccessReport,
  type Actor,
  type JourneySchedule,
  type OnboardingState,
  type OwnerRole,
  type TaskKind,
  type TaskPayload,
} from '../../workflows/definitions';
import { createTimeSkippingEnv } from '../support/time-skipping';

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
  /** A named assignee (a tour's peer guide). */
  assigneeSub?: string;
}

export interface JourneyRun {
  events: Event[];
  /** The schedule in force: recomputed when the workflow asks for a new start date. */
  schedule: JourneySchedule;
  hireId: string;
  handle: WorkflowHandle<typeof onboardHire>;
  actorFor(role: OwnerRole): Actor;
  payloadFor(task: OpenedTask): TaskPayload;
  complete(task: OpenedTask, payload?: TaskPayload, actor?: Actor): Promise<void>;
  /** The leaving journey's result, when the behaviour awaited it. */
  leaving?: OffboardingView;
}

export interface Behaviour {
  /** Called when a task opens (inside the openTask activity); default: complete it at once. */
  onTask?: (task: OpenedTask, run: JourneyRun) => Promise<void> | void;
  /** Called for each grant; throw to simulate a connector failure. */
  onGrant?: (system: string, run: JourneyRun) => Promise<void> | void;
  /** Called for every event, inside the activity that logged it (before onTask/onGrant). */
  onEvent?: (event: Event, run: JourneyRun) => Promise<void> | void;
  /** Peer guides named at start (workflow input `tourGuides`). */
  tourGuides?: Record<string, string>;
  /** Gives the run the default plan's trial period (default: none, as in older plans). */
  trial?: boolean;
  /** finish() also waits for the leaving journey (offboarding-<hireId>) an END starts. */
  awaitLeaving?: boolean;
  /** What the target systems show at a verification; default: everything as recorded. */
  onVerify?: (key: string, run: JourneyRun) => AccessReport | Promise<AccessReport>;
}

export interface StartedJourney {
  run: JourneyRun;
  /**
   * Lets time skip to the end of the run and returns its result. Until then the test server's
   * clock is locked: the test moves it with `env.sleep` and acts in between.
   */
  finish(): Promise<OnboardingState>;
}

/**
 * A time-skipping server for the enclosing `describe`. Its clock is global and only moves forward
 * (after a run it has skipped years ahead), so each run that asserts dates gets its own.
 */
export function timeSkippingEnv(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());
  return () => env!;
}

// One workflow bundle per test file (each file has its own module registry).
let bundle: Promise<WorkflowBundle> | undefined;
const workflowBundle = () =>
  (bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  }));

export async function startJourney(
  env: TestWorkflowEnvironment,
  startDate: string,
  behaviour: Behaviour = {},
): Promise<StartedJourney> {
  const events: Event[] = [];
  const hireId = randomUUID();
  const runId = randomUUID();
  let currentStart = startDate;
  const run = { events, hireId } as JourneyRun;
  run.schedule = toJourneySchedule(PLAN, startDate, TZ, HOLIDAYS);
  const log = async (name: string, detail: Record<string, unknown> = {}) => {
    const at = new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString();
    const event = { at, name, detail };
    events.push(event);
    if (process.env.DEBUG_JOURNEY) console.log(at, name, JSON.stringify(detail));
    await behaviour.onEvent?.(event, run);
  };
  run.actorFor = (role) =>
    role === 'HIRE'
      ? { sub: hireActor(hireId), roles: ['HIRE'] }
      : role === 'TECH_LEAD'
        ? { sub: TECH_LEAD, roles: ['TECH_LEAD'] }
        : { sub: `${role.toLowerCase()}-1`, roles: [role] };
  run.payloadFor = (task) => {
    // Trial and leaving tasks belong to run-level steps, not to the plan's schedule.
    const step = run.schedule.steps.find((s) => s.id === task.stepId);
    const doc = step?.documents?.find((d) => d.id === task.documentId);
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
      case 'TRIAL_DECISION':
        return { trialDecision: 'CONFIRM' };
      case 'COSIGN_TRIAL_END':
        return { approve: true };
      default:
        return {};
    }
  };
  run.complete = async (task, payload, actor) => {
    // Leaving tasks belong to the leaving journey's own workflow.
    const handle = task.taskKey.startsWith('leaving-')
      ? env.client.workflow.getHandle(offboardingWorkflowId(hireId))
      : run.handle;
    await handle.startUpdate(completeTaskUpdate, {
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

  const activities: Activities & VerificationActivities = {
    // The tech leads' digest is its own workflow (test/e2e/digest.e2e.test.ts).
    planTechLeadDigest: () => Promise.reject(new Error('not part of the journey')),
    sendTechLeadDigest: () => Promise.reject(new Error('not part of the journey')),
    recordRunProgress: (i) =>
      log('progress', { status: i.status, phase: i.phase, reason: i.reason, actor: i.actor }),
    sendWelcomeEmail: async () => {
      await log('welcome');
      return '<welcome@test>';
    },
    // Like the real activity: a new start date (before the start) re-plans the whole run.
    computeSchedule: async ({ startDate: next }) => {
      if (next) {
        currentStart = next;
        run.schedule = toJourneySchedule(PLAN, next, TZ, HOLIDAYS);
      }
      await log('schedule', { startDate: currentStart });
      return run.schedule;
    },
    rescheduleStep: ({ step, dueDate }) =>
      Promise.resolve(shiftStep(PLAN, currentStart, TZ, HOLIDAYS, step, dueDate)),
    recordStep: (i) => log('step', { stepId: i.step.id, status: i.status, data: i.data }),
    openTask: async (i) => {
      const task: OpenedTask = {
        taskKey: i.taskKey,
        stepId: i.stepId,
        kind: i.kind,
        assignee: i.assignee,
        documentId: i.documentId,
        assigneeSub: i.assigneeSub,
      };
      await log('task.opened', {
        taskKey: i.taskKey,
        assignee: i.assignee,
        assigneeSub: i.assigneeSub,
        context: i.context,
      });
      await onTask(task, run);
    },
    recordTaskCompletion: (i) =>
      log('task.completed', { taskKey: i.taskKey, actor: i.actor, payload: i.payload }),
    sendTaskReminder: (i) => log('reminder', { taskKey: i.taskKey }),
    escalateTask: (i) => log('escalation', { taskKey: i.taskKey, to: i.to }),
    notifyRun: (i) => log('notify', { template: i.template, to: i.to, stepId: i.stepId }),
    cancelOpenTasks: async () => {
      await log('tasks.cancelled');
      return 0;
    },
    recordDecision: (i) =>
      log('decision', {
        stepId: i.stepId,
        decision: i.decision,
        round: i.round,
        actor: i.actor,
        newDate: i.newDate,
      }),
    recordGrant: (i) => log('granted', { stepId: i.stepId, externalRef: i.externalRef }),
    grantAccess: async (i) => {
      await log('grant', { stepId: i.stepId, system: i.system });
      await behaviour.onGrant?.(i.system, run);
      return { mode: 'AUTOMATIC', externalRef: `${i.system}:${hireId}` };
    },
    revokeAccess: (i) => log('revoke', { stepId: i.stepId, system: i.system }),
    reassignTask: (i) =>
      log('task.reassigned', { taskKey: i.taskKey, assigneeSub: i.assigneeSub, actor: i.actor }),
    computeTrial: async ({ renewTo }) => {
      if (!behaviour.trial) return null;
      const trial = toTrialSchedule(PLAN.trial!, PLAN.times, currentStart, TZ, HOLIDAYS, renewTo);
      await log('trial', { endDate: trial.endDate, renewed: trial.renewed });
      return trial;
    },
    trialContext: () => Promise.resolve({ checkpoints: [] }),
    recordTrialDecision: (i) =>
      log('trial.decided', { decision: i.decision, round: i.round, lastDay: i.lastDay }),
    computeLeaving: async ({ lastDay }) => {
      const at = new Date(Context.current().info.currentAttemptScheduledTimestampMs);
      await log('leaving', { lastDay });
      return toLeavingSchedule(loadLeavingPlan(), lastDay, TZ, HOLIDAYS, at.toISOString());
    },
    listGrantsToRevoke: async ({ stepIds }) => {
      const held = (name: string) =>
        new Set(events.filter((e) => e.name === name).map((e) => e.detail.stepId as string));
      const granted = held('granted');
      const revoked = held('revoke');
      const ids = stepIds ?? [...granted].filter((id) => !revoked.has(id));
      await log('grants.listed', { stepIds: ids });
      // In the order granted, like the real activity (oldest first).
      return ids.map((id) => run.schedule.steps.find((s) => s.id === id)!);
    },
    auditLeaving: (i) => log('audit', { action: i.action, actor: i.actor }),
    verifyRunAccess: async (i) => {
      const report = behaviour.onVerify
        ? await behaviour.onVerify(i.key, run)
        : { runId, key: i.key, verifiedAt: new Date().toISOString(), drift: false, checks: [] };
      await log('access.verified', { key: i.key, drift: report.drift });
      return report;
    },
  };

  const taskQueue = `journey-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  run.handle = await env.client.workflow.start(onboardHire, {
    taskQueue,
    workflowId: onboardingWorkflowId(hireId),
    args: [
      {
        runId,
        hireId,
        startDate,
        timeZone: TZ,
        techLeadSub: TECH_LEAD,
        ...(behaviour.tourGuides ? { tourGuides: behaviour.tourGuides } : {}),
      },
    ],
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const outcome = worker.runUntil(
    released.then(async () => {
      const result = await run.handle.result();
      // The leaving journey outlives the run (ABANDON): the worker stays up until it ends.
      if (behaviour.awaitLeaving)
        run.leaving = (await env.client.workflow
          .getHandle(offboardingWorkflowId(hireId))
          .result()) as OffboardingView;
      return result;
    }),
  );
  outcome.catch(() => undefined); // a failure is reported by finish()
  return {
    run,
    finish: () => {
      release();
      return outcome;
    },
  };
}

/** Starts a run and lets it play to its end. */
export async function runJourney(
  env: TestWorkflowEnvironment,
  startDate: string,
  behaviour: Behaviour = {},
) {
  const { run, finish } = await startJourney(env, startDate, behaviour);
  return { run, result: await finish() };
}

export const named = (events: Event[], name: string) => events.filter((e) => e.name === name);
export const rejected = (message: string) =>
  ApplicationFailure.nonRetryable(message, 'ProvisioningRejected');
