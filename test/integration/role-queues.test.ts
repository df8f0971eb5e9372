/**
 * The SQL behind the head of DF's escalations and IT's provisioning queue, on a real PostgreSQL
 * database with the rows the engine writes (docs/api.md, "Oversight", "Provisioning queue"): each
 * escalation reason, what is left out (done tasks, closed runs, escalations to someone else), the
 * failed/manual split of grants, drift from the latest verification only, counts and paging.
 * The end-to-end paths (a real escalation, a real failed grant) are in
 * test/e2e/console-roles.e2e.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { OversightRepository } from '../../apps/api/src/oversight/oversight.repository';
import { OversightService } from '../../apps/api/src/oversight/oversight.service';
import { ProvisioningRepository } from '../../apps/api/src/provisioning/provisioning.repository';
import { loadPlans } from '../../domain/plans/load-plans';
import { createPrismaClient, type PrismaClient } from '../../prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let prisma: PrismaClient;
let planId: string;
const plan = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
const head = { sub: 'head-df', roles: ['HEAD_OF_DF' as const] };
const past = new Date(Date.now() - 86_400_000);

async function run(name: string, status: 'RUNNING' | 'CANCELLED' = 'RUNNING') {
  const hire = await prisma.hire.create({
    data: { fullName: name, email: `${randomUUID()}@example.tg`, locale: 'fr' },
  });
  const r = await prisma.onboardingRun.create({
    data: {
      hireId: hire.id,
      workflowId: `onboarding-${hire.id}`,
      status,
      startDate: new Date('2027-01-04'),
      planId,
      createdBy: 'test',
    },
  });
  return r.id;
}

async function task(
  runId: string,
  stepId: string,
  kind: string,
  assigneeRole: string,
  status: 'OPEN' | 'DONE' = 'OPEN',
) {
  await prisma.task.create({
    data: { runId, taskKey: `${stepId}:${kind}`, stepId, kind, assigneeRole, status, dueAt: past },
  });
}

/** The audit and email rows the workflow leaves, as its activities write them. */
const escalatedTo = (runId: string, taskKey: string, to: string) =>
  prisma.auditEvent.create({
    data: {
      runId,
      actor: 'system:workflow',
      action: 'task.escalated',
      entityType: 'task',
      entityId: taskKey,
      after: { to, occurrence: 1 },
    },
  });
const failedNotice = (runId: string, stepId: string, role: string) =>
  prisma.emailLog.create({
    data: {
      idempotencyKey: `${runId}:notice:${stepId}:failed:${role}`,
      runId,
      recipient: `${role.toLowerCase()}@example.tg`,
      template: 'notice:provisioning-failed',
    },
  });
const verified = (runId: string, at: Date, checks: { stepId: string; drift: boolean }[]) =>
  prisma.auditEvent.create({
    data: {
      runId,
      actor: 'it-edem',
      action: 'access.verified',
      entityType: 'access_grant',
      entityId: `${runId}:${randomUUID()}`,
      at,
      after: {
        drift: checks.some((c) => c.drift),
        checks: checks.map((c) => ({
          ...c,
          system: 'git',
          expected: 'GRANTED',
          observed: c.drift ? 'ABSENT' : 'PRESENT',
        })),
      },
    },
  });

