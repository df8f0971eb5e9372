/**
 * Tasks and decisions through the API on the real stack: a small plan due three days ago (two
 * documents, an access grant that needs approval, checkpoints on day 0 and day 30). People act
 * through /v1/tasks and the run-scoped decision endpoints, woken by the task emails they receive.
 */
import request from 'supertest';
import type { CaughtMail } from '../../scripts/mail-catcher';
import { parsePlan, type PlanFile } from '../../domain/plans/plan.schema';
import { loadPlans } from '../../domain/plans/load-plans';
import { seedPlans } from '../../prisma/seed-plans';
import { documentHash } from '../../domain/plans/document-hash';
import { hireActor } from '../../workflows/definitions';
import type { TaskResponseDto } from '../../apps/api/src/tasks/dto/task-response.dto';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

const text = (en: string) => ({ fr: en, en });
const CHARTER = { id: 'security-charter', title: text('Charter'), version: '2026.1' };
const USE_POLICY = { id: 'acceptable-use', title: text('Acceptable use'), version: '3' };
const DOCS = [
  { ...CHARTER, text: text('Keep secrets secret.') },
  { ...USE_POLICY, text: text('Use the systems for work.') },
];

function tasksPlan(): PlanFile {
  const base = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
  const criteria = [{ id: 'settled-in', title: text('Settled in') }];
  return {
    key: 'tasks-e2e',
    version: 1,
    title: text('Tasks e2e'),
    times: { start: '00:00', deadline: '23:59' },
    preboarding: { welcomeDaysBefore: 0 },
    followUp: base.followUp,
    phases: [
      {
        id: 'security',
        title: text('Security'),
        steps: [
          {
            id: 'security-sign-off',
            kind: 'DOCUMENT_ACK',
            title: text('Sign-off'),
            owner: 'HIRE',
            due: { workingDays: 0 },
            documents: DOCS,
          },
        ],
      },
      {
        id: 'access',
        title: text('Access'),
        steps: [
          {
            id: 'grant-production-db-read',
            kind: 'ACCESS_GRANT',
            title: text('Production read'),
            owner: 'IT',
            due: { workingDays: 0 },
            grant: { system: 'postgres-prod', scope: 'read-only', requiresApproval: true },
          },
        ],
      },
      {
        id: 'checkpoints',
        title: text('Checkpoints'),
        steps: [
          {
            id: 'checkpoint-day-0',
            kind: 'CHECKPOINT',
            title: text('Day 0'),
            owner: 'TECH_LEAD',
            due: { calendarDays: 0 },
            checkpoint: { criteria },
          },
          {
            id: 'checkpoint-day-30',
            kind: 'CHECKPOINT',
            title: text('Day 30'),
            owner: 'TECH_LEAD',
            due: { calendarDays: 30 },
            checkpoint: { criteria },
          },
        ],
      },
    ],
  };
}

interface Run {
  id: string;
  hire: { id: string; email: string };
}

let stack: Stack;
let runA: Run;
let runB: Run;
const tokens: Record<string, string> = {};
const api = () => request(stack.app.getHttpServer());
const as = (who: string) => `Bearer ${tokens[who]}`;
const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);

async function startRun(fullName: string, email: string, techLeadSub: string): Promise<Run> {
  const res = await api()
    .post('/v1/onboardings')
    .set('Authorization', as('hr'))
    .send({
      fullName,
      email,
      startDate,
      locale: 'en',
      planKey: 'tasks-e2e',
      techLead: { sub: techLeadSub, email: `${techLeadSub}@example.tg`, name: techLeadSub },
    })
    .expect(201);
  return res.body as Run;
}

/**
 * Resolves once `count` emails about `stepId` reached `to` (each task email follows its task
 * row). Emails name the step by its plan title (same in both languages here), never its id.
 */
