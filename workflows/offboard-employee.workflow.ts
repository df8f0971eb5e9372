/**
 * The leaving journey of one person (workflow id `offboarding-<hireId>`): the leaving plan's tasks
 * (handover, equipment, exit conversation, knowledge transfer), then at the end of the last working
 * day — or at once on an emergency leave — the revocation of every grant through the same
 * compensation path a cancelled onboarding uses, then verification until nothing remains.
 * A workflow of its own, not a child bound to the onboarding run: see docs/journey.md ("Leaving").
 */
import { condition, setHandler, sleep } from '@temporalio/workflow';
import {
  getOffboardingQuery,
  revokeNowUpdate,
  type Actor,
  type OffboardEmployeeInput,
  type OffboardingStatus,
  type OffboardingView,
  type ScheduledStep,
} from './definitions';
import { revokeAll } from './journey/access';
import { acts, discovery, verification } from './journey/activities';
import { registerCompleteTask } from './journey/handlers';
import { Journey } from './journey/journey';
import { runTask } from './journey/tasks';

/** A Journey whose phase projections stay off: the onboarding run's phase is not the leaving's. */
class Leaving extends Journey {
  status: OffboardingStatus = 'SCHEDULED';
  emergency?: { reason: string; actor: string };
  verifications = 0;
  revokeAt?: string;
  override async publishPhase(): Promise<void> {}
  override searchAttributes(): void {}
}

const isHrOrAdmin = (a: Actor) => a.roles.includes('HR') || a.roles.includes('ADMIN');

export async function offboardEmployee(input: OffboardEmployeeInput): Promise<OffboardingView> {
  const j = new Leaving(input.runId, input.hireId, input.techLeadSub, undefined);
  const view = (): OffboardingView => ({
    status: j.status,
    lastDay: input.lastDay,
    revokeAt: j.revokeAt,
    emergency: Boolean(j.emergency),
    verifications: j.verifications,
    tasks: [...j.tasks.values()],
  });
  registerLeavingHandlers(j, view);

  // `plan`: the version the API pinned at start (absent in older histories: the activity's
  // recorded result pins it). Only an activity argument: replays of older histories are unchanged.
  const leaving = await acts.computeLeaving({
    runId: j.runId,
    lastDay: input.lastDay,
    plan: input.leavingPlan,
  });
  j.revokeAt = leaving.revokeAt;
  j.schedule = { phases: ['LEAVING'], welcomeAt: '', startAt: '', steps: leaving.steps };
  const step: ScheduledStep = {
    ...leaving.steps[0],
    id: 'offboarding',
    kind: 'OFFBOARDING',
    owner: 'HR',
    dueAt: leaving.revokeAt,
    escalations: [],
  };
  const project = async (status: OffboardingStatus, extra: Record<string, unknown> = {}) => {
    j.status = status;
    const data = {
      ...extra,
      status,
      lastDay: input.lastDay,
      revokeAt: leaving.revokeAt,
      emergency: Boolean(j.emergency),
    };
    const stepStatus =
      status === 'COMPLETED' ? 'DONE' : status === 'DRIFT' ? 'ESCALATED' : 'IN_PROGRESS';
    await j.setStep(step, stepStatus, {
      ...data,
      source: input.source,
      plan: `${leaving.planKey}@${leaving.planVersion}`,
    });
  };
  await project('SCHEDULED');
  // A person with no onboarding run: what they hold is asked of the connectors (new input field:
  // no history recorded before it carries `discover`, so their replays issue the same commands).
  if (input.discover) {
    const found = await discovery.discoverGrants({ runId: j.runId });
    await project('SCHEDULED', { discovered: found });
  }
  await acts.notifyRun({
    runId: j.runId,
    template: 'offboarding-started',
    to: ['HR', 'IT', 'TECH_LEAD'],
    key: 'offboarding:started',
    stepId: step.id,
  });

  const tasks = Promise.all(
    leaving.steps.map(async (s) => {
      await j.setStep(s, 'IN_PROGRESS');
      await runTask(j, { key: `${s.id}:task`, step: s, kind: 'GENERIC', assignee: s.owner });
      await j.setStep(s, 'DONE');
    }),
  );

  await j.until(leaving.revokeAt, () => Boolean(j.emergency));
  await project('REVOKING');
  j.granted.push(...(await acts.listGrantsToRevoke({ runId: j.runId })));
  await revokeAll(j);
  await verifyUntilClean(j, project, leaving.retryMinutes);
  await acts.notifyRun({
    runId: j.runId,
    template: 'offboarding-revoked',
    to: ['HR', 'IT'],
    key: 'offboarding:revoked',
    stepId: step.id,
  });
  await tasks;
  await project('COMPLETED', { verifications: j.verifications });
  // The run of a person with no onboarding journey is this leaving journey: it ends with it.
  if (input.source === 'DIRECT')
    await acts.recordRunProgress({ runId: j.runId, status: 'COMPLETED', phase: 'COMPLETED' });
  return view();
}

