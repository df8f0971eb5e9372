/**
 * The leaving journey of a person with no onboarding run, on the time-skipping server: the leaving
 * plan version pinned at start (`leavingPlan`, here a version 2 whose tasks differ from the
 * default) is the one whose steps run; the grants are discovered first (`discover`), revoked at
 * the end of the last working day and verified; the journey's run ends with it (source DIRECT).
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { WorkflowUpdateStage } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type { VerificationActivities } from '../../activities/access-verification.activities';
import type { DiscoveryActivities } from '../../activities/grant-discovery.activities';
import { toLeavingSchedule } from '../../activities/leaving.activities';
import { addWorkingDays } from '../../domain/calendar/working-days';
import { loadLeavingPlan, parseLeavingPlan } from '../../domain/plans/leaving.schema';
import {
  completeTaskUpdate,
  hireActor,
  offboardingWorkflowId,
  type Actor,
  type OffboardEmployeeInput,
  type OffboardingView,
  type OwnerRole,
  type ScheduledStep,
} from '../../workflows/definitions';
import { offboardEmployee } from '../../workflows/offboard-employee.workflow';
import { HOLIDAYS, timeSkippingEnv, TZ } from './journey-harness';

jest.setTimeout(120_000);

const base = loadLeavingPlan();
/** Version 2 of the default leaving plan: two tasks, one of them new. */
const V2 = parseLeavingPlan({
  ...base,
  version: 2,
  tasks: [
    base.tasks.find((t) => t.id === 'handover'),
    {
      id: 'badge-return',
      title: { fr: 'Restitution du badge', en: 'Badge return' },
      owner: 'IT',
      due: { workingDaysBeforeLastDay: 0 },
    },
  ],
});
const PLANS = { 'leaving@1': base, 'leaving@2': V2 } as const;

type Fakes = Pick<
  Activities,
  | 'computeLeaving'
  | 'recordStep'
  | 'openTask'
  | 'recordTaskCompletion'
  | 'escalateTask'
  | 'sendTaskReminder'
  | 'notifyRun'
  | 'listGrantsToRevoke'
  | 'revokeAccess'
  | 'auditLeaving'
  | 'recordRunProgress'
> &
  DiscoveryActivities &
  Pick<VerificationActivities, 'verifyRunAccess'>;

const getEnv = timeSkippingEnv();

