/**
 * The reads and actions behind the console's role views (issue 13), on the real stack: the hire's
 * tours and their calendar (GET /v1/onboardings/{id}/tours[.ics]), the head of the Digital
 * Factory's escalations and runs overview (/v1/oversight/…), and IT's provisioning queue with the
 * retry of a failed grant (/v1/provisioning/…). Four systems go through the webhook connector to
 * a local receiver; `registry` is refused (HTTP 400) until the test lets it through, so its grant
 * fails for good and falls back to IT; the other systems are manual.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import type { TaskResponseDto } from '../../apps/api/src/tasks/dto/task-response.dto';
import { loadPlans } from '../../domain/plans/load-plans';
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
const PLAN_KEY = 'compressed-roles';
const WEBHOOK_SYSTEMS = ['ldap', 'git', 'ci', 'registry'];
const REGISTRY = 'grant-container-registry';
const TOURS = loadPlans()
  .find((p) => p.plan.key === 'rust-backend-engineer')!
  .plan.phases.flatMap((p) => p.steps)
  .filter((s) => s.kind === 'CODEBASE_TOUR')
  .map((s) => s.id);

let stack: Stack;
let receiver: WebhookTarget;
const api = () => request(stack.app.getHttpServer());
const tokens: Record<string, string> = {};
const as = (who: string) => `Bearer ${tokens[who]}`;
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function startRun(body: Record<string, unknown>): Promise<string> {
  const res = await api()
    .post('/v1/onboardings')
    .set('Authorization', as('hr'))
    .send({ locale: 'fr', ...body });
  expect([201, 202]).toContain(res.status);
  return (res.body as { id: string }).id;
}

/** The default plan from the first start date the date rule accepts a week or more ahead. */
async function startFutureRun(): Promise<string> {
  for (let day = 7; day < 21; day++) {
    const res = await api()
      .post('/v1/onboardings')
      .set('Authorization', as('hr'))
      .send({
        fullName: 'Afi Mensah',
        email: 'afi.mensah@example.tg',
        startDate: daysFromNow(day),
        locale: 'fr',
        techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
      });
    if (res.status === 201 || res.status === 202) return (res.body as { id: string }).id;
  }
  throw new Error('no start date accepted within three weeks');
}

let futureRun = '';
let pastRun = '';

