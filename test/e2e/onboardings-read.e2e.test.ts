/**
 * GET /v1/onboardings and GET /v1/onboardings/:id on the real stack. The read model is seeded
 * directly (the API reads PostgreSQL only), so every filter, page and visibility rule is checked
 * against rows whose values the test chose.
 */
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import type { RunStatus } from '../../prisma/client';
import { toJourneySchedule } from '../../activities/schedule.activities';
import { loadHolidays } from '../../domain/calendar/holidays';
import { parsePlan } from '../../domain/plans/plan.schema';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

let stack: Stack;
const server = () => stack.app.getHttpServer();
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T08:00:00.000Z');

interface Seed {
  name: string;
  email: string;
  status: RunStatus;
  phase: string;
  techLeadSub: string;
  startDate: string;
  createdAt: number;
  task?: { status: 'OPEN' | 'DONE' | 'CANCELLED'; dueInDays: number };
}

// r5 and r6 share their creation instant: the id breaks the tie.
const SEEDS: Seed[] = [
  {
    name: 'r1',
    email: 'r1@example.tg',
    status: 'RUNNING',
    phase: 'PRE_BOARDING',
    techLeadSub: 'tl-a',
    startDate: '2027-01-04',
    createdAt: T0 + 1000,
  },
  {
    name: 'r2',
    email: 'r2@example.tg',
    status: 'RUNNING',
    phase: 'SECURITY_SIGN_OFF',
    techLeadSub: 'tl-a',
    startDate: '2027-01-11',
    createdAt: T0 + 2000,
    task: { status: 'OPEN', dueInDays: -1 },
  },
  {
    name: 'r3',
    email: 'r3@example.tg',
    status: 'PAUSED',
    phase: 'SECURITY_SIGN_OFF',
    techLeadSub: 'tl-b',
    startDate: '2027-02-01',
    createdAt: T0 + 3000,
    task: { status: 'OPEN', dueInDays: 3 },
  },
  {
    name: 'r4',
    email: 'r4@example.tg',
    status: 'COMPLETED',
    phase: 'COMPLETED',
    techLeadSub: 'tl-b',
    startDate: '2026-09-01',
    createdAt: T0 + 4000,
    task: { status: 'DONE', dueInDays: -30 },
  },
  {
    name: 'r5',
    email: 'r5@example.tg',
    status: 'CANCELLED',
    phase: 'CANCELLED',
    techLeadSub: 'tl-c',
    startDate: '2027-03-01',
    createdAt: T0 + 5000,
    task: { status: 'CANCELLED', dueInDays: -2 },
  },
  {
    name: 'r6',
    email: 'r6@example.tg',
    status: 'RUNNING',
    phase: 'FIRST_WEEK',
    techLeadSub: 'tl-a',
    startDate: '2027-01-18',
    createdAt: T0 + 5000,
  },
  {
    name: 'r7',
    email: 'yawa@example.tg',
    status: 'RUNNING',
    phase: 'PRE_BOARDING',
    techLeadSub: 'tl-c',
    startDate: '2027-01-25',
    createdAt: T0 + 6000,
  },
];
const ids: Record<string, string> = {};
let planSteps = 0;
let planKey = '';
let planTitle: unknown;
let planStepIds: string[] = [];
let planStepTitles: Record<string, unknown> = {};

async function seed(s: Seed, planId: string): Promise<void> {
  const hire = await stack.prisma.hire.create({
    data: { fullName: `Hire ${s.name}`, email: s.email, locale: 'fr' },
  });
  const run = await stack.prisma.onboardingRun.create({
    data: {
      hireId: hire.id,
      workflowId: `seeded-${hire.id}`,
      status: s.status,
      phase: s.phase,
      startDate: new Date(`${s.startDate}T00:00:00Z`),
      planId,
      techLeadSub: s.techLeadSub,
      techLeadEmail: `${s.techLeadSub}@example.tg`,
      techLeadName: `Lead ${s.techLeadSub}`,
      createdBy: 'hr-amina',
      createdAt: new Date(s.createdAt),
    },
  });
  ids[s.name] = run.id;
  if (s.task) {
    await stack.prisma.task.create({
      data: {
        runId: run.id,
        taskKey: 'security-charter:charter',
        stepId: 'prepare-workstation', // a step of the plan: the list names it by its title
        kind: 'ACK_DOCUMENT',
        assigneeRole: 'HIRE',
        status: s.task.status,
        dueAt: new Date(Date.now() + s.task.dueInDays * DAY),
      },
    });
  }
}

