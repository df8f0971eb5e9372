/**
 * The read cache (docs/performance.md, "Read cache") on the real stack: the run detail and list
 * pages come from memory, and every change committed to PostgreSQL — by any writer, here straight
 * through Prisma as the worker would — reaches the next read, through the NOTIFY triggers. The
 * same reads through an app with READ_CACHE_ENABLED=false are the reference, byte for byte.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../../config/env';
import { createApp } from '../../apps/api/src/bootstrap';
import { ReadCacheService } from '../../apps/api/src/onboardings/read/read-cache.service';
import type { Role } from '../../apps/api/src/auth/roles';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let uncached: NestFastifyApplication;
let planId: string;
const DAY = 86_400_000;

const cacheOf = () => stack.app.get(ReadCacheService).cache;

/** Polls `check` until it holds (bounded by the test timeout): notifications arrive on their own. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function auth(role: Role, sub?: string, email?: string): Promise<string> {
  return `Bearer ${await stack.token(role, sub, { email })}`;
}

async function newRun(name: string, techLeadSub = 'tl-a'): Promise<string> {
  const hire = await stack.prisma.hire.create({
    data: { fullName: `Hire ${name}`, email: `${name}@example.tg`, locale: 'fr' },
  });
  const run = await stack.prisma.onboardingRun.create({
    data: {
      hireId: hire.id,
      workflowId: `seeded-${hire.id}`,
      status: 'RUNNING',
      phase: 'PRE_BOARDING',
      startDate: new Date('2027-01-04T00:00:00Z'),
      planId,
      techLeadSub,
      techLeadEmail: `${techLeadSub}@example.tg`,
      techLeadName: `Lead ${techLeadSub}`,
      createdBy: 'hr-amina',
    },
  });
  return run.id;
}

async function get(app: NestFastifyApplication, path: string, as: string) {
  return request(app.getHttpServer()).get(path).set('Authorization', as);
}

/** The cached app's answer alone (while waiting for a change to arrive). */
async function body(path: string, as: string): Promise<Record<string, unknown>> {
  return JSON.parse((await get(stack.app, path, as)).text) as Record<string, unknown>;
}

/** The cached app's answer, checked against the uncached app's on the same database. */
async function read(path: string, as: string): Promise<{ status: number; text: string }> {
  const [cached, reference] = [await get(stack.app, path, as), await get(uncached, path, as)];
  expect({ status: cached.status, text: cached.text }).toEqual({
    status: reference.status,
    text: reference.text,
  });
  return { status: cached.status, text: cached.text };
}

beforeAll(async () => {
  stack = await startStack();
  uncached = await createApp(loadConfig(envOf(stack)));
  planId = (await stack.prisma.plan.findFirstOrThrow({ orderBy: { version: 'desc' } })).id;
  await eventually(() => cacheOf().isLive);
});
afterAll(async () => {
  await uncached?.close();
  await stack?.stop();
});

/** The stack's configuration as environment, with the cache off. */
function envOf(s: Stack): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DFO_DEV_MODE: '1',
    ACTION_LINK_SECRET: s.config.journey.actionLinks.secret,
    DATABASE_URL: s.config.database.url,
    TEMPORAL_ADDRESS: s.config.temporal.address,
    TEMPORAL_TASK_QUEUE: s.config.temporal.taskQueue,
    AUTH_JWKS_PATH: s.config.auth.jwksPath,
    READ_CACHE_ENABLED: 'false',
  };
}