beforeAll(async () => {
  receiver = await startWebhookTarget(SECRET);
  // The registry's namespace does not exist until the test creates it (a failed grant for IT).
  receiver.refuse = (call) =>
    call.system === 'registry' && call.action === 'grant'
      ? 'namespace digital-factory does not exist'
      : undefined;
  stack = await startStack(
    webhookProvisioningEnv(receiver.url, SECRET, WEBHOOK_SYSTEMS, { attempts: 1 }),
  );
  await seedPlans(stack.prisma, [parsePlan(compressedPlan(PLAN_KEY))]);
  const t = (role: Role, sub: string, email?: string) => stack.token(role, sub, { email });
  Object.assign(tokens, {
    hr: await t('HR', 'hr-amina'),
    admin: await t('ADMIN', 'admin-kafui'),
    afi: await t('HIRE', 'idp-afi', 'Afi.Mensah@example.tg'),
    yao: await t('HIRE', 'idp-yao', 'yao.kudjo@example.tg'),
    akossiwa: await t('TECH_LEAD', 'tl-akossiwa'),
    kossi: await t('TECH_LEAD', 'tl-kossi'),
    head: await t('HEAD_OF_DF', 'head-df'),
    it: await t('IT', 'it-edem'),
  });
  futureRun = await startFutureRun();
  pastRun = await startRun({
    fullName: 'Yao Kudjo',
    email: 'yao.kudjo@example.tg',
    startDate: daysFromNow(-3),
    planKey: PLAN_KEY,
    techLead: { sub: 'tl-kossi', email: 'kossi@example.tg', name: 'Kossi Amah' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

/** Unfolds an iCalendar text (RFC 5545 §3.1) into its events' properties. */
function eventsOf(ics: string): Record<string, string>[] {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) events.push(current);
    else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return events;
}

describe('tours and their calendar', () => {
  it('lists the tours of a run starting next week, all upcoming, the hire sees her own', async () => {
    const res = await api()
      .get(`/v1/onboardings/${futureRun}/tours`)
      .set('Authorization', as('afi'))
      .expect(200);
    const tours = res.body as {
      stepId: string;
      startsAt: string;
      endsAt: string;
      upcoming: boolean;
      guideName: string | null;
    }[];
    expect(tours.map((t) => t.stepId).sort()).toEqual([...TOURS].sort());
    expect(tours.every((t) => t.upcoming && Date.parse(t.startsAt) < Date.parse(t.endsAt))).toBe(
      true,
    );
    expect(tours.every((t) => t.guideName === 'Akossiwa Lawson')).toBe(true);
  });

  it('downloads them as an RFC 5545 calendar in Africa/Lome with a UID per run and step', async () => {
    const first = await api()
      .get(`/v1/onboardings/${futureRun}/tours.ics?lang=en`)
      .set('Authorization', as('afi'))
      .expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    expect(first.headers['content-disposition']).toBe(
      `attachment; filename="tours-${futureRun}.ics"`,
    );
    const ics = first.text;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('TZID:Africa/Lome');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const events = eventsOf(ics);
    expect(events.map((e) => e.UID).sort()).toEqual(
      TOURS.map((id) => `${futureRun}-${id}@df-onboarding`).sort(),
    );
    const architecture = events.find((e) => e.UID.includes('tour-architecture-overview'))!;
    expect(architecture.SUMMARY).toBe('Architecture overview — Afi Mensah');
    expect(architecture.DESCRIPTION).toContain('Topics : service map\\, Cargo workspaces');
    expect(architecture['DTSTART;TZID=Africa/Lome']).toMatch(/^\d{8}T\d{6}$/);

    // Downloading again gives the same events (same UIDs and times): an update, not a copy.
    const again = await api()
      .get(`/v1/onboardings/${futureRun}/tours.ics?lang=en`)
      .set('Authorization', as('akossiwa'))
      .expect(200);
    const strip = (e: Record<string, string>) => ({ ...e, DTSTAMP: '', 'LAST-MODIFIED': '' });
    expect(eventsOf(again.text).map(strip)).toEqual(events.map(strip));
  });

  it('lets the run’s tech lead and HR download; hides the run from others; refuses IT', async () => {
    const url = `/v1/onboardings/${futureRun}/tours.ics`;
    await api().get(url).set('Authorization', as('hr')).expect(200);
    const hidden = await api().get(url).set('Authorization', as('kossi')).expect(404);
    expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
    await api().get(url).set('Authorization', as('yao')).expect(404);
    const refused = await api().get(url).set('Authorization', as('it')).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await api().get(`${url}?lang=de`).set('Authorization', as('afi')).expect(400);
    expect(bad.body).toMatchObject({ errors: [{ name: 'lang' }] });
    await api().get('/v1/onboardings/nope/tours.ics').set('Authorization', as('hr')).expect(400);
  });
});

describe('IT’s provisioning queue', () => {
  type Item = { kind: string; runId: string; stepId: string; system: string; taskId?: string };
  const queue = async (kind: string, who = 'it') =>
    (
      await api()
        .get(`/v1/provisioning/queue?kind=${kind}&limit=100`)
        .set('Authorization', as(who))
        .expect(200)
    ).body as { items: Item[]; total: number };
  const ofPastRun = (items: Item[]) => items.filter((i) => i.runId === pastRun);

  it('shows the refused grant as FAILED and the manual systems as MANUAL', async () => {
    const failed = await eventually(async () => {
      const items = ofPastRun((await queue('FAILED')).items);
      return items.length > 0 && items;
    }, 'the failed registry grant');
    expect(failed.map((i) => [i.stepId, i.system])).toEqual([[REGISTRY, 'registry']]);
    const manual = ofPastRun((await queue('MANUAL')).items);
    expect(manual.map((i) => i.system)).toContain('vpn');
    expect(manual.map((i) => i.stepId)).not.toContain(REGISTRY);
  });

  it('refuses other roles (403) and an unknown kind (400)', async () => {
    await api().get('/v1/provisioning/queue').set('Authorization', as('hr')).expect(403);
    await api().get('/v1/provisioning/queue').set('Authorization', as('admin')).expect(200);
    const bad = await api()
      .get('/v1/provisioning/queue?kind=BOGUS&limit=0')
      .set('Authorization', as('it'))
      .expect(400);
    expect((bad.body as { errors: { name: string }[] }).errors.map((e) => e.name).sort()).toEqual([
      'kind',
      'limit',
    ]);
  });

  const retryUrl = (stepId: string) => `/v1/provisioning/runs/${pastRun}/grants/${stepId}/retry`;

  it('retries the failed grant: refused again (422, task still open), then granted', async () => {
    const again = await api().post(retryUrl(REGISTRY)).set('Authorization', as('it')).expect(422);
    expect(again.body).toMatchObject({ code: 'GrantFailed' });
    expect((again.body as { detail: string }).detail).toContain('HTTP 400');
    expect(ofPastRun((await queue('FAILED')).items)).toHaveLength(1);

    receiver.refuse = () => undefined;
    const res = await api().post(retryUrl(REGISTRY)).set('Authorization', as('it')).expect(200);
    const body = res.body as { outcome: string; externalRef: string; task: TaskResponseDto };
    expect(body.outcome).toBe('GRANTED');
    expect(body.externalRef).toMatch(/^registry:h[0-9a-f]{12}$/);
    expect(body.task.status).toBe('DONE');
    await eventually(
      () =>
        stack.prisma.accessGrant.findFirst({
          where: { runId: pastRun, stepId: REGISTRY, status: 'GRANTED' },
        }),
      'the retried grant recorded',
    );
    expect(ofPastRun((await queue('FAILED')).items)).toEqual([]);

    // Idempotent: a second retry changes nothing.
    const twice = await api().post(retryUrl(REGISTRY)).set('Authorization', as('it')).expect(200);
    expect(twice.body).toMatchObject({ outcome: 'ALREADY_GRANTED' });
    const audited = await stack.prisma.auditEvent.findMany({
      where: { runId: pastRun, action: 'access.grant_retried' },
      orderBy: { id: 'asc' },
    });
    expect(audited.map((a) => [(a.after as { outcome: string }).outcome, a.actor])).toEqual([
      ['FAILED', 'it-edem'],
      ['GRANTED', 'it-edem'],
    ]);
  });

  it('refuses to retry a manual grant (409), another role (403), a malformed step (400)', async () => {
    const manual = await api()
      .post(retryUrl('grant-vpn'))
      .set('Authorization', as('it'))
      .expect(409);
    expect(manual.body).toMatchObject({ code: 'NotAFailedGrant' });
    await api().post(retryUrl(REGISTRY)).set('Authorization', as('hr')).expect(403);
    await api().post(retryUrl('Not_A_Step')).set('Authorization', as('it')).expect(400);
    await api().post(retryUrl('grant-unknown')).set('Authorization', as('it')).expect(404);
  });

  it('lists drift found by a verification until a new verification finds none', async () => {
    const username = [...receiver.accounts].find((k) => k.startsWith('git:'))!;
    receiver.accounts.delete(username);
    const verify = `/v1/onboardings/${pastRun}/access/verify`;
    await api().post(verify).set('Authorization', as('it')).expect(200);
    const drift = ofPastRun((await queue('DRIFT')).items);
    expect(drift).toEqual([
      expect.objectContaining({ stepId: 'grant-git-repositories', system: 'git' }),
    ]);
    expect(drift[0]).toMatchObject({ expected: 'GRANTED', observed: 'ABSENT' });

    receiver.accounts.add(username);
    await api().post(verify).set('Authorization', as('it')).expect(200);
    expect(ofPastRun((await queue('DRIFT')).items)).toEqual([]);
  });
});

describe('the head of the Digital Factory', () => {
  type Escalation = { runId: string; stepId: string; reason: string; actionable: boolean };
  const escalations = async () =>
    (
      await api()
        .get('/v1/oversight/escalations?limit=100')
        .set('Authorization', as('head'))
        .expect(200)
    ).body as { items: Escalation[]; total: number };

  async function openTask(who: string, key: string): Promise<TaskResponseDto> {
    return eventually(async () => {
      const res = await api().get('/v1/tasks/mine').set('Authorization', as(who)).expect(200);
      return (res.body as TaskResponseDto[]).find((t) => t.runId === pastRun && t.taskKey === key);
    }, `task ${key}`);
  }

  it('sees a checkpoint the tech lead escalated, which they decide', async () => {
    const self = await openTask('yao', 'checkpoint-day-30:self-assessment:1');
    await api()
      .post(`/v1/tasks/${self.id}/complete`)
      .set('Authorization', as('yao'))
      .send({ assessment: 'Tout va bien.' })
      .expect(200);
    const review = await openTask('kossi', 'checkpoint-day-30:review:1');
    await api()
      .post(`/v1/tasks/${review.id}/complete`)
      .set('Authorization', as('kossi'))
      .send({ decision: 'ESCALATE', notes: 'Besoin d’un deuxième avis.' })
      .expect(200);
    const item = await eventually(
      async () =>
        (await escalations()).items.find(
          (e) => e.runId === pastRun && e.reason === 'CHECKPOINT_ESCALATED',
        ),
      'the escalated checkpoint',
    );
    expect(item).toMatchObject({ stepId: 'checkpoint-day-30', actionable: true });
  });

  it('refuses other roles (403) and a bad page (400)', async () => {
    for (const who of ['hr', 'kossi', 'it', 'yao'])
      await api().get('/v1/oversight/escalations').set('Authorization', as(who)).expect(403);
    await api()
      .get('/v1/oversight/escalations?offset=-1')
      .set('Authorization', as('head'))
      .expect(400);
    // The fuzz drill found that an offset past bigint reached PostgreSQL and answered 500.
    const deep = await api()
      .get('/v1/provisioning/queue?offset=10000000000000000000000')
      .set('Authorization', as('it'))
      .expect(400);
    expect(deep.body).toMatchObject({ errors: [expect.objectContaining({ name: 'offset' })] });
  });

  it('sees every run at a glance: counts by status and phase, overdue, escalations', async () => {
    const res = await api().get('/v1/oversight/runs').set('Authorization', as('head')).expect(200);
    const overview = res.body as {
      total: number;
      byStatus: { key: string; count: number }[];
      byPhase: { key: string; count: number }[];
      overdue: number;
      trialAtRisk: number;
      escalations: number;
    };
    expect(overview.total).toBe(await stack.prisma.onboardingRun.count());
    expect(overview.byStatus.reduce((n, s) => n + s.count, 0)).toBe(overview.total);
    expect(overview.byPhase.reduce((n, s) => n + s.count, 0)).toBe(
      await stack.prisma.onboardingRun.count({
        where: { status: { in: ['PENDING', 'RUNNING', 'PAUSED'] } },
      }),
    );
    expect(overview.overdue).toBeGreaterThanOrEqual(1); // the compressed run is all due
    expect(overview.trialAtRisk).toBe(0);
    expect(overview.escalations).toBe((await escalations()).total);
    await api().get('/v1/oversight/runs').set('Authorization', as('hr')).expect(200);
    await api().get('/v1/oversight/runs').set('Authorization', as('kossi')).expect(403);
  });
});