describe('leaving a person with no onboarding run', () => {
  const events: { name: string; detail: Record<string, unknown> }[] = [];
  let result: OffboardingView;
  const hireId = randomUUID();
  const runId = randomUUID();

  beforeAll(async () => {
    const env = getEnv();
    const workflowId = offboardingWorkflowId(hireId);
    const log = (name: string, detail: Record<string, unknown> = {}) => {
      events.push({ name, detail });
      return Promise.resolve();
    };
    const actorFor = (role: OwnerRole): Actor =>
      role === 'HIRE'
        ? { sub: hireActor(hireId), roles: ['HIRE'] }
        : role === 'TECH_LEAD'
          ? { sub: 'tl-akossiwa', roles: ['TECH_LEAD'] }
          : { sub: `${role.toLowerCase()}-1`, roles: [role] };
    const discovered: ScheduledStep = {
      id: 'discovered-ldap',
      kind: 'ACCESS_GRANT',
      phase: 'ACCESS',
      owner: 'IT',
      opensAt: new Date(0).toISOString(),
      dueAt: new Date(0).toISOString(),
      dependsOn: [],
      reminders: [],
      escalations: [],
      grant: { system: 'ldap', scope: 'discovered', requiresApproval: false },
    };
    const fakes: Fakes = {
      computeLeaving: async ({ lastDay, plan }) => {
        await log('leaving', { plan });
        const at = new Date(Context.current().info.currentAttemptScheduledTimestampMs);
        const chosen = PLANS[`${plan?.key}@${plan?.version}` as keyof typeof PLANS] ?? base;
        return toLeavingSchedule(chosen, lastDay, TZ, HOLIDAYS, at.toISOString());
      },
      recordStep: (i) => log('step', { stepId: i.step.id, status: i.status }),
      openTask: async (i) => {
        await log('task.opened', { taskKey: i.taskKey, assignee: i.assignee });
        await env.client.workflow.getHandle(workflowId).startUpdate(completeTaskUpdate, {
          args: [{ taskKey: i.taskKey, actor: actorFor(i.assignee), payload: {} }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
      },
      recordTaskCompletion: (i) => log('task.completed', { taskKey: i.taskKey }),
      escalateTask: (i) => log('escalation', { taskKey: i.taskKey }),
      sendTaskReminder: (i) => log('reminder', { taskKey: i.taskKey }),
      notifyRun: (i) => log('notify', { template: i.template }),
      discoverGrants: async () => {
        await log('discover');
        return { found: [{ stepId: discovered.id, system: 'ldap' }], notAsked: [], failed: [] };
      },
      listGrantsToRevoke: async () => {
        await log('grants.listed');
        return [discovered];
      },
      revokeAccess: (i) => log('revoke', { stepId: i.stepId }),
      auditLeaving: (i) => log('audit', { action: i.action }),
      recordRunProgress: (i) => log('progress', { status: i.status }),
      verifyRunAccess: async (i) => {
        await log('verified', { key: i.key });
        return {
          runId,
          key: i.key,
          verifiedAt: new Date().toISOString(),
          drift: false,
          checks: [],
        };
      },
    };
    const taskQueue = `leaving-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('../../workflows'),
        logger: new DefaultLogger('WARN'),
      }),
      activities: fakes,
    });
    const today = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
    const input: OffboardEmployeeInput = {
      runId,
      hireId,
      techLeadSub: 'tl-akossiwa',
      lastDay: addWorkingDays(today, 5, HOLIDAYS),
      startedBy: 'hr-amina',
      source: 'DIRECT',
      leavingPlan: { key: 'leaving', version: 2 },
      discover: true,
    };
    result = await worker.runUntil(
      env.client.workflow.execute(offboardEmployee, { taskQueue, workflowId, args: [input] }),
    );
  });

  const names = () => events.map((e) => e.name);

  it('runs the steps of the pinned leaving plan version, not the latest file', () => {
    expect(events.find((e) => e.name === 'leaving')?.detail.plan).toEqual({
      key: 'leaving',
      version: 2,
    });
    // The tasks open in parallel: their activities may run in either order.
    const opened = events.filter((e) => e.name === 'task.opened').map((e) => e.detail);
    expect(opened).toHaveLength(2);
    expect(opened).toEqual(
      expect.arrayContaining([
        { taskKey: 'leaving-handover:task', assignee: 'TECH_LEAD' },
        { taskKey: 'leaving-badge-return:task', assignee: 'IT' },
      ]),
    );
    expect(result.tasks.map((t) => [t.key, t.status]).sort()).toEqual([
      ['leaving-badge-return:task', 'DONE'],
      ['leaving-handover:task', 'DONE'],
    ]);
  });

  it('discovers the grants before anyone is told, then revokes and verifies them', () => {
    expect(names().indexOf('discover')).toBeLessThan(names().indexOf('notify'));
    expect(events.filter((e) => e.name === 'revoke').map((e) => e.detail.stepId)).toEqual([
      'discovered-ldap',
    ]);
    expect(events.filter((e) => e.name === 'verified').map((e) => e.detail.key)).toEqual([
      'offboarding:1',
    ]);
  });

  it('ends the run of the leaving journey with it', () => {
    expect(result.status).toBe('COMPLETED');
    expect(events.filter((e) => e.name === 'progress').map((e) => e.detail.status)).toEqual([
      'COMPLETED',
    ]);
    expect(names().at(-1)).toBe('progress');
  });
});