const runs: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient({ url: db.url, schema: 'public', poolSize: 3 });
  planId = (
    await prisma.plan.create({
      data: { key: plan.key, version: 1, definition: plan, createdBy: 'test' },
    })
  ).id;
  runs.checkpoint = await run('Ama Checkpoint');
  await task(runs.checkpoint, 'checkpoint-day-30', 'REVIEW_CHECKPOINT', 'HEAD_OF_DF');
  await task(runs.checkpoint, 'checkpoint-day-60', 'REVIEW_CHECKPOINT', 'HEAD_OF_DF', 'DONE');
  await task(runs.checkpoint, 'grant-production-db-read', 'APPROVE_ACCESS', 'TECH_LEAD');
  await escalatedTo(runs.checkpoint, 'grant-production-db-read:APPROVE_ACCESS', 'HEAD_OF_DF');
  await task(runs.checkpoint, 'assign-onboarding-buddy', 'GENERIC', 'TECH_LEAD');
  await escalatedTo(runs.checkpoint, 'assign-onboarding-buddy:GENERIC', 'HR');

  runs.cosign = await run('Kofi Cosign');
  await task(runs.cosign, 'trial-period', 'COSIGN_TRIAL_END', 'HEAD_OF_DF');
  await prisma.runStep.create({
    data: {
      runId: runs.cosign,
      stepId: 'trial-period',
      kind: 'TRIAL',
      phase: 'TRIAL',
      status: 'IN_PROGRESS',
      data: { status: 'AWAITING_COSIGN' },
    },
  });

  runs.lapsed = await run('Edem Lapsed');
  await task(runs.lapsed, 'trial-period', 'TRIAL_DECISION', 'TECH_LEAD');
  await prisma.runStep.create({
    data: {
      runId: runs.lapsed,
      stepId: 'trial-period',
      kind: 'TRIAL',
      phase: 'TRIAL',
      status: 'ESCALATED',
      data: { status: 'LAPSED' },
    },
  });

  runs.grants = await run('Yawa Grants');
  await task(runs.grants, 'grant-container-registry', 'PROVISION_ACCESS', 'IT');
  await failedNotice(runs.grants, 'grant-container-registry', 'IT');
  await failedNotice(runs.grants, 'grant-container-registry', 'HEAD_OF_DF');
  await task(runs.grants, 'grant-vpn', 'PROVISION_ACCESS', 'IT');
  await verified(runs.grants, new Date(Date.now() - 60_000), [
    { stepId: 'grant-git-repositories', drift: true },
  ]);
  await verified(runs.grants, new Date(), [{ stepId: 'grant-git-repositories', drift: false }]);

  runs.cancelled = await run('Afi Cancelled', 'CANCELLED');
  await task(runs.cancelled, 'checkpoint-day-30', 'REVIEW_CHECKPOINT', 'HEAD_OF_DF');
  await task(runs.cancelled, 'grant-vpn', 'PROVISION_ACCESS', 'IT');
  await verified(runs.cancelled, new Date(), [
    { stepId: 'grant-git-repositories', drift: true },
    { stepId: 'grant-vpn', drift: false },
  ]);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('escalations to the head of the Digital Factory', () => {
  const service = () => new OversightService(new OversightRepository(prisma));

  it('lists each open escalation of an active run once, with its reason', async () => {
    const page = await service().escalations(head, 100, 0);
    const seen = page.items.map((e) => [e.runId, e.stepId, e.reason, e.actionable]).sort();
    expect(seen).toEqual(
      [
        [runs.checkpoint, 'checkpoint-day-30', 'CHECKPOINT_ESCALATED', true],
        [runs.checkpoint, 'grant-production-db-read', 'OVERDUE_ESCALATED', true],
        [runs.cosign, 'trial-period', 'TRIAL_COSIGN', true],
        [runs.lapsed, 'trial-period', 'TRIAL_LAPSED', true],
        [runs.grants, 'grant-container-registry', 'GRANT_FAILED', false],
      ].sort(),
    );
    expect(page.total).toBe(5);
    expect(page.items.every((e) => e.overdue)).toBe(true);
    const checkpoint = page.items.find((e) => e.reason === 'CHECKPOINT_ESCALATED')!;
    expect(checkpoint.stepTitle).toEqual(
      plan.phases.flatMap((p) => p.steps).find((st) => st.id === 'checkpoint-day-30')!.title,
    );
  });

  it('pages the same list, oldest escalation first', async () => {
    const all = (await service().escalations(head, 100, 0)).items.map((e) => e.taskId);
    const first = await service().escalations(head, 2, 0);
    const rest = await service().escalations(head, 3, 2);
    expect([...first.items, ...rest.items].map((e) => e.taskId)).toEqual(all);
    const since = first.items.concat(rest.items).map((e) => e.since);
    expect([...since].sort()).toEqual(since);
  });

  it('counts runs by status and phase, overdue runs and trials at risk', async () => {
    const o = await service().overview();
    expect(o.total).toBe(5);
    expect(o.byStatus).toEqual(
      expect.arrayContaining([
        { key: 'RUNNING', count: 4 },
        { key: 'CANCELLED', count: 1 },
      ]),
    );
    expect(o.byPhase).toEqual([{ key: 'PRE_BOARDING', count: 4 }]);
    expect(o.overdue).toBe(4);
    expect(o.trialAtRisk).toBe(2);
    expect(o.escalations).toBe(5);
  });
});

describe('IT’s provisioning queue', () => {
  const repo = () => new ProvisioningRepository(prisma);

  it('splits open grant tasks of active runs into failed and manual', async () => {
    const failed = await repo().findGrantTasks(true, 100, 0);
    expect(failed.rows.map((r) => [r.run_id, r.step_id])).toEqual([
      [runs.grants, 'grant-container-registry'],
    ]);
    const manual = await repo().findGrantTasks(false, 100, 0);
    // The cancelled run's open grant task is left out: nothing to grant for a run that ended.
    expect(manual.rows.map((r) => [r.run_id, r.step_id])).toEqual([[runs.grants, 'grant-vpn']]);
    expect([failed.total, manual.total]).toEqual([1, 1]);
  });

  it('shows drift from the latest verification of each run only, closed runs included', async () => {
    const drift = await repo().findDrifts(100, 0);
    expect(drift.rows.map((r) => [r.run_id, r.step_id, r.run_status])).toEqual([
      [runs.cancelled, 'grant-git-repositories', 'CANCELLED'],
    ]);
    expect(drift.total).toBe(1);
  });
});