beforeAll(async () => {
  stack = await startStack();
  const plan = await stack.prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } });
  const definition = plan.definition as {
    title: unknown;
    phases: { steps: { id: string; title: unknown }[] }[];
  };
  planStepTitles = Object.fromEntries(
    definition.phases.flatMap((p) => p.steps.map((st) => [st.id, st.title])),
  );
  planSteps = definition.phases.reduce((n, p) => n + p.steps.length, 0);
  planStepIds = definition.phases.flatMap((p) => p.steps.map((s) => s.id));
  planKey = plan.key;
  planTitle = definition.title;
  for (const s of SEEDS) await seed(s, plan.id);
});
afterAll(() => stack?.stop());

async function as(role: Role, sub?: string, email?: string) {
  return `Bearer ${await stack.token(role, sub, { email })}`;
}

async function list(
  auth: string,
  query = '',
): Promise<{ names: string[]; nextCursor: string | null }> {
  const res = await request(server())
    .get(`/v1/onboardings${query}`)
    .set('Authorization', auth)
    .expect(200);
  const body = res.body as { items: { id: string }[]; nextCursor: string | null };
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return { names: body.items.map((i) => byId[i.id]), nextCursor: body.nextCursor };
}

/** Newest first: r7, then r5/r6 (same instant) by id descending, then r4 … r1. */
function newestFirst(names: string[]): string[] {
  const tie = ['r5', 'r6'].sort((a, b) => (ids[a] < ids[b] ? 1 : -1));
  return ['r7', ...tie, 'r4', 'r3', 'r2', 'r1'].filter((n) => names.includes(n));
}

describe('GET /v1/onboardings', () => {
  it('pages through every run, newest first, with an opaque cursor', async () => {
    const hr = await as('HR');
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await list(hr, query);
      pages.push(page.names);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(newestFirst(SEEDS.map((s) => s.name)));
    expect((await list(hr)).names).toHaveLength(7); // default limit 20
  });

  it.each([
    ['?status=PAUSED', ['r3']],
    ['?phase=SECURITY_SIGN_OFF', ['r2', 'r3']],
    ['?techLead=tl-a', ['r1', 'r2', 'r6']],
    ['?overdue=true', ['r2']],
    ['?overdue=false', ['r1', 'r3', 'r4', 'r5', 'r6', 'r7']],
    ['?startDateFrom=2027-01-05&startDateTo=2027-01-25', ['r2', 'r6', 'r7']],
    ['?startDateFrom=2027-02-01', ['r3', 'r5']],
    ['?techLead=tl-a&overdue=true', ['r2']],
    ['?q=R3', ['r3']],
    ['?q=%20hire%20r%20', SEEDS.map((s) => s.name)],
    ['?q=%25', []],
    ['?q=r&status=PAUSED', ['r3']],
    ['?plan=no-such-plan', []],
  ])('filters %s', async (query, expected) => {
    expect((await list(await as('HR'), query)).names).toEqual(newestFirst(expected));
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?cursor=bm9wZQ', 'cursor'],
    ['?status=DONE', 'status'],
    ['?overdue=yes', 'overdue'],
    ['?startDateFrom=2027-02-30', 'startDateFrom'],
    ['?startDateFrom=2027-02-01&startDateTo=2027-01-01', 'startDateTo'],
    ['?sort=name', 'sort'],
    ['?q=', 'q'],
    [`?q=${'x'.repeat(101)}`, 'q'],
    ['?plan=Rust%20Plan', 'plan'],
  ])('refuses %s with a 400 problem naming %s', async (query, field) => {
    const res = await request(server())
      .get(`/v1/onboardings${query}`)
      .set('Authorization', await as('HR'))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body as { errors: { name: string }[] }).errors.map((e) => e.name)).toContain(field);
  });

  it('filters by plan key, any version', async () => {
    expect((await list(await as('HR'), `?plan=${planKey}`)).names).toEqual(
      newestFirst(SEEDS.map((s) => s.name)),
    );
  });

  it('searches by name only within the caller scope', async () => {
    expect((await list(await as('TECH_LEAD', 'tl-a'), '?q=r3')).names).toEqual([]);
    expect((await list(await as('TECH_LEAD', 'tl-b'), '?q=r3')).names).toEqual(['r3']);
    expect((await list(await as('HIRE', 'h-yawa', 'yawa@example.tg'), '?q=r1')).names).toEqual([]);
  });

  it('names each run’s next due task by its step’s title in the run’s plan', async () => {
    const res = await request(server())
      .get('/v1/onboardings?q=r2')
      .set('Authorization', await as('HR'))
      .expect(200);
    const [item] = (res.body as { items: { id: string; nextTask: unknown }[] }).items;
    expect(item?.id).toBe(ids.r2);
    expect(item?.nextTask).toMatchObject({
      stepId: 'prepare-workstation',
      kind: 'ACK_DOCUMENT',
      assigneeRole: 'HIRE',
      title: planStepTitles['prepare-workstation'],
    });
    const title = planStepTitles['prepare-workstation'] as { fr?: unknown } | undefined;
    expect(typeof title?.fr).toBe('string');
  });

  it('shows a tech lead only the runs they lead, whatever the filter says', async () => {
    const leadA = await as('TECH_LEAD', 'tl-a');
    expect((await list(leadA)).names).toEqual(newestFirst(['r1', 'r2', 'r6']));
    expect((await list(leadA, '?techLead=tl-b')).names).toEqual([]);
    expect((await list(await as('TECH_LEAD', 'tl-nobody'))).names).toEqual([]);
  });

  it('shows a hire only their own run, matching the token email case-insensitively', async () => {
    expect((await list(await as('HIRE', 'h-yawa', 'Yawa@Example.TG'))).names).toEqual(['r7']);
    expect((await list(await as('HIRE', 'h-anon'))).names).toEqual([]);
  });

  it('lets HEAD_OF_DF see every run and refuses IT (403)', async () => {
    expect((await list(await as('HEAD_OF_DF'))).names).toHaveLength(7);
    const res = await request(server())
      .get('/v1/onboardings')
      .set('Authorization', await as('IT'))
      .expect(403);
    expect(res.body).toMatchObject({ type: 'urn:df-onboarding:problem:forbidden' });
  });
});

