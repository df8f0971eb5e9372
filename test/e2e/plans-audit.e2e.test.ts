/**
 * Plans (list, read, add the next immutable version with every problem at its plan path) and a
 * run's audit trail as JSON and CSV, on the real stack. The HR caller's subject starts with `=`
 * so the CSV export must defuse it.
 */
import request from 'supertest';
import type { LeavingPlan } from '../../domain/plans/leaving.schema';
import { parsePlan, type PlanFile } from '../../domain/plans/plan.schema';
import { loadPlans } from '../../domain/plans/load-plans';
import { seedPlans } from '../../prisma/seed-plans';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

const text = (en: string) => ({ fr: en, en });
const HR_SUB = '=SUM(1,2)';

function auditPlan(version: number): PlanFile {
  const base = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
  return {
    key: 'audit-e2e',
    version,
    title: text(`Audit e2e v${version}`),
    times: { start: '00:00', deadline: '23:59' },
    preboarding: { welcomeDaysBefore: 0 },
    followUp: base.followUp,
    phases: [
      {
        id: 'first-week',
        title: text('First week'),
        steps: [
          {
            id: 'hr-welcome',
            kind: 'TASK',
            title: text('HR welcome'),
            owner: 'HR',
            due: { workingDays: 0 },
          },
        ],
      },
    ],
  };
}

let stack: Stack;
const tokens: Record<string, string> = {};
const api = () => request(stack.app.getHttpServer());
const as = (who: string) => `Bearer ${tokens[who]}`;

beforeAll(async () => {
  stack = await startStack();
  await seedPlans(stack.prisma, [parsePlan(auditPlan(1))]);
  Object.assign(tokens, {
    hr: await stack.token('HR', HR_SUB),
    admin: await stack.token('ADMIN', 'admin-kossi'),
    lead: await stack.token('TECH_LEAD', 'tl-akossiwa'),
    head: await stack.token('HEAD_OF_DF', 'head-df'),
    hire: await stack.token('HIRE', 'idp-yao', { email: 'yao.agbeko@example.tg' }),
  });
});
afterAll(() => stack?.stop());