/**
 * Verification after revocation: what the target systems still show. Drift (or a system that
 * could not be asked) alerts IT, waits, revokes again by force and verifies again, until clean.
 */
async function verifyUntilClean(
  j: Leaving,
  project: (s: OffboardingStatus, extra?: Record<string, unknown>) => Promise<void>,
  retryMinutes: number,
): Promise<void> {
  for (let round = 1; ; round++) {
    await project('VERIFYING', { round });
    j.verifications = round;
    const report = await verification.verifyRunAccess({
      runId: j.runId,
      key: `offboarding:${round}`,
      actor: 'system:workflow',
    });
    const left = report.checks.filter((c) => c.observed === 'PRESENT' || c.observed === 'ERROR');
    if (left.length === 0) {
      await project('REVOKED', { round, verifiedAt: report.verifiedAt });
      return;
    }
    await project('DRIFT', { round, remaining: left.map((c) => c.stepId) });
    await acts.notifyRun({
      runId: j.runId,
      template: 'access-drift',
      to: ['IT'],
      key: `offboarding:drift:${round}`,
      stepId: 'offboarding',
    });
    await sleep(`${retryMinutes} minutes`);
    await revokeAgain(
      j,
      left.map((c) => c.stepId),
    );
  }
}

/** Revokes again (force) the grants verification still found, most recent first. */
async function revokeAgain(j: Leaving, stepIds: string[]): Promise<void> {
  const found = await acts.listGrantsToRevoke({ runId: j.runId, stepIds });
  j.granted.splice(0, j.granted.length, ...found);
  await revokeAll(j, true);
}

function registerLeavingHandlers(j: Leaving, view: () => OffboardingView): void {
  setHandler(getOffboardingQuery, view);
  registerCompleteTask(j);
  setHandler(
    revokeNowUpdate,
    async ({ reason, actor }) => {
      j.emergency = { reason, actor: actor.sub };
      await acts.auditLeaving({
        runId: j.runId,
        key: 'offboarding:revoke-now',
        action: 'offboarding.revoke-now',
        actor: actor.sub,
        after: { reason },
      });
      // Answers once revoked and verified (or drift found: IT is alerted, retries follow).
      await condition(() => ['REVOKED', 'DRIFT', 'COMPLETED'].includes(j.status));
    },
    {
      validator: ({ reason, actor }: { reason: string; actor: Actor }) => {
        if (!isHrOrAdmin(actor)) throw new Error('NotAllowed: only HR may revoke access at once');
        if (!reason?.trim()) throw new Error('Invalid: a reason is required');
        if (j.emergency) return; // asked twice: the same answer
        if (j.status !== 'SCHEDULED') throw new Error(`NotAllowed: access is already ${j.status}`);
      },
    },
  );
}
