/**
 * Controls of running journeys on the real stack: each call reaches the workflow as an Update or
 * Signal, the workflow's activities project the change, and the API answers from PostgreSQL.
 */
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

let stack: Stack;
const server = () => stack.app.getHttpServer();
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const WELCOME = 'Bienvenue à la Digital Factory';

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function as(role: Role, sub?: string) {
  return `Bearer ${await stack.token(role, sub)}`;
}

interface RunBody {
  id: string;
  status: string;
  startDate: string;
  techLead: { sub: string; email: string | null; name: string | null } | null;
  timeline: { action: string; actor: string }[];
}

async function startRun(email: string, startDate: string): Promise<RunBody> {
  const res = await request(server())
    .post('/v1/onboardings')
    .set('Authorization', await as('HR', 'hr-amina'))
    .send({
      fullName: 'Kossi Ablodé',
      email,
      startDate,
      locale: 'fr',
      techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
    })
    .expect(201);
  return res.body as RunBody;
}

/**
 * Signals give no answer to await and the projection follows in an activity: a bounded wait on
 * the audit trail (the row the projection writes), never a fixed sleep.
 */
async function auditedAction(runId: string, action: string, count = 1): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await stack.prisma.auditEvent.count({ where: { runId, action } })) < count) {
    if (Date.now() > deadline) throw new Error(`no ${action} audited for run ${runId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const control = (method: 'post' | 'put', runId: string, what: string, auth: string) =>
  request(server())[method](`/v1/onboardings/${runId}/${what}`).set('Authorization', auth);

describe('a run whose tasks are open (start in 2 days)', () => {
  let run: RunBody;

  beforeAll(async () => {
    run = await startRun('afi.open@example.tg', day(2));
    // The first task email arrives once its task is recorded OPEN.
    await stack.mail.waitFor((m) => m.envelopeTo.includes('afi.open@example.tg'));
    await stack.mail.waitFor((m) => m.parsed.subject !== WELCOME);
  });

  it('refuses a start-date change once pre-boarding is over (409 from the validator)', async () => {
    const res = await control('put', run.id, 'start-date', await as('HR'))
      .send({ startDate: day(20) })
      .expect(409);
    expect(res.body).toMatchObject({
      type: 'urn:df-onboarding:problem:conflict',
      code: 'NotAllowed',
    });
  });

  it('refuses a cancel without reason (400, DTO) and from roles other than HR/ADMIN (403)', async () => {
    const res = await control('post', run.id, 'cancel', await as('HR'))
      .send({})
      .expect(400);
    expect((res.body as { errors: { name: string }[] }).errors.map((e) => e.name)).toContain(
      'reason',
    );
    await control('post', run.id, 'cancel', await as('TECH_LEAD', 'tl-akossiwa'))
      .send({ reason: 'x' })
      .expect(403);
    await control('post', run.id, 'cancel', await as('IT'))
      .send({ reason: 'x' })
      .expect(403);
  });

  it('cancels: run CANCELLED, open tasks CANCELLED, audited; a second cancel is a 409', async () => {
    expect(
      await stack.prisma.task.count({ where: { runId: run.id, status: 'OPEN' } }),
    ).toBeGreaterThan(0);
    const res = await control('post', run.id, 'cancel', await as('HR', 'hr-amina'))
      .send({ reason: 'Offer withdrawn' })
      .expect(200);
    const body = res.body as RunBody & { cancelReason: string };
    expect(body).toMatchObject({
      id: run.id,
      status: 'CANCELLED',
      cancelReason: 'Offer withdrawn',
    });
    expect(body.timeline.map((e) => e.action)).toContain('run.cancelled');
    expect(await stack.prisma.task.count({ where: { runId: run.id, status: 'OPEN' } })).toBe(0);
    expect(
      await stack.prisma.task.count({ where: { runId: run.id, status: 'CANCELLED' } }),
    ).toBeGreaterThan(0);

    const again = await control('post', run.id, 'cancel', await as('HR'))
      .send({ reason: 'twice' })
      .expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('a run in pre-boarding (start in 30 days)', () => {
  let run: RunBody;

  beforeAll(async () => {
    run = await startRun('yao.later@example.tg', day(30));
    await auditedAction(run.id, 'run.running');
  });

  it('pauses then resumes, as the read model shows', async () => {
    const paused = await control('post', run.id, 'pause', await as('HR')).expect(202);
    expect((paused.body as RunBody).id).toBe(run.id);
    await auditedAction(run.id, 'run.paused');
    expect(
      await stack.prisma.onboardingRun.findUniqueOrThrow({ where: { id: run.id } }),
    ).toMatchObject({
      status: 'PAUSED',
    });

    await control('post', run.id, 'resume', await as('ADMIN')).expect(202);
    await auditedAction(run.id, 'run.running', 2);
    const res = await request(server())
      .get(`/v1/onboardings/${run.id}`)
      .set('Authorization', await as('HR'))
      .expect(200);
    expect(res.body).toMatchObject({ status: 'RUNNING' });
  });

  it('changes the start date before the start', async () => {
    const res = await control('put', run.id, 'start-date', await as('HR'))
      .send({ startDate: day(40) })
      .expect(200);
    expect(res.body).toMatchObject({ id: run.id, startDate: day(40) });
    expect((res.body as RunBody).timeline.map((e) => e.action)).toContain('run.start-date-changed');
    await control('put', run.id, 'start-date', await as('HR'))
      .send({ startDate: '2027-02-30' })
      .expect(400);
    // Older than the late window (5 working days, i.e. at most 9 calendar days): refused.
    const past = await control('put', run.id, 'start-date', await as('HR'))
      .send({ startDate: day(-30) })
      .expect(400);
    expect(past.body).toMatchObject({
      errors: [
        {
          name: 'startDate',
          reason: expect.stringContaining('working days in the past') as unknown,
        },
      ],
    });
  });

  it('reassigns the tech lead: the new one sees the run, the old one no longer does', async () => {
    const res = await control('put', run.id, 'tech-lead', await as('HEAD_OF_DF', 'head-df'))
      .send({ sub: 'tl-kafui', email: 'Kafui@Example.tg', name: 'Kafui Amegah' })
      .expect(200);
    const body = res.body as RunBody;
    expect(body.techLead).toEqual({
      sub: 'tl-kafui',
      email: 'kafui@example.tg',
      name: 'Kafui Amegah',
    });
    const actions = body.timeline.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['run.tech-lead-reassigned', 'run.tech-lead-contact']),
    );
    expect(JSON.stringify(body.timeline)).not.toContain('@');

    const mine = await request(server())
      .get('/v1/onboardings')
      .set('Authorization', await as('TECH_LEAD', 'tl-kafui'))
      .expect(200);
    expect((mine.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([run.id]);
    await request(server())
      .get(`/v1/onboardings/${run.id}`)
      .set('Authorization', await as('TECH_LEAD', 'tl-akossiwa'))
      .expect(404);
  });

  it('maps a validator refusal of the payload to 422', async () => {
    const res = await control('put', run.id, 'tech-lead', await as('HR'))
      .send({ sub: '   ', email: 'x@example.tg', name: 'X' })
      .expect(422);
    expect(res.body).toMatchObject({
      type: 'urn:df-onboarding:problem:unprocessable',
      code: 'Invalid',
    });
  });

  it('answers 404 for an unknown run', async () => {
    await control('post', '00000000-0000-4000-8000-000000000000', 'pause', await as('HR')).expect(
      404,
    );
  });
});

describe('calendar past the reviewed holidays (config/holidays/tg.json ends with 2027)', () => {
  interface CalendarBody {
    calendar: { reviewed: boolean; unreviewedYears: number[] };
    timeline: { action: string; after: unknown }[];
  }
  const detail = async (runId: string) =>
    (
      await request(server())
        .get(`/v1/onboardings/${runId}`)
        .set('Authorization', await as('HR'))
        .expect(200)
    ).body as CalendarBody;

  it('flags a run started in November 2027 whose 90-day checkpoint lands in 2028', async () => {
    const run = await startRun('calendar-2028@example.tg', '2027-11-12');
    await auditedAction(run.id, 'run.calendar-coverage');
    const body = await detail(run.id);
    expect(body.calendar).toEqual({ reviewed: false, unreviewedYears: [2028] });
    expect(body.timeline.filter((e) => e.action === 'run.calendar-coverage')).toEqual([
      expect.objectContaining({ after: { unreviewedYears: [2028] } }),
    ]);
  });
});
