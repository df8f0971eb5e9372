/**
 * A plan compressed to minutes (every offset 0, start today) runs end to end on the real Temporal
 * dev server, with the real activities writing to PostgreSQL and mailing through real SMTP.
 * People act through the workflow's completeTask update, woken by the emails they receive.
 */
import request from 'supertest';
import { parsePlan } from '../../domain/plans/plan.schema';
import { seedPlans } from '../../prisma/seed-plans';
import type { onboardHire } from '../../workflows';
import {
  completeTaskUpdate,
  getStateQuery,
  hireActor,
  type Actor,
  type OwnerRole,
  type TaskView,
} from '../../workflows/definitions';
import { compressedPlan as compressedPlanFor } from '../../scripts/dev/compressed-plan';
import { startStack, type Stack } from '../support/stack';
import { documentHash } from '../../domain/plans/document-hash';

jest.setTimeout(180_000);

const compressedPlan = () => compressedPlanFor('compressed-e2e');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedPlans(stack.prisma, [parsePlan(compressedPlan())]);
});
afterAll(() => stack?.stop());

it('takes a hire through every step, recording each change and each email once', async () => {
  const hr = await stack.token('HR', 'hr-amina');
  const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const created = await request(stack.app.getHttpServer())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${hr}`)
    .send({
      fullName: 'Yao Agbeko',
      email: 'yao.agbeko@example.tg',
      startDate,
      locale: 'en',
      planKey: 'compressed-e2e',
      techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
    })
    .expect(201);
  const run = created.body as { id: string; workflowId: string; hire: { id: string } };
  const handle = stack.temporal.workflow.getHandle<typeof onboardHire>(run.workflowId);
  const plan = parsePlan(compressedPlan());
  const docs = new Map(
    plan.phases
      .flatMap((p) => p.steps)
      .flatMap((s) => (s.kind === 'DOCUMENT_ACK' ? s.documents : []))
      .map((d) => [d.id, d]),
  );
  const actor = (role: OwnerRole): Actor =>
    role === 'HIRE'
      ? { sub: hireActor(run.hire.id), roles: ['HIRE'] }
      : role === 'TECH_LEAD'
        ? { sub: 'tl-akossiwa', roles: ['TECH_LEAD'] }
        : { sub: `${role.toLowerCase()}-1`, roles: [role] };
  const payload = (task: TaskView) => {
    const doc = task.documentId ? docs.get(task.documentId) : undefined;
    return {
      ACK_DOCUMENT: {
        documentVersion: doc?.version,
        contentHash: doc ? documentHash(doc) : undefined,
      },
      APPROVE_ACCESS: { approve: true },
      // The compressed plan has no trial period; typed for completeness.
      TRIAL_DECISION: { trialDecision: 'CONFIRM' as const },
      COSIGN_TRIAL_END: { approve: true },
      REVIEW_CHECKPOINT: { decision: 'APPROVE' as const, notes: 'good start' },
      PROVISION_ACCESS: { externalRef: `it-ticket-${task.stepId}` },
      ATTEND_TOUR: { reflection: 'clear and useful' },
      SELF_ASSESSMENT: { assessment: 'on track' },
      CONFIRM_TOUR: {},
      GENERIC: {},
    }[task.kind];
  };

  // Each task reaches its owner by email: every email wakes the driver, which completes what is open.
  const completed = new Set<string>();
  const finished = handle.result();
  let done = false;
  void finished.then(() => (done = true));
  let seen = 0;
  while (!done) {
    const state = await handle.query(getStateQuery);
    for (const task of state.tasks.filter((t) => t.status === 'OPEN' && !completed.has(t.key))) {
      completed.add(task.key);
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskKey: task.key, actor: actor(task.assignee), payload: payload(task) }],
      });
    }
    const next = seen + 1;
    await Promise.race([finished, stack.mail.waitFor((m) => m.id >= next)]);
    seen = stack.mail.messages.length;
  }
  const result = await finished;
  expect(result.status).toBe('COMPLETED');

  const { prisma } = stack;
  const dbRun = await prisma.onboardingRun.findUniqueOrThrow({ where: { id: run.id } });
  expect(dbRun).toMatchObject({ status: 'COMPLETED', phase: 'COMPLETED' });
  const steps = await prisma.runStep.findMany({ where: { runId: run.id } });
  expect(steps).toHaveLength(plan.phases.flatMap((p) => p.steps).length);
  expect(steps.every((s) => s.status === 'DONE')).toBe(true);
  const tasks = await prisma.task.findMany({ where: { runId: run.id } });
  expect(tasks.length).toBe(completed.size);
  expect(tasks.every((t) => t.status === 'DONE' && t.completedBy)).toBe(true);

  const acks = await prisma.acknowledgement.findMany({ where: { runId: run.id } });
  expect(acks.map((a) => a.documentId).sort()).toEqual([...docs.keys()].sort());
  expect(acks.every((a) => a.actor === hireActor(run.hire.id) && a.contentHash.length === 64)).toBe(
    true,
  );

  const grants = await prisma.accessGrant.findMany({ where: { runId: run.id } });
  expect(grants).toHaveLength(10);
  expect(
    grants.every((g) => g.status === 'GRANTED' && g.externalRef === `it-ticket-${g.stepId}`),
  ).toBe(true);

  // Every email once: unique idempotency keys, all sent, one SMTP delivery per Message-ID.
  const emails = await prisma.emailLog.findMany({ where: { runId: run.id } });
  expect(emails.every((e) => e.status === 'SENT')).toBe(true);
  const delivered = stack.mail.messages.map((m) => m.parsed.messageId);
  expect(new Set(delivered).size).toBe(delivered.length);
  expect(delivered.length).toBe(emails.length);
  // The summary goes to hire (in English, the hire's locale), tech lead and HR (in French).
  const summary = emails.filter((e) => e.template === 'notice:journey-completed');
  expect(summary.map((e) => e.recipient).sort()).toEqual([
    'akossiwa@example.tg',
    'rh@digital.gouv.tg',
    'yao.agbeko@example.tg',
  ]);
  const toHire = stack.mail.to('yao.agbeko@example.tg').map((m) => m.parsed.subject);
  expect(toHire).toContain('[Notice] Onboarding journey completed — Yao Agbeko');
  expect(stack.mail.to('rh@digital.gouv.tg').map((m) => m.parsed.subject)).toContain(
    '[Information] Parcours d’intégration terminé — Yao Agbeko',
  );

  const audit = await prisma.auditEvent.groupBy({
    by: ['action'],
    where: { runId: run.id },
    _count: true,
  });
  const count = Object.fromEntries(audit.map((a) => [a.action, a._count]));
  expect(count['task.completed']).toBe(tasks.length);
  expect(count['access.granted']).toBe(10);
  expect(count['run.completed']).toBe(1);
});