describe('GET /v1/onboardings/:id', () => {
  const get = async (auth: string, name: string, status: number) =>
    request(server()).get(`/v1/onboardings/${ids[name]}`).set('Authorization', auth).expect(status);

  it('answers 404 (not 403) for a run out of sight, so existence does not leak', async () => {
    await get(await as('TECH_LEAD', 'tl-b'), 'r1', 404);
    await get(await as('TECH_LEAD', 'tl-b'), 'r3', 200);
    await get(await as('HIRE', 'h-yawa', 'yawa@example.tg'), 'r1', 404);
    await get(await as('HIRE', 'h-yawa', 'yawa@example.tg'), 'r7', 200);
    await get(await as('IT'), 'r7', 403);
  });

  it('shows steps, progress from the plan snapshot, overdue tasks and an email-free timeline', async () => {
    const runId = ids.r2;
    const step = (stepId: string, status: string, dueInDays: number) =>
      stack.prisma.runStep.create({
        data: {
          runId,
          stepId,
          kind: 'TASK',
          phase: 'SECURITY_SIGN_OFF',
          status,
          dueAt: new Date(Date.now() + dueInDays * DAY),
          completedAt: status === 'DONE' ? new Date() : null,
        },
      });
    await step('laptop', 'DONE', -3);
    await step('accounts', 'DONE', -2);
    await step('security-charter', 'IN_PROGRESS', -1);
    await stack.prisma.auditEvent.createMany({
      data: [
        {
          runId,
          actor: 'hr-amina',
          action: 'run.created',
          entityType: 'onboarding_run',
          entityId: runId,
          after: { status: 'PENDING' },
          at: new Date(T0),
        },
        {
          runId,
          actor: 'system:workflow',
          action: 'email.sent',
          entityType: 'email_log',
          entityId: 'x',
          after: { recipient: 'r2@example.tg', note: 'sent to r2@example.tg' },
          at: new Date(T0 + 1),
        },
      ],
    });

    const res = await get(await as('HR'), 'r2', 200);
    const body = res.body as {
      techLead: { sub: string; name: string };
      steps: { id: string; status: string; dueAt: string; completedAt: string | null }[];
      progress: { doneSteps: number; totalSteps: number; percent: number };
      overdueTasks: { key: string; assigneeRole: string }[];
      timeline: { action: string; actor: string; at: string; after: unknown }[];
    };
    expect(body).toMatchObject({ id: runId, status: 'RUNNING', phase: 'SECURITY_SIGN_OFF' });
    expect(body.techLead).toMatchObject({ sub: 'tl-a', name: 'Lead tl-a' });
    expect(body.steps.map((s) => [s.id, s.status])).toEqual([
      ['laptop', 'DONE'],
      ['accounts', 'DONE'],
      ['security-charter', 'IN_PROGRESS'],
    ]);
    expect(body.steps[2].completedAt).toBeNull();
    expect(body.progress).toEqual({
      doneSteps: 2,
      totalSteps: planSteps,
      percent: Math.round((2 * 100) / planSteps),
    });
    expect(body.overdueTasks).toEqual([
      expect.objectContaining({ key: 'security-charter:charter', assigneeRole: 'HIRE' }),
    ]);
    expect(body.timeline.map((e) => e.action)).toEqual(['run.created', 'email.sent']);
    expect(body.timeline[0]).toMatchObject({ actor: 'hr-amina', entityType: 'onboarding_run' });
    expect(JSON.stringify(body.timeline)).not.toContain('@');
  });

  it('names the plan by its title and lists the steps not opened yet with their planned dates', async () => {
    const body = (await get(await as('HR'), 'r1', 200)).body as {
      plan: { key: string; title: unknown };
      steps: unknown[];
      plannedSteps: {
        id: string;
        status: string;
        dueAt: string;
        title: { fr: string; en: string };
      }[];
    };
    expect(body.plan).toMatchObject({ key: planKey, title: planTitle });
    expect(body.steps).toEqual([]);
    // The dates the worker's schedule gives them (r1 starts 2027-01-04, Lomé, TG holidays).
    const plan = await stack.prisma.plan.findFirstOrThrow({
      where: { key: planKey },
      orderBy: { version: 'desc' },
    });
    const holidays = loadHolidays('TG', [], { throughYear: 2029 }).dates;
    const schedule = toJourneySchedule(
      parsePlan(plan.definition),
      '2027-01-04',
      'Africa/Lome',
      holidays,
    );
    expect(body.plannedSteps.map((s) => [s.id, s.dueAt])).toEqual(
      schedule.steps.map((s) => [s.id, s.dueAt]),
    );
    expect(body.plannedSteps.map((s) => s.id)).toEqual(planStepIds);
    expect(new Set(body.plannedSteps.map((s) => s.status))).toEqual(new Set(['PLANNED']));
    for (const step of body.plannedSteps) {
      expect([step.title.fr, step.title.en].every((x) => x.length > 0)).toBe(true);
    }
    // A run that has ended plans nothing more.
    const ended = (await get(await as('HR'), 'r4', 200)).body as { plannedSteps: unknown[] };
    expect(ended.plannedSteps).toEqual([]);
  });

  it('shows who acted by name for the hire and the tech lead, never an address', async () => {
    const runId = ids.r6;
    const run = await stack.prisma.onboardingRun.findUniqueOrThrow({ where: { id: runId } });
    const event = (actor: string, at: number) => ({
      runId,
      actor,
      action: 'task.completed',
      entityType: 'task',
      entityId: 'x',
      at: new Date(T0 + at),
    });
    await stack.prisma.auditEvent.createMany({
      data: [
        event(`hire:${run.hireId}`, 1),
        event('tl-a', 2),
        event('system:workflow', 3),
        event('hr-amina', 4),
      ],
    });
    const body = (await get(await as('HR'), 'r6', 200)).body as {
      timeline: { actor: string; actorName: string | null; actorKind: string }[];
    };
    expect(body.timeline.map((e) => [e.actorKind, e.actorName])).toEqual([
      ['HIRE', 'Hire r6'],
      ['TECH_LEAD', 'Lead tl-a'],
      ['SYSTEM', null],
      ['PERSON', null],
    ]);
  });
});
