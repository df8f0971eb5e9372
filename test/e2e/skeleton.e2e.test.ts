/**
 * The walking skeleton end to end on real Temporal, PostgreSQL and SMTP:
 * POST a hire → run recorded → workflow started → welcome email received → GET shows the run.
 */
import request from 'supertest';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let hr: string;

beforeAll(async () => {
  stack = await startStack();
  hr = await stack.token('HR', 'hr-amina');
});
afterAll(() => stack?.stop());

const server = () => stack.app.getHttpServer();

/** Two days from now: the welcome email (5 days before the start) is due at once. */
const START_DATE = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

const hire = (email: string) => ({
  fullName: 'Kodjo Mensah',
  email,
  startDate: START_DATE,
  locale: 'fr',
  techLead: { sub: 'tl-akossiwa', email: 'akossiwa.lawson@example.tg', name: 'Akossiwa Lawson' },
});

describe('POST /v1/onboardings then GET /v1/onboardings/:id', () => {
  it('records the run, starts the workflow and sends the welcome email', async () => {
    const created = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .send(hire('Kodjo.Mensah@Example.tg'))
      .expect(201);
    const run = created.body as {
      id: string;
      workflowId: string;
      hire: { id: string; email: string };
    };
    expect(created.headers.location).toBe(`/v1/onboardings/${run.id}`);
    expect(run.workflowId).toBe(`onboarding-${run.hire.id}`);
    expect(run.hire.email).toBe('kodjo.mensah@example.tg');

    const mail = await stack.mail.waitFor((m) => m.envelopeTo.includes('kodjo.mensah@example.tg'));
    expect(mail.parsed.subject).toBe('Bienvenue à la Digital Factory');
    expect(mail.parsed.text).toContain('Bonjour Kodjo Mensah');
    // The first day written out in French, as `Intl` does (e.g. "lundi 7 décembre 2026").
    expect(mail.parsed.text).toContain(
      new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${START_DATE}T12:00:00Z`),
      ),
    );
    expect(mail.parsed.html).toContain('<p>Bonjour Kodjo Mensah,</p>');

    const got = await request(server())
      .get(`/v1/onboardings/${run.id}`)
      .set('Authorization', `Bearer ${hr}`)
      .expect(200);
    expect(got.body).toMatchObject({
      id: run.id,
      status: 'RUNNING',
      startDate: START_DATE,
      timeZone: 'Africa/Lome',
    });

    const log = await stack.prisma.emailLog.findMany({
      where: { runId: run.id, template: 'welcome' },
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      status: 'SENT',
      messageId: mail.parsed.messageId,
    });
    const audit = await stack.prisma.auditEvent.findMany({
      where: { runId: run.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['run.created', 'run.running']);
    expect(audit[0].actor).toBe('hr-amina');
  });

  it('answers 409 with the existing run for a second start of the same hire', async () => {
    const first = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .send(hire('afi@example.tg'))
      .expect(201);
    const second = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .send({ ...hire(' AFI@example.tg '), fullName: 'Afi' })
      .expect(409);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({
      status: 409,
      existing: `/v1/onboardings/${(first.body as { id: string }).id}`,
    });
    expect(
      await stack.prisma.onboardingRun.count({ where: { hire: { email: 'afi@example.tg' } } }),
    ).toBe(1);
  });

  it('starts exactly one run when 20 requests for the same hire arrive together', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server())
          .post('/v1/onboardings')
          .set('Authorization', `Bearer ${hr}`)
          .send(hire('kossi@example.tg'))
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(
      await stack.prisma.onboardingRun.count({ where: { hire: { email: 'kossi@example.tg' } } }),
    ).toBe(1);
  });
});

describe('bad input and access', () => {
  it('answers problem+json naming each offending field', async () => {
    const res = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .send({
        fullName: '',
        email: 'not-an-email',
        startDate: '2027-02-30',
        locale: 'de',
        salary: 1,
      })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (res.body as { errors: { name: string }[] }).errors.map((e) => e.name);
    expect([...new Set(fields)].sort()).toEqual([
      'email',
      'fullName',
      'locale',
      'salary',
      'startDate',
      'techLead',
    ]);
    expect(await stack.prisma.hire.count({ where: { email: 'not-an-email' } })).toBe(0);
  });

  it('rejects malformed JSON with a 400 problem, not a 500', async () => {
    const res = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .set('Content-Type', 'application/json')
      .send('{"fullName": ')
      .expect(400);
    expect(res.body).toMatchObject({
      type: 'urn:df-onboarding:problem:malformed-request',
      status: 400,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a missing token (401) and a role that may not start runs (403)', async () => {
    await request(server()).post('/v1/onboardings').send(hire('x@example.tg')).expect(401);
    const hireToken = await stack.token('HIRE');
    const res = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hireToken}`)
      .send(hire('x@example.tg'))
      .expect(403);
    expect(res.body).toMatchObject({ type: 'urn:df-onboarding:problem:forbidden' });
  });

  it('answers 404 problem for an unknown run and 400 for a malformed id', async () => {
    await request(server())
      .get('/v1/onboardings/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${hr}`)
      .expect(404);
    const res = await request(server())
      .get('/v1/onboardings/nope')
      .set('Authorization', `Bearer ${hr}`)
      .expect(400);
    expect(res.body).toMatchObject({ errors: [{ name: 'id', reason: 'must be a UUID' }] });
  });

  it('serves the OpenAPI document and health probes without a token', async () => {
    const spec = await request(server()).get('/openapi.json').expect(200);
    expect(Object.keys((spec.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining([
        '/v1/onboardings',
        '/v1/onboardings/{id}',
        '/health/live',
        '/health/ready',
      ]),
    );
    await request(server())
      .get('/health/ready')
      .expect(200, { status: 'ok', checks: { postgresql: 'up', temporal: 'up' } });
  });
});