async function taskEmails(to: string, stepId: string, count = 1): Promise<void> {
  const title = tasksPlan()
    .phases.flatMap((p) => p.steps)
    .find((s) => s.id === stepId)!.title.en;
  const step = new RegExp(`(Step|Étape) ?: ${title}\\n`);
  const matches = (m: CaughtMail) => m.envelopeTo.includes(to) && step.test(m.parsed.text ?? '');
  let last = 0;
  for (let i = 0; i < count; i++) {
    const after = last;
    last = (await stack.mail.waitFor((m) => m.id > after && matches(m))).id;
  }
}

/** The fields a 400 problem names, each once, sorted. */
const fieldsOf = (body: unknown) =>
  [...new Set((body as { errors: { name: string }[] }).errors.map((e) => e.name))].sort();

async function mine(who: string): Promise<TaskResponseDto[]> {
  const res = await api().get('/v1/tasks/mine').set('Authorization', as(who)).expect(200);
  return res.body as TaskResponseDto[];
}

beforeAll(async () => {
  stack = await startStack();
  await seedPlans(stack.prisma, [parsePlan(tasksPlan())]);
  const t = (role: Parameters<Stack['token']>[0], sub: string, email?: string) =>
    stack.token(role, sub, { email });
  Object.assign(tokens, {
    hr: await t('HR', 'hr-amina'),
    hireA: await t('HIRE', 'idp-yao', 'Yao.Agbeko@Example.TG'),
    hireB: await t('HIRE', 'idp-ama', 'ama.kpodar@example.tg'),
    hireNoEmail: await t('HIRE', 'idp-nobody'),
    leadA: await t('TECH_LEAD', 'tl-akossiwa'),
    leadB: await t('TECH_LEAD', 'tl-kofi'),
    head: await t('HEAD_OF_DF', 'head-df'),
    it: await t('IT', 'it-edem'),
  });
  runA = await startRun('Yao Agbeko', 'yao.agbeko@example.tg', 'tl-akossiwa');
  runB = await startRun('Ama Kpodar', 'ama.kpodar@example.tg', 'tl-kofi');
});
afterAll(() => stack?.stop());

