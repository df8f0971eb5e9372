/**
 * One-click action links on the real stack: a task email arrives in the mail catcher, its link
 * opens a form, the form completes the task in the workflow; used, tampered, expired and refused
 * links show a friendly page and change nothing.
 */
import request from 'supertest';
import { parsePlan } from '../../domain/plans/plan.schema';
import { seedPlans } from '../../prisma/seed-plans';
import { hashActionToken, signActionToken } from '../../domain/action-tokens';
import { ActionTokensRepository } from '../../apps/api/src/actions/action-tokens.repository';
import type { CaughtMail } from '../../scripts/mail-catcher';
import { compressedPlan as compressedPlanFor } from '../../scripts/dev/compressed-plan';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

const compressedPlan = () => compressedPlanFor('compressed-actions');

/** Answers that the form of each task kind accepts. */
const ANSWERS: Record<string, Record<string, string>> = {
  ACK_DOCUMENT: { confirm: 'yes' },
  ATTEND_TOUR: { attended: 'yes', reflection: 'clear and useful' },
  CONFIRM_TOUR: { confirm: 'yes' },
  SELF_ASSESSMENT: { assessment: 'on track' },
  REVIEW_CHECKPOINT: { decision: 'APPROVE', notes: 'good start' },
  APPROVE_ACCESS: { approve: 'yes' },
  PROVISION_ACCESS: { externalRef: 'IT-42' },
  GENERIC: { done: 'yes' },
};

const LINK = /\/actions\/([A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43})/;
const tokenOf = (m: CaughtMail) => LINK.exec(m.parsed.text ?? '')?.[1];

let stack: Stack;
let runId: string;
const server = () => stack.app.getHttpServer();
const form = (token: string, fields: Record<string, string>) =>
  request(server()).post(`/actions/${token}`).type('form').send(fields);
const rowOf = (token: string) =>
  stack.prisma.actionToken.findUniqueOrThrow({ where: { tokenHash: hashActionToken(token) } });
const taskOf = (taskKey: string) =>
  stack.prisma.task.findUniqueOrThrow({ where: { runId_taskKey: { runId, taskKey } } });

