/**
 * Access reconciliation and named peer guides on the real stack (API, worker, Temporal dev server,
 * PostgreSQL, SMTP). Five systems go through the webhook connector to a local receiver that
 * checks the signature and keeps accounts, so grants are recorded without IT and a tour opens
 * at once on the compressed plan. The receiver then loses an account: the verify endpoint
 * reports the drift. HR names peers at start and while a tour's confirmation is open.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import { parsePlan } from '../../domain/plans/plan.schema';
import { seedPlans } from '../../prisma/seed-plans';
import { compressedPlan } from '../../scripts/dev/compressed-plan';
import { startStack, type Stack } from '../support/stack';
import {
  eventually,
  startWebhookTarget,
  webhookProvisioningEnv,
  type WebhookTarget,
} from '../support/webhook-target';

jest.setTimeout(180_000);

const SECRET = randomBytes(24).toString('hex');
const PLAN_KEY = 'compressed-access';
const WEBHOOK_SYSTEMS = ['ldap', 'git', 'ci', 'registry', 'grafana'];
const TECH_LEAD = { sub: 'tl-kossi', email: 'kossi@example.tg', name: 'Kossi Amah' };
const KAFUI = { sub: 'peer-kafui', name: 'Kafui Agbeko', email: 'kafui@example.tg', locale: 'en' };
const AFI = { sub: 'peer-afi', name: 'Afi Mensah', email: 'afi.peer@example.tg', locale: 'fr' };
const OBSERVABILITY = 'tour-observability-and-profiling';
const CI_CD = 'tour-ci-cd-and-containers';

let stack: Stack;
let receiver: WebhookTarget;
const server = () => stack.app.getHttpServer();
const as = async (role: Role, sub?: string) => `Bearer ${await stack.token(role, sub)}`;
const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);

function start(email: string, extra: Record<string, unknown> = {}) {
  return request(server())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${hrToken}`)
    .send({
      fullName: 'Yao Kudjo',
      email,
      startDate,
      locale: 'fr',
      planKey: PLAN_KEY,
      techLead: TECH_LEAD,
      ...extra,
    });
}
let hrToken: string;

beforeAll(async () => {
  receiver = await startWebhookTarget(SECRET);
  stack = await startStack(webhookProvisioningEnv(receiver.url, SECRET, WEBHOOK_SYSTEMS));
  await seedPlans(stack.prisma, [parsePlan(compressedPlan(PLAN_KEY))]);
  hrToken = await stack.token('HR', 'hr-amina');
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe('starting with named peer guides', () => {
  it('refuses (400) a peer for a tour the plan gives to the tech lead, a tour named twice, a bad email', async () => {
    const lead = await start('refused.one@example.tg', {
      tourGuides: [{ stepId: 'tour-architecture-overview', ...KAFUI }],
    }).expect(400);
    expect(lead.body).toMatchObject({
      errors: [{ name: 'tourGuides', reason: expect.stringContaining('not a tour') as string }],
    });
    await start('refused.two@example.tg', {
      tourGuides: [
        { stepId: OBSERVABILITY, ...KAFUI },
        { stepId: OBSERVABILITY, ...AFI },
      ],
    }).expect(400);
    await start('refused.three@example.tg', {
      tourGuides: [{ stepId: OBSERVABILITY, ...KAFUI, email: 'not-an-email' }],
    }).expect(400);
    expect(await stack.prisma.hire.count({ where: { email: { startsWith: 'refused.' } } })).toBe(0);
  });
});

describe('a run with connected systems and a named peer', () => {
  let runId: string;
  const taskRow = (taskKey: string) =>
    stack.prisma.task.findUnique({ where: { runId_taskKey: { runId, taskKey } } });

  beforeAll(async () => {
    const res = await start('yao.kudjo@example.tg', {
      tourGuides: [{ stepId: OBSERVABILITY, ...KAFUI }],
    }).expect(201);
    runId = (res.body as { id: string }).id;
  });

  it('keeps the peer contact in PostgreSQL and only the subject in the workflow input', async () => {
    const guides = await request(server())
      .get(`/v1/onboardings/${runId}/tour-guides`)
      .set('Authorization', await as('HR'))
      .expect(200);
    expect(guides.body).toEqual([
      expect.objectContaining({ stepId: OBSERVABILITY, sub: KAFUI.sub, email: KAFUI.email }),
    ]);
    const run = await stack.prisma.onboardingRun.findUniqueOrThrow({ where: { id: runId } });
    const history = await stack.temporal.workflow.getHandle(run.workflowId).fetchHistory();
    const payload =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const input = Buffer.from(payload ?? []).toString('utf8');
    expect(JSON.parse(input)).toMatchObject({ tourGuides: { [OBSERVABILITY]: KAFUI.sub } });
    expect(input).not.toContain(KAFUI.email);
    expect(input).not.toContain(KAFUI.name);
    expect(
      await stack.prisma.auditEvent.count({ where: { runId, action: 'tour.guide_assigned' } }),
    ).toBe(1);
  });

  it("emails the tour's confirmation to the peer and lists it in the peer's tasks", async () => {
    const mail = await stack.mail.waitFor(
      (m) =>
        m.envelopeTo.includes(KAFUI.email) &&
        (m.parsed.text ?? '').includes('Step: Observability and profiling'),
    );
    expect(mail.parsed.subject).toMatch(/^\[New task\] /);
    const mine = await request(server())
      .get('/v1/tasks/mine')
      .set('Authorization', await as('IT', KAFUI.sub))
      .expect(200);
    expect(mine.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskKey: `${OBSERVABILITY}:confirm`, assigneeSub: KAFUI.sub }),
      ]),
    );
  });

  it('lets only the peer confirm the tour (another tech lead: 404)', async () => {
    const task = await eventually(() => taskRow(`${OBSERVABILITY}:confirm`), 'the confirm task');
    await request(server())
      .post(`/v1/tasks/${task.id}/complete`)
      .set('Authorization', await as('TECH_LEAD', 'tl-someone-else'))
      .send({})
      .expect(404);
    const done = await request(server())
      .post(`/v1/tasks/${task.id}/complete`)
      .set('Authorization', await as('IT', KAFUI.sub))
      .send({})
      .expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', completedBy: KAFUI.sub });
  });

  it('moves an open confirmation to the peer HR names while the run is in flight', async () => {
    const put = (stepId: string, auth: string, id = runId) =>
      request(server())
        .put(`/v1/onboardings/${id}/tour-guides/${stepId}`)
        .set('Authorization', auth)
        .send(AFI);
    const task = await eventually(() => taskRow(`${CI_CD}:confirm`), 'the ci/cd confirm task');
    expect(task.assigneeSub).toBeNull();
    await put(CI_CD, await as('TECH_LEAD', TECH_LEAD.sub)).expect(403);
    await put('tour-architecture-overview', await as('HR')).expect(400);
    await put(CI_CD, await as('HR'), '00000000-0000-4000-8000-000000000000').expect(404);
    const res = await put(CI_CD, await as('HR', 'hr-amina')).expect(200);
    expect(res.body).toMatchObject({ stepId: CI_CD, sub: AFI.sub, assignedBy: 'hr-amina' });

    expect(await taskRow(`${CI_CD}:confirm`)).toMatchObject({ assigneeSub: AFI.sub });
    await stack.mail.waitFor(
      (m) =>
        m.envelopeTo.includes(AFI.email) &&
        (m.parsed.text ?? '').includes('Étape : CI/CD et déploiement en conteneurs'),
    );
    const audit = await stack.prisma.auditEvent.findMany({
      where: { runId, action: { in: ['tour.guide_assigned', 'task.reassigned'] } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ['task.reassigned', 'hr-amina'],
        ['tour.guide_assigned', 'hr-amina'],
      ]),
    );
    // Confirmed, the tour cannot change guide any more: the workflow's validator refuses (409).
    const confirm = await request(server())
      .post(`/v1/tasks/${task.id}/complete`)
      .set('Authorization', await as('IT', AFI.sub))
      .send({})
      .expect(200);
    expect(confirm.body).toMatchObject({ completedBy: AFI.sub });
    await eventually(
      async () => (await taskRow(`${CI_CD}:confirm`))?.status === 'DONE',
      'the confirmation recorded',
    );
    const late = await put(CI_CD, await as('HR')).expect(409);
    expect(late.body).toMatchObject({ code: 'NotAllowed' });
    expect(
      (
        await request(server())
          .get(`/v1/onboardings/${runId}/tour-guides`)
          .set('Authorization', await as('HR'))
          .expect(200)
      ).body,
    ).toEqual(expect.arrayContaining([expect.objectContaining({ stepId: CI_CD, sub: AFI.sub })]));
  });

  describe('POST /v1/onboardings/:id/access/verify', () => {
    const verify = (auth: string, id = runId) =>
      request(server()).post(`/v1/onboardings/${id}/access/verify`).set('Authorization', auth);

    beforeAll(async () => {
      await eventually(
        async () =>
          (await stack.prisma.accessGrant.count({ where: { runId, status: 'GRANTED' } })) >=
          WEBHOOK_SYSTEMS.length,
        'the connected grants',
      );
    });

    it('reports every recorded grant as its system shows it, without drift', async () => {
      const res = await verify(await as('HR', 'hr-amina')).expect(200);
      const body = res.body as { drift: boolean; checks: { system: string }[] };
      expect(body.drift).toBe(false);
      expect(body.checks.map((c) => c.system).sort()).toEqual([...WEBHOOK_SYSTEMS].sort());
      expect(body.checks).toEqual(
        WEBHOOK_SYSTEMS.map(
          () =>
            expect.objectContaining({
              expected: 'GRANTED',
              observed: 'PRESENT',
              drift: false,
            }) as unknown,
        ),
      );
    });

    it('reports drift when a target system lost an account, and audits it', async () => {
      const registry = [...receiver.accounts].find((k) => k.startsWith('registry:'))!;
      receiver.accounts.delete(registry);
      const res = await verify(await as('IT', 'it-yawa')).expect(200);
      expect(res.body).toMatchObject({ runId, drift: true });
      expect((res.body as { checks: unknown[] }).checks).toEqual(
        expect.arrayContaining([
          {
            stepId: 'grant-container-registry',
            system: 'registry',
            expected: 'GRANTED',
            observed: 'ABSENT',
            drift: true,
          },
        ]),
      );
      const verified = await stack.prisma.auditEvent.findMany({
        where: { runId, action: 'access.verified', actor: { in: ['hr-amina', 'it-yawa'] } },
      });
      expect(verified.map((a) => a.actor).sort()).toEqual(['hr-amina', 'it-yawa']);
      expect(
        await stack.prisma.auditEvent.count({
          where: { runId, action: 'access.drift_detected', entityId: 'grant-container-registry' },
        }),
      ).toBeGreaterThanOrEqual(1);
    });

    it("answers the run's tech lead and ADMIN; hides the run from another tech lead", async () => {
      await verify(await as('TECH_LEAD', TECH_LEAD.sub)).expect(200);
      await verify(await as('ADMIN')).expect(200);
      await verify(await as('TECH_LEAD', 'tl-someone-else')).expect(404);
    });

    it('refuses other roles, unknown runs and bad ids', async () => {
      await verify(await as('HIRE')).expect(403);
      await verify(await as('HEAD_OF_DF')).expect(403);
      await verify(await as('HR'), '00000000-0000-4000-8000-000000000000').expect(404);
      await verify(await as('HR'), 'not-a-uuid').expect(400);
      await request(server()).post(`/v1/onboardings/${runId}/access/verify`).expect(401);
    });
  });

  it('shows the access verification to the reviewer of the first checkpoint', async () => {
    const review = await eventually(
      () => taskRow('checkpoint-day-30:review:1'),
      'the day-30 review task',
    );
    expect(review.context).toMatchObject({
      accessVerification: { status: expect.stringMatching(/^(OK|DRIFT)$/) as string },
    });
    expect(
      await stack.prisma.auditEvent.count({
        where: { runId, action: 'access.verified', actor: 'system:workflow' },
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});