describe('a hire acknowledges documents', () => {
  const ackUrl = (runId: string, doc: string) =>
    `/v1/onboardings/${runId}/documents/${doc}/acknowledge`;
  const charter = { version: CHARTER.version, contentHash: documentHash(DOCS[0]), confirm: true };

  it('lists the hire’s open tasks from the task table, their own run only', async () => {
    await taskEmails('yao.agbeko@example.tg', 'security-sign-off', 2);
    await taskEmails('yao.agbeko@example.tg', 'checkpoint-day-0');
    const tasks = await mine('hireA');
    expect(tasks.map((t) => t.taskKey).sort()).toEqual([
      'checkpoint-day-0:self-assessment:1',
      'security-sign-off:ack:acceptable-use',
      'security-sign-off:ack:security-charter',
    ]);
    expect(tasks.every((t) => t.runId === runA.id && t.assigneeRole === 'HIRE')).toBe(true);
    expect(tasks.every((t) => t.overdue && t.status === 'OPEN')).toBe(true);
    // Whom each task is about: the run's hire (a tech lead's inbox mixes several hires).
    expect(new Set(tasks.map((t) => t.hireName))).toEqual(new Set(['Yao Agbeko']));
    const ack = tasks.find((t) => t.taskKey.endsWith(':security-charter'))!;
    expect(ack.links).toEqual({
      run: `/v1/onboardings/${runA.id}`,
      complete: `/v1/tasks/${ack.id}/complete`,
      action: ackUrl(runA.id, 'security-charter'),
    });
    expect((await mine('hireB')).some((t) => t.runId === runA.id)).toBe(false);

    // The same overdue tasks are counted by the Prometheus gauge, read from the task table.
    const metrics = await request(stack.app.getHttpServer()).get('/metrics').expect(200);
    const gauge = /^onboarding_overdue_tasks (\d+)$/m.exec(metrics.text);
    const overdue = await stack.prisma.task.count({
      where: { status: 'OPEN', dueAt: { lt: new Date() } },
    });
    expect(Number(gauge?.[1])).toBeGreaterThanOrEqual(tasks.length);
    expect(Number(gauge?.[1])).toBeLessThanOrEqual(overdue);
  });

  it('refuses a hire token without an email claim (403)', async () => {
    const res = await api().get('/v1/tasks/mine').set('Authorization', as('hireNoEmail'));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a wrong hash (422), another hire (404) and an unconfirmed body (400)', async () => {
    const wrong = await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('hireA'))
      .send({ ...charter, contentHash: 'a'.repeat(64) })
      .expect(422);
    expect(wrong.body).toMatchObject({
      type: 'urn:df-onboarding:problem:unprocessable',
      code: 'Invalid',
    });
    await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('hireB'))
      .send(charter)
      .expect(404);
    const invalid = await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('hireA'))
      .send({ ...charter, confirm: false, extra: 1 })
      .expect(400);
    expect(fieldsOf(invalid.body)).toEqual(['confirm', 'extra']);
    await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('leadA'))
      .send(charter)
      .expect(403);
  });

  it('acknowledges the current version and records the acknowledgement', async () => {
    const res = await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('hireA'))
      .send(charter)
      .expect(200);
    expect(res.body).toMatchObject({
      taskKey: 'security-sign-off:ack:security-charter',
      status: 'DONE',
      overdue: false,
      completedBy: hireActor(runA.hire.id),
      result: { documentVersion: CHARTER.version, contentHash: charter.contentHash },
    });
    const ack = await stack.prisma.acknowledgement.findMany({ where: { runId: runA.id } });
    expect(ack).toEqual([
      expect.objectContaining({
        documentId: 'security-charter',
        version: CHARTER.version,
        contentHash: charter.contentHash,
        actor: hireActor(runA.hire.id),
      }),
    ]);
    // The same acknowledgement again is answered the same way.
    await api()
      .post(ackUrl(runA.id, 'security-charter'))
      .set('Authorization', as('hireA'))
      .send(charter)
      .expect(200);
    expect((await mine('hireA')).map((t) => t.taskKey)).not.toContain(
      'security-sign-off:ack:security-charter',
    );
  });

  it('completes a task through /v1/tasks/{id}/complete with the fields of its kind only', async () => {
    const task = (await mine('hireA')).find((t) => t.kind === 'SELF_ASSESSMENT')!;
    const url = `/v1/tasks/${task.id}/complete`;
    const extra = await api()
      .post(url)
      .set('Authorization', as('hireA'))
      .send({ assessment: 'On track', externalRef: 'x' })
      .expect(400);
    expect(fieldsOf(extra.body)).toEqual(['externalRef']);
    await api().post(url).set('Authorization', as('hireB')).send({ assessment: 'x' }).expect(404);
    const done = await api()
      .post(url)
      .set('Authorization', as('hireA'))
      .send({ assessment: 'On track' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', result: { assessment: 'On track' } });
  });
});