describe('plans', () => {
  it('lists plan keys with their latest version and reads versions', async () => {
    const list = await api().get('/v1/plans').set('Authorization', as('lead')).expect(200);
    // The worker seeded the default plan and the default leaving plan; keys come sorted.
    expect((list.body as { key: string; kind: string }[]).map((p) => [p.key, p.kind])).toEqual([
      ['audit-e2e', 'ONBOARDING'],
      ['leaving', 'LEAVING'],
      ['rust-backend-engineer', 'ONBOARDING'],
    ]);
    expect(list.body).toContainEqual(
      expect.objectContaining({
        key: 'audit-e2e',
        version: 1,
        title: text('Audit e2e v1'),
        createdBy: 'system:seed',
        links: { self: '/v1/plans/audit-e2e/versions/1', latest: '/v1/plans/audit-e2e' },
      }),
    );
    const latest = await api().get('/v1/plans/audit-e2e').set('Authorization', as('head'));
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ version: 1, definition: { key: 'audit-e2e' } });
    await api().get('/v1/plans/audit-e2e/versions/1').set('Authorization', as('hr')).expect(200);
    await api().get('/v1/plans/audit-e2e/versions/9').set('Authorization', as('hr')).expect(404);
    await api().get('/v1/plans/no-such-plan').set('Authorization', as('hr')).expect(404);
    await api().get('/v1/plans').set('Authorization', as('hire')).expect(403);
  });

  it('adds version 2 (latest + 1), stored immutable and audited', async () => {
    const created = await api()
      .post('/v1/plans/audit-e2e/versions')
      .set('Authorization', as('hr'))
      .send(auditPlan(2))
      .expect(201);
    expect(created.headers.location).toBe('/v1/plans/audit-e2e/versions/2');
    expect(created.body).toMatchObject({ key: 'audit-e2e', version: 2, createdBy: HR_SUB });
    // Defaults are applied, as for the seeded files.
    expect(created.body).toMatchObject({ definition: { followUp: { escalationByOwner: {} } } });
    const latest = await api().get('/v1/plans/audit-e2e').set('Authorization', as('lead'));
    expect(latest.body).toMatchObject({ version: 2, title: text('Audit e2e v2') });
    const audit = await stack.prisma.auditEvent.findMany({
      where: { action: 'plan.created', entityId: 'audit-e2e@2' },
    });
    expect(audit).toEqual([expect.objectContaining({ actor: HR_SUB, runId: null })]);

    for (const version of [2, 5]) {
      const conflict = await api()
        .post('/v1/plans/audit-e2e/versions')
        .set('Authorization', as('admin'))
        .send(auditPlan(version))
        .expect(409);
      expect(conflict.body).toMatchObject({ code: 'PlanVersionConflict', expectedVersion: 3 });
    }
    await api()
      .post('/v1/plans/audit-e2e/versions')
      .set('Authorization', as('lead'))
      .send(auditPlan(3))
      .expect(403);
  });

  it('refuses an invalid plan with every problem at its exact path', async () => {
    const plan = auditPlan(3);
    const step = { ...plan.phases[0].steps[0], owner: 'CEO', dependOn: ['x'] };
    const bad = await api()
      .post('/v1/plans/audit-e2e/versions')
      .set('Authorization', as('hr'))
      .send({ ...plan, phases: [{ ...plan.phases[0], steps: [step] }] })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ type: 'urn:df-onboarding:problem:validation' });
    const names = (bad.body as { errors: { name: string }[] }).errors.map((e) => e.name).sort();
    expect(names).toEqual(['phases[0].steps[0].dependOn', 'phases[0].steps[0].owner']);

    const otherKey = await api()
      .post('/v1/plans/audit-e2e/versions')
      .set('Authorization', as('hr'))
      .send({ ...plan, key: 'another-plan' })
      .expect(400);
    expect(otherKey.body).toMatchObject({ errors: [{ name: 'key' }] });
    const notObject = await api()
      .post('/v1/plans/audit-e2e/versions')
      .set('Authorization', as('hr'))
      .send([1, 2])
      .expect(400);
    expect(notObject.body).toMatchObject({ errors: [{ name: '(root)' }] });
  });

  it('stores leaving plans the same way: validated by the leaving format, versioned, audited', async () => {
    const seeded = await api().get('/v1/plans/leaving').set('Authorization', as('hr')).expect(200);
    const v1 = (seeded.body as { definition: LeavingPlan }).definition;
    expect(seeded.body).toMatchObject({ kind: 'LEAVING', version: 1, createdBy: 'system:seed' });
    const bad = await api()
      .post('/v1/plans/leaving/versions')
      .set('Authorization', as('hr'))
      .send({ ...v1, version: 2, tasks: [{ ...v1.tasks[0], owner: 'JANITOR' }, v1.tasks[0]] })
      .expect(400);
    expect((bad.body as { errors: { name: string }[] }).errors.map((e) => e.name)).toEqual([
      'tasks[0].owner',
    ]);
    const twice = await api()
      .post('/v1/plans/leaving/versions')
      .set('Authorization', as('hr'))
      .send({ ...v1, version: 2, tasks: [v1.tasks[0], v1.tasks[0]] })
      .expect(400);
    expect(twice.body).toMatchObject({ errors: [{ name: 'tasks[1].id' }] });
    await api()
      .post('/v1/plans/leaving/versions')
      .set('Authorization', as('hr'))
      .send({ ...v1, version: 2, tasks: v1.tasks.slice(0, 2) })
      .expect(201);
    const latest = await api().get('/v1/plans/leaving').set('Authorization', as('lead'));
    expect(latest.body).toMatchObject({ kind: 'LEAVING', version: 2 });
    // A leaving plan cannot start an onboarding run.
    const start = await api()
      .post('/v1/onboardings')
      .set('Authorization', as('hr'))
      .send({
        fullName: 'Afi Leaving',
        email: 'afi.leaving@example.tg',
        startDate: '2027-03-01',
        locale: 'fr',
        planKey: 'leaving',
        techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
      });
    expect(start.status).toBe(400);
    expect(start.body).toMatchObject({
      errors: [{ name: 'planKey', reason: 'no plan named leaving' }],
    });
  });
});

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted && c === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && csv[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

describe('audit', () => {
  interface AuditEvent {
    id: string;
    at: string;
    actor: string;
    action: string;
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
  }
  let runId: string;

  beforeAll(async () => {
    const created = await api()
      .post('/v1/onboardings')
      .set('Authorization', as('hr'))
      .send({
        fullName: 'Yao Agbeko',
        email: 'yao.agbeko@example.tg',
        startDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
        locale: 'en',
        planKey: 'audit-e2e',
        techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
      })
      .expect(201);
    runId = (created.body as { id: string }).id;
    // The HR task email follows the task.opened event; it names the step by its plan title.
    await stack.mail.waitFor(
      (m) =>
        m.envelopeTo.includes('rh@digital.gouv.tg') && /HR welcome/.test(m.parsed.subject ?? ''),
    );
  });

  it('answers the trail as JSON, ordered by id (HR, ADMIN)', async () => {
    const res = await api().get(`/v1/onboardings/${runId}/audit`).set('Authorization', as('admin'));
    expect(res.status).toBe(200);
    const events = res.body as AuditEvent[];
    const ids = events.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(events[0]).toMatchObject({
      actor: HR_SUB,
      action: 'run.created',
      entityType: 'onboarding_run',
      entityId: runId,
      before: null,
      after: { status: 'PENDING', timeZone: 'Africa/Lome' },
    });
    expect(events.map((e) => e.action)).toContain('task.opened');
  });

  it('exports the trail as a CSV attachment, formulas defused', async () => {
    const res = await api()
      .get(`/v1/onboardings/${runId}/audit.csv`)
      .set('Authorization', as('hr'))
      .buffer(true)
      .parse((r, done) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (body += chunk));
        r.on('end', () => done(null, body));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-${runId}.csv"`);
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual([
      'id',
      'at',
      'actor',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
    ]);
    const json = await api().get(`/v1/onboardings/${runId}/audit`).set('Authorization', as('hr'));
    const byId = new Map((json.body as AuditEvent[]).map((e) => [e.id, e]));
    expect(rows.length).toBeGreaterThan(2);
    for (const [id, at, actor, action, entityType, entityId, before, after] of rows) {
      const event = byId.get(id)!;
      expect({ at, action, entityType, entityId }).toEqual({
        at: event.at,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
      });
      expect(actor).toBe(event.actor === HR_SUB ? `'${HR_SUB}` : event.actor);
      expect(before === '' ? null : JSON.parse(before)).toEqual(event.before);
      expect(after === '' ? null : JSON.parse(after)).toEqual(event.after);
    }
    expect(rows[0].slice(2, 4)).toEqual([`'${HR_SUB}`, 'run.created']);
  });

  it('refuses other roles (403), unknown runs (404) and malformed ids (400)', async () => {
    await api().get(`/v1/onboardings/${runId}/audit`).set('Authorization', as('hire')).expect(403);
    await api()
      .get(`/v1/onboardings/${runId}/audit.csv`)
      .set('Authorization', as('lead'))
      .expect(403);
    await api()
      .get('/v1/onboardings/6f1c2a52-5e6b-4c1e-9a43-2f7c0b9d8e11/audit')
      .set('Authorization', as('hr'))
      .expect(404);
    await api()
      .get('/v1/onboardings/not-a-uuid/audit.csv')
      .set('Authorization', as('hr'))
      .expect(400);
  });

  it('documents who may call each new operation in OpenAPI', async () => {
    const doc = await api().get('/openapi.json').expect(200);
    const paths = (doc.body as { paths: Record<string, Record<string, { summary?: string }>> })
      .paths;
    expect(paths['/v1/onboardings/{runId}/audit.csv'].get.summary).toContain('(HR, ADMIN)');
    expect(paths['/v1/plans/{key}/versions'].post.summary).toContain('(HR, ADMIN)');
    expect(paths['/v1/tasks/mine'].get.summary).toContain('any role');
    expect(paths['/v1/onboardings/{runId}/checkpoints/{stepId}/decision'].post.summary).toContain(
      'TECH_LEAD of the run, HEAD_OF_DF',
    );
  });
});