describe('run detail from the read cache', () => {
  it('serves repeated reads from memory, identical to PostgreSQL', async () => {
    const runId = await newRun('cache-hit');
    const hr = await auth('HR');
    const path = `/v1/onboardings/${runId}`;
    const first = await read(path, hr);
    expect(first.status).toBe(200);
    // The run's own creation is announced too: once that has arrived, the next read is a hit.
    await eventually(async () => {
      const before = cacheOf().stats().hits;
      expect((await read(path, hr)).text).toBe(first.text);
      return cacheOf().stats().hits === before + 1;
    });
    const metrics = (await request(stack.app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^read_cache_live 1$/m);
    expect(metrics).toMatch(/^read_cache_lookups_total\{result="hit"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^read_cache_entries\{kind="run"\} [1-9]\d*$/m);
  });

  it('shows every kind of committed change on the next reads', async () => {
    const runId = await newRun('changes');
    const hr = await auth('HR');
    const path = `/v1/onboardings/${runId}`;
    const current = () => body(path, hr);
    await read(path, hr); // cached

    await stack.prisma.onboardingRun.update({
      where: { id: runId },
      data: { phase: 'FIRST_WEEK' },
    });
    await eventually(async () => (await current()).phase === 'FIRST_WEEK');

    const step = await stack.prisma.runStep.create({
      data: { runId, stepId: 'laptop', kind: 'TASK', phase: 'PRE_BOARDING', status: 'PENDING' },
    });
    await eventually(async () => ((await current()).steps as unknown[]).length === 1);
    await stack.prisma.runStep.update({ where: { id: step.id }, data: { status: 'DONE' } });
    await eventually(
      async () => ((await current()).progress as { doneSteps: number }).doneSteps === 1,
    );

    await stack.prisma.auditEvent.create({
      data: { runId, actor: 'hr-amina', action: 'run.noted', entityType: 'run', entityId: runId },
    });
    await eventually(async () => ((await current()).timeline as unknown[]).length === 1);

    await stack.prisma.task.create({
      data: {
        runId,
        taskKey: 'late',
        stepId: 'laptop',
        kind: 'ACK_DOCUMENT',
        assigneeRole: 'HIRE',
        status: 'OPEN',
        dueAt: new Date(Date.now() - DAY),
      },
    });
    await eventually(async () => ((await current()).overdueTasks as unknown[]).length === 1);

    const run = await stack.prisma.onboardingRun.findUniqueOrThrow({ where: { id: runId } });
    await stack.prisma.hire.update({ where: { id: run.hireId }, data: { fullName: 'Renamed' } });
    await eventually(
      async () => ((await current()).hire as { fullName: string }).fullName === 'Renamed',
    );
    await read(path, hr); // and the same bytes as PostgreSQL gives
  });

  it('shows a task as overdue once its due time passes, with no write in between', async () => {
    const runId = await newRun('falls-due');
    const dueAt = new Date(Date.now() + 3_000);
    await stack.prisma.task.create({
      data: {
        runId,
        taskKey: 'soon',
        stepId: 'laptop',
        kind: 'ACK_DOCUMENT',
        assigneeRole: 'HIRE',
        status: 'OPEN',
        dueAt,
      },
    });
    const hr = await auth('HR');
    const overdue = async () =>
      (JSON.parse((await read(`/v1/onboardings/${runId}`, hr)).text) as { overdueTasks: [] })
        .overdueTasks.length;
    expect(await overdue()).toBe(0); // read (and cached) well before the due time
    expect(await overdue()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt.getTime() - Date.now())));
    await eventually(() => Date.now() > dueAt.getTime());
    expect(await overdue()).toBe(1);
  });

  it('applies object-level visibility to cached runs', async () => {
    const runId = await newRun('visibility', 'tl-v');
    const path = `/v1/onboardings/${runId}`;
    expect((await read(path, await auth('HR'))).status).toBe(200); // cached for everyone now
    expect((await read(path, await auth('TECH_LEAD', 'tl-v'))).status).toBe(200);
    expect((await read(path, await auth('TECH_LEAD', 'tl-other'))).status).toBe(404);
    expect((await read(path, await auth('HIRE', 'h1', 'VISIBILITY@example.tg'))).status).toBe(200);
    expect((await read(path, await auth('HIRE', 'h2', 'other@example.tg'))).status).toBe(404);
    expect((await read(path, await auth('IT'))).status).toBe(403);
  });
});

describe('run list pages from the read cache', () => {
  it('shows a run that changes or appears on the next reads', async () => {
    const hr = await auth('HR');
    const runId = await newRun('listed', 'tl-list');
    const page = async (query: string) =>
      ((await body(`/v1/onboardings${query}`, hr)) as { items: { id: string }[] }).items.map(
        (i) => i.id,
      );
    await eventually(async () => (await page('?techLead=tl-list')).includes(runId));
    expect(await page('?techLead=tl-list&status=PAUSED')).toEqual([]);

    await stack.prisma.onboardingRun.update({ where: { id: runId }, data: { status: 'PAUSED' } });
    await eventually(async () => (await page('?techLead=tl-list&status=PAUSED')).length === 1);

    const second = await newRun('listed-2', 'tl-list');
    await eventually(async () => (await page('?techLead=tl-list'))[0] === second);
    await read('/v1/onboardings?techLead=tl-list', hr);
    await read('/v1/onboardings?techLead=tl-list&status=PAUSED', hr);
  });
});

describe('the listener connection', () => {
  it('goes dark when its connection is killed, serves PostgreSQL meanwhile, and comes back', async () => {
    const hr = await auth('HR');
    const runId = await newRun('listener');
    const path = `/v1/onboardings/${runId}`;
    await read(path, hr);
    await read(path, hr);
    expect(cacheOf().stats().runs).toBeGreaterThan(0);

    const killed = await stack.prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
      WHERE datname = current_database() AND query = 'LISTEN dfo_read_model'`;
    expect(killed).toEqual([{ ok: true }]);
    await eventually(() => !cacheOf().isLive);
    expect(cacheOf().stats().runs).toBe(0);

    // Changed while nobody listens: the next reads come from PostgreSQL.
    await stack.prisma.onboardingRun.update({ where: { id: runId }, data: { phase: 'DARK' } });
    expect(JSON.parse((await read(path, hr)).text)).toMatchObject({ phase: 'DARK' });

    await eventually(() => cacheOf().isLive);
    expect(JSON.parse((await read(path, hr)).text)).toMatchObject({ phase: 'DARK' });
    await stack.prisma.onboardingRun.update({ where: { id: runId }, data: { phase: 'LIVE' } });
    await eventually(async () => (await body(path, hr)).phase === 'LIVE');
    await read(path, hr);
  });
});