describe('access requests', () => {
  const url = (runId: string) =>
    `/v1/onboardings/${runId}/access-requests/grant-production-db-read/decision`;

  it('the run’s tech lead approves, then IT provisions the access', async () => {
    await taskEmails('tl-akossiwa@example.tg', 'grant-production-db-read');
    await taskEmails('tl-akossiwa@example.tg', 'checkpoint-day-0');
    const leadTasks = await mine('leadA');
    expect(leadTasks.map((t) => `${t.runId === runA.id ? 'A' : 'B'}:${t.taskKey}`).sort()).toEqual([
      'A:checkpoint-day-0:review:1',
      'A:grant-production-db-read:approval',
    ]);
    await api()
      .post(url(runA.id))
      .set('Authorization', as('leadB'))
      .send({ approve: true })
      .expect(404);
    await api()
      .post(url(runA.id))
      .set('Authorization', as('it'))
      .send({ approve: true })
      .expect(403);
    const approved = await api()
      .post(url(runA.id))
      .set('Authorization', as('leadA'))
      .send({ approve: true })
      .expect(200);
    expect(approved.body).toMatchObject({
      taskKey: 'grant-production-db-read:approval',
      status: 'DONE',
      completedBy: 'tl-akossiwa',
      result: { approve: true },
    });

    await taskEmails('devops@digital.gouv.tg', 'grant-production-db-read');
    const provision = (await mine('it')).find(
      (t) => t.runId === runA.id && t.kind === 'PROVISION_ACCESS',
    )!;
    expect(provision.taskKey).toBe('grant-production-db-read:provision');
    const complete = `/v1/tasks/${provision.id}/complete`;
    await api().post(complete).set('Authorization', as('hireA')).send({}).expect(404);
    const missing = await api().post(complete).set('Authorization', as('it')).send({}).expect(400);
    expect(fieldsOf(missing.body)).toEqual(['externalRef']);
    const done = await api()
      .post(complete)
      .set('Authorization', as('it'))
      .send({ externalRef: 'IT-4711' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', result: { externalRef: 'IT-4711' } });
  });

  it('lets the head of DF see and decide the tech-lead tasks of any run', async () => {
    await taskEmails('tl-kofi@example.tg', 'grant-production-db-read');
    const tasks = await mine('head');
    expect(tasks.map((t) => t.taskKey)).toContain('grant-production-db-read:approval');
    const refused = await api()
      .post(url(runB.id))
      .set('Authorization', as('head'))
      .send({ approve: false, reason: 'Not before the security sign-off' })
      .expect(200);
    expect(refused.body).toMatchObject({ completedBy: 'head-df', result: { approve: false } });
  });
});

describe('checkpoint decisions', () => {
  const url = (runId: string, stepId = 'checkpoint-day-0') =>
    `/v1/onboardings/${runId}/checkpoints/${stepId}/decision`;
  const approve = { decision: 'APPROVE', notes: 'Good start' };

  it('approves the open review once; the same decision again is idempotent', async () => {
    await taskEmails('tl-akossiwa@example.tg', 'checkpoint-day-0');
    await api().post(url(runA.id)).set('Authorization', as('leadB')).send(approve).expect(404);
    const early = await api()
      .post(url(runA.id, 'checkpoint-day-30'))
      .set('Authorization', as('leadA'))
      .send(approve)
      .expect(409);
    expect(early.body).toMatchObject({ code: 'TaskNotOpen' });
    const extend = await api()
      .post(url(runA.id))
      .set('Authorization', as('leadA'))
      .send({ decision: 'EXTEND' })
      .expect(400);
    expect(fieldsOf(extend.body)).toEqual(['newDate']);
    // The date rule (docs/api.md, "Dates people send"): after today, within the horizon.
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const newDate of [day(0), day(400)]) {
      const refused = await api()
        .post(url(runA.id))
        .set('Authorization', as('leadA'))
        .send({ decision: 'EXTEND', newDate })
        .expect(400);
      expect(refused.body).toMatchObject({
        errors: [{ name: 'newDate' }],
        allowedRange: { earliest: day(1), latest: day(366) },
      });
    }

    const first = await api()
      .post(url(runA.id))
      .set('Authorization', as('leadA'))
      .send(approve)
      .expect(200);
    expect(first.body).toMatchObject({
      taskKey: 'checkpoint-day-0:review:1',
      status: 'DONE',
      result: approve,
    });
    const again = await api()
      .post(url(runA.id))
      .set('Authorization', as('leadA'))
      .send(approve)
      .expect(200);
    expect(again.body).toEqual(first.body);
    const changed = await api()
      .post(url(runA.id))
      .set('Authorization', as('leadA'))
      .send({ decision: 'ESCALATE' })
      .expect(409);
    expect(changed.body).toMatchObject({ code: 'AlreadyCompleted' });
  });
});