beforeAll(async () => {
  stack = await startStack();
  await seedPlans(stack.prisma, [parsePlan(compressedPlan())]);
  const hr = await stack.token('HR', 'hr-amina');
  const startDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const created = await request(server())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${hr}`)
    .send({
      fullName: 'Afi <Dogbé>',
      email: 'afi.dogbe@example.tg',
      startDate,
      locale: 'fr',
      planKey: 'compressed-actions',
      techLead: { sub: 'tl-kossi', email: 'kossi@example.tg', name: 'Kossi Amah' },
    })
    .expect(201);
  runId = (created.body as { id: string }).id;
});
afterAll(() => stack?.stop());

describe('action links', () => {
  let token: string;
  let taskKey: string;
  let kind: string;

  it('a task email carries a link whose page shows the task and its form', async () => {
    const mail = await stack.mail.waitFor((m) => tokenOf(m) !== undefined);
    token = tokenOf(mail)!;
    expect(mail.parsed.subject).toMatch(/^\[Nouvelle tâche\] /);
    expect(mail.parsed.html).toContain(`/actions/${token}`);
    const row = await rowOf(token);
    expect(row).toMatchObject({ runId, usedAt: null });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 167 * 3_600_000);
    taskKey = row.taskKey;
    kind = (await taskOf(taskKey)).kind;

    const page = await request(server()).get(`/actions/${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain(`<form method="post" action="/actions/${token}"`);
    expect(page.text).toContain('Afi &lt;Dogbé&gt;');
    expect(page.text).not.toContain('<script');
  });

  it('an incomplete form is shown again with its errors, the link still valid', async () => {
    const res = await form(token, {}).expect(422);
    expect(res.text).toContain('role="alert"');
    expect((await rowOf(token)).usedAt).toBeNull();
  });

  it('the form completes the task in the workflow, once', async () => {
    const res = await form(token, ANSWERS[kind]).expect(200);
    expect(res.text).toContain('Merci, c’est enregistré');
    expect((await rowOf(token)).usedAt).not.toBeNull();
    // The workflow projects the completion into the read model through an activity, just after.
    let task = await taskOf(taskKey);
    for (let i = 0; i < 100 && task.status !== 'DONE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      task = await taskOf(taskKey);
    }
    expect(task).toMatchObject({ status: 'DONE' });
    expect(task.completedBy).toBeTruthy();
  });

  it('a used link shows a friendly page and changes nothing', async () => {
    const before = await taskOf(taskKey);
    const again = await form(token, ANSWERS[kind]).expect(410);
    expect(again.text).toContain('Lien déjà utilisé');
    await request(server()).get(`/actions/${token}`).expect(410);
    expect(await taskOf(taskKey)).toEqual(before);
  });

  it('a tampered link is not recognised', async () => {
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const res = await request(server()).get(`/actions/${tampered}`).expect(404);
    expect(res.text).toContain('Lien invalide');
    await form(tampered, ANSWERS[kind]).expect(404);
    await request(server()).get('/actions/not-a-token').expect(404);
  });

  it('an expired link shows a friendly page and leaves the task open', async () => {
    const open = await stack.prisma.task.findFirstOrThrow({ where: { runId, status: 'OPEN' } });
    const expired = signActionToken(stack.config.journey.actionLinks.secret);
    await stack.app.get(ActionTokensRepository).create({
      tokenHash: hashActionToken(expired),
      runId,
      taskKey: open.taskKey,
      recipient: 'HIRE hire:nobody',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const res = await request(server()).get(`/actions/${expired}`).expect(410);
    expect(res.text).toContain('Lien expiré');
    await form(expired, ANSWERS[open.kind]).expect(410);
    expect((await taskOf(open.taskKey)).status).toBe('OPEN');
    expect((await rowOf(expired)).usedAt).toBeNull();
  });

  it('a refusal by the workflow is shown and does not consume the link', async () => {
    const open = await stack.prisma.task.findFirstOrThrow({ where: { runId, status: 'OPEN' } });
    const stranger = signActionToken(stack.config.journey.actionLinks.secret);
    await stack.app.get(ActionTokensRepository).create({
      tokenHash: hashActionToken(stranger),
      runId,
      taskKey: open.taskKey,
      recipient: 'IT it:someone-else@example.tg',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const res = await form(stranger, ANSWERS[open.kind]);
    expect([409, 422]).toContain(res.status);
    expect(res.text).toContain('Action refusée');
    expect((await rowOf(stranger)).usedAt).toBeNull();
    expect((await taskOf(open.taskKey)).status).toBe('OPEN');
  });

  it('an extension out of the date rule is shown as a field error, the link still valid', async () => {
    // A review round recorded as the workflow would; the rule is checked before the workflow.
    const review = await stack.prisma.task.create({
      data: {
        runId,
        taskKey: 'checkpoint-day-90:review:9',
        stepId: 'checkpoint-day-90',
        kind: 'REVIEW_CHECKPOINT',
        assigneeRole: 'TECH_LEAD',
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    const link = signActionToken(stack.config.journey.actionLinks.secret);
    await stack.app.get(ActionTokensRepository).create({
      tokenHash: hashActionToken(link),
      runId,
      taskKey: review.taskKey,
      recipient: 'TECH_LEAD tl-kossi',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const farAhead = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const res = await form(link, { decision: 'EXTEND', newDate: farAhead }).expect(422);
    expect(res.text).toContain('Choisissez une date après aujourd’hui');
    expect((await rowOf(link)).usedAt).toBeNull();
    expect((await taskOf(review.taskKey)).status).toBe('OPEN');
  });
});

describe('calendar invites', () => {
  it('a checkpoint task email carries an invite in Africa/Lome with a stable UID', async () => {
    const mail = await stack.mail.waitFor(
      (m) =>
        m.envelopeTo.includes('afi.dogbe@example.tg') &&
        (m.parsed.subject ?? '').includes('Auto-évaluation'),
    );
    const invite = mail.parsed.attachments.find((a) => /calendar|ics/.test(a.contentType));
    expect(invite).toBeDefined();
    const ics = invite!.content.toString('utf8').replace(/\r\n /g, '');
    const task = await stack.prisma.task.findFirstOrThrow({
      where: { runId, kind: 'SELF_ASSESSMENT' },
    });
    expect(ics).toContain(`UID:${runId}-${task.stepId}@df-onboarding`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toMatch(/\r\nDTSTART;TZID=Africa\/Lome:\d{8}T\d{6}\r\n/);
    const dtend = /DTEND;TZID=Africa\/Lome:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})/.exec(ics)!;
    // Lomé is GMT: the event ends at the task's due instant.
    expect(`${dtend[1]}-${dtend[2]}-${dtend[3]}T${dtend[4]}:${dtend[5]}`).toBe(
      task.dueAt!.toISOString().slice(0, 16),
    );
    expect(ics).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT');
  });
});
