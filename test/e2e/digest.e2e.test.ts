/**
 * The tech leads' daily digest and DKIM signing, end to end on the real Temporal dev server,
 * PostgreSQL and SMTP: a real run opens tech-lead tasks, the digest workflow emails the tech lead
 * once per day with working one-click links, skips non-working days, and every email the worker
 * sends carries a DKIM signature that verifies against the configured key.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { ScheduleNotFoundError } from '@temporalio/client';
import { seedPlans } from '../../prisma/seed-plans';
import { parsePlan } from '../../domain/plans/plan.schema';
import { loadHolidays } from '../../domain/calendar/holidays';
import { isWorkingDay } from '../../domain/calendar/working-days';
import { localDay } from '../../activities/digest.activities';
import { digestScheduleId, syncDigestSchedule } from '../../apps/worker/src/digest-schedule';
import type { techLeadDigest } from '../../workflows/digest.workflow';
import { compressedPlan } from '../../scripts/dev/compressed-plan';
import { verifyDkim } from '../support/dkim';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const TECH_LEAD = { sub: 'tl-digest', email: 'mawuli.digest@example.tg', name: 'Mawuli Adjo' };
// Tuesday 24 November 2026, 07:30 in Lomé (UTC+0): a working day; Saturday 28th is not.
const TUESDAY = '2026-11-24T07:30:00Z';
const SATURDAY = '2026-11-28T07:30:00Z';

let stack: Stack;
let runId: string;

beforeAll(async () => {
  stack = await startStack({
    DIGEST_ENABLED: 'true',
    DIGEST_TIME: '07:30',
    DKIM_DOMAIN: 'digital.gouv.tg',
    DKIM_SELECTOR: 'onboarding',
    // One environment line: newlines written as \n, as an operator would.
    DKIM_PRIVATE_KEY: privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n'),
  });
  await seedPlans(stack.prisma, [parsePlan(compressedPlan('compressed-digest'))]);
  const hr = await stack.token('HR', 'hr-amina');
  const created = await request(stack.app.getHttpServer())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${hr}`)
    .send({
      fullName: 'Sena Kpodar',
      email: 'sena.kpodar@example.tg',
      startDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      locale: 'fr',
      planKey: 'compressed-digest',
      techLead: TECH_LEAD,
    })
    .expect(201);
  runId = (created.body as { id: string }).id;
  // The compressed plan opens every step at once: wait for the tech lead's first tasks.
  for (;;) {
    const open = await stack.prisma.task.count({
      where: { runId, assigneeRole: 'TECH_LEAD', status: 'OPEN' },
    });
    if (open > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(() => stack?.stop());

const digest = (at: string, workflowId: string) =>
  stack.temporal.workflow.execute<typeof techLeadDigest>('techLeadDigest', {
    taskQueue: stack.config.temporal.taskQueue,
    workflowId,
    args: [{ at }],
  });

const digestsTo = (address: string) =>
  stack.mail.messages.filter(
    (m) => m.envelopeTo.includes(address) && m.parsed.subject?.startsWith('[Récapitulatif]'),
  );

describe('daily digest for tech leads', () => {
  it('emails each tech lead their open tasks once per day, with working one-click links', async () => {
    // The run keeps opening tasks meanwhile (nobody closes any): the digest lists at least the
    // tasks open before it ran and at most those open after.
    const openTasks = () =>
      stack.prisma.task.count({ where: { runId, assigneeRole: 'TECH_LEAD', status: 'OPEN' } });
    const before = await openTasks();
    const result = await digest(TUESDAY, `digest-test-${runId}-1`);
    const after = await openTasks();
    expect(result).toEqual({
      day: '2026-11-24',
      workingDay: true,
      sent: 1,
      alreadySent: 0,
      nothingToDo: 0,
    });

    const [mail] = digestsTo(TECH_LEAD.email);
    const subject = /^\[Récapitulatif\] (\d+) tâches? à traiter(, dont (\d+) en retard)?$/.exec(
      mail.parsed.subject ?? '',
    );
    expect(subject).not.toBeNull();
    const listed = Number(subject![1]);
    expect(listed).toBeGreaterThanOrEqual(before);
    expect(listed).toBeLessThanOrEqual(after);
    expect(mail.parsed.text).toContain('Bonjour Mawuli Adjo,');
    expect(mail.parsed.text).toContain('mardi 24 novembre 2026');
    expect(mail.parsed.text).toContain('Sena Kpodar');
    expect(mail.parsed.html).toContain('<h2');

    // One personal link per open task; each opens its task page for the tech lead.
    const links = [...(mail.parsed.text ?? '').matchAll(/\/actions\/([\w-]+\.[\w-]+)/g)];
    expect(links).toHaveLength(listed);
    expect((mail.parsed.text ?? '').match(/\[En retard\]/g)?.length ?? 0).toBe(
      Number(subject![3] ?? 0),
    );
    const page = await request(stack.app.getHttpServer())
      .get(`/actions/${links[0][1]}`)
      .expect(200);
    expect(page.text).toContain('Sena Kpodar');

    const log = await stack.prisma.emailLog.findUnique({
      where: { idempotencyKey: `digest:tech-lead:${TECH_LEAD.sub}:2026-11-24` },
    });
    expect(log).toMatchObject({ status: 'SENT', template: 'digest:tech-lead', runId: null });
  });

  it('sends nothing twice for the same day, and nothing on a non-working day', async () => {
    const again = await digest(TUESDAY, `digest-test-${runId}-2`);
    expect(again).toMatchObject({ sent: 0, alreadySent: 1 });
    const weekend = await digest(SATURDAY, `digest-test-${runId}-3`);
    expect(weekend).toEqual({
      day: '2026-11-28',
      workingDay: false,
      sent: 0,
      alreadySent: 0,
      nothingToDo: 0,
    });
    expect(digestsTo(TECH_LEAD.email)).toHaveLength(1);
  });

  it('keeps a Temporal Schedule in line with DIGEST_* and removes it when disabled', async () => {
    const { taskQueue } = stack.config.temporal;
    const handle = stack.temporal.schedule.getHandle(digestScheduleId(taskQueue));
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Africa/Lome');
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 7, end: 7, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
        dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }],
      }),
    ]);
    expect(described.action).toMatchObject({ workflowType: 'techLeadDigest', taskQueue });

    // Triggered now, the scheduled workflow digests today in Lomé.
    await handle.trigger();
    let run: string | undefined;
    while (!run) {
      run = (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId;
      if (!run) await new Promise((r) => setTimeout(r, 200));
    }
    const today = localDay(new Date(), 'Africa/Lome');
    const result = await stack.temporal.workflow.getHandle<typeof techLeadDigest>(run).result();
    expect(result.day).toBe(today);
    expect(result.workingDay).toBe(isWorkingDay(today, loadHolidays('TG').dates));

    const change = await syncDigestSchedule(
      stack.temporal,
      { ...stack.config.digest, time: '08:15' },
      taskQueue,
    );
    expect(change).toBe('updated');
    expect((await handle.describe()).spec.calendars?.[0].minute).toEqual([
      { start: 15, end: 15, step: 1 },
    ]);
    expect(
      await syncDigestSchedule(
        stack.temporal,
        { ...stack.config.digest, enabled: false },
        taskQueue,
      ),
    ).toBe('deleted');
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(
      await syncDigestSchedule(
        stack.temporal,
        { ...stack.config.digest, enabled: false },
        taskQueue,
      ),
    ).toBe('absent');
  });
});

describe('DKIM', () => {
  it('signs every email with the configured key (verified independently of nodemailer)', () => {
    const sent = stack.mail.messages;
    expect(sent.length).toBeGreaterThan(1);
    const key = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    for (const mail of sent) {
      const check = verifyDkim(mail.raw, key);
      expect(check).toMatchObject({
        domain: 'digital.gouv.tg',
        selector: 'onboarding',
        bodyHashOk: true,
        signatureOk: true,
      });
      expect(check.signedHeaders).toEqual(expect.arrayContaining(['from', 'subject', 'to']));
    }
  });

  it('detects a tampered message', () => {
    const mail = stack.mail.messages[0];
    const key = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    const tampered = mail.raw.toString('latin1').replace(/^Subject: .*$/m, 'Subject: Changed');
    expect(verifyDkim(tampered, key).signatureOk).toBe(false);
  });
});
