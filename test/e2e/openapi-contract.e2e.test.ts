/**
 * The OpenAPI document states the contract the validators enforce (docs/api.md): every id path
 * parameter under /v1 is `format: uuid`, every other path parameter carries its pattern or range,
 * and a malformed id answers a 400 validation problem naming it, on every operation, before any
 * lookup (never a 404 or a 5xx). Real app, PostgreSQL and Temporal (test/support/stack.ts).
 */
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(90_000);

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; format?: string; pattern?: string; minimum?: number };
}
type Operation = { parameters?: Parameter[]; summary?: string };
type Paths = Record<string, Record<string, Operation>>;
interface Schema {
  required?: string[];
  properties: object;
  additionalProperties?: boolean;
}

const UUID_PARAMS = new Set(['id', 'runId', 'taskId']);
const PLAN_ID_PARAMS = new Set(['key', 'stepId', 'documentId']);
const HIRE_EMAIL = 'kodjo.mensah@example.tg';

let stack: Stack;
let paths: Paths;

beforeAll(async () => {
  stack = await startStack();
  const doc = await request(stack.app.getHttpServer()).get('/openapi.json').expect(200);
  paths = (doc.body as { paths: Paths }).paths;
});
afterAll(async () => {
  await stack?.stop();
});

/** Every /v1 operation with its path parameters. */
function operations(): { method: string; path: string; params: Parameter[] }[] {
  return Object.entries(paths)
    .filter(([p]) => p.startsWith('/v1/'))
    .flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method,
        path: p,
        params: (op.parameters ?? []).filter((x) => x.in === 'path'),
      })),
    );
}

const PERSON = { sub: 'peer-kafui', name: 'Kafui Agbeko', email: 'kafui@example.tg' };
/** A valid body per operation, so that the path parameter alone is wrong. */
const BODIES: [RegExp, object][] = [
  [/\/cancel$/, { reason: 'Offer withdrawn' }],
  [
    /\/start-date$/,
    { startDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
  ],
  [/\/tech-lead$/, PERSON],
  [/\/tour-guides\/\{stepId\}$/, { ...PERSON, locale: 'fr' }],
  [/\/acknowledge$/, { version: '1', contentHash: 'a'.repeat(64), confirm: true }],
  [/\/access-requests\/.*\/decision$/, { approve: true }],
  [/\/checkpoints\/.*\/decision$/, { decision: 'APPROVE' }],
];
const bodyFor = (path: string): object => BODIES.find(([re]) => re.test(path))?.[1] ?? {};

/** A role the operation lets through its guard, so that the pipe is what answers. */
function roleFor(path: string): Role {
  if (path.includes('/documents/')) return 'HIRE';
  if (path.endsWith('/decision')) return 'TECH_LEAD';
  if (path.endsWith('/cosign')) return 'HEAD_OF_DF';
  if (path.startsWith('/v1/provisioning/')) return 'IT';
  return 'HR';
}

describe('the OpenAPI document', () => {
  it('declares every id path parameter as a UUID and every plan id with its pattern', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(15);
    const undeclared: string[] = [];
    for (const op of ops) {
      const declared = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.params.map((p) => p.name).sort()).toEqual([...declared].sort());
      for (const p of op.params) {
        const s = p.schema ?? {};
        const ok = UUID_PARAMS.has(p.name)
          ? s.type === 'string' && s.format === 'uuid'
          : PLAN_ID_PARAMS.has(p.name)
            ? s.pattern === '^[a-z0-9]+(-[a-z0-9]+)*$'
            : s.type === 'integer' && s.minimum === 1;
        if (!ok || p.required !== true) {
          undeclared.push(`${op.method} ${op.path} ${p.name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('states body rules: enums, lengths, patterns and required fields', async () => {
    const doc = await request(stack.app.getHttpServer()).get('/openapi.json').expect(200);
    const schemas = (
      doc.body as {
        components: { schemas: Record<string, Schema> };
      }
    ).components.schemas;
    expect(schemas.CreateOnboardingDto.required).toEqual(
      expect.arrayContaining(['fullName', 'email', 'startDate', 'locale', 'techLead']),
    );
    expect(schemas.CreateOnboardingDto.properties).toMatchObject({
      fullName: { minLength: 1, maxLength: 200 },
      email: { format: 'email', maxLength: 254 },
      startDate: { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      locale: { enum: ['fr', 'en'] },
      tourGuides: { maxItems: 50 },
    });
    const zones = (schemas.CreateOnboardingDto.properties as { timeZone: { enum: string[] } })
      .timeZone.enum;
    expect(zones).toEqual(expect.arrayContaining(['Africa/Lome', 'UTC']));
    expect(schemas.CreateOnboardingDto).toMatchObject({ additionalProperties: false });
    expect(schemas.TechLeadDto).toMatchObject({ additionalProperties: false });
    expect(schemas.CheckpointDecisionDto.properties).toMatchObject({
      decision: { enum: ['APPROVE', 'EXTEND', 'ESCALATE'] },
    });
    expect(schemas.AcknowledgeDocumentDto.properties).toMatchObject({
      contentHash: { pattern: '^[0-9a-f]{64}$' },
      confirm: { type: 'boolean', enum: [true] },
    });
  });
});

describe('error responses', () => {
  it('every 4xx/5xx of every operation has a problem+json body schema (not only a description)', async () => {
    const doc = await request(stack.app.getHttpServer()).get('/openapi.json').expect(200);
    const body = doc.body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
      components: { schemas: Record<string, Schema> };
    };
    expect(body.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status'],
    });
    const missing: string[] = [];
    let errors = 0;
    for (const [p, ops] of Object.entries(body.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        // Every operation can fail inside (500) or lose a dependency (503).
        if (!statuses.includes('500') || !statuses.includes('503')) {
          missing.push(`${method} ${p}: 500/503`);
        }
        for (const [status, r] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          errors += 1;
          const schema = (r.content as Record<string, { schema?: object }> | undefined)?.[
            'application/problem+json'
          ]?.schema;
          if (!schema) missing.push(`${method} ${p} ${status}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(errors).toBeGreaterThan(100);
  });
});

describe('response bodies', () => {
  // Found by the fuzzing drill: nullable strings declared without `type` came out as
  // `type: object`, so every run body broke its own schema (completedAt, cancelReason, ...).
  it('type every property; only JSON payloads are free-form objects', async () => {
    const doc = await request(stack.app.getHttpServer()).get('/openapi.json').expect(200);
    const schemas = (
      doc.body as {
        components: { schemas: Record<string, { properties?: Record<string, object> }> };
      }
    ).components.schemas;
    const FREE_FORM = new Set(['result', 'context', 'definition', 'before', 'after']);
    const untyped = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([prop, v]) => {
          const p = v as { type?: string; properties?: object; allOf?: object };
          return p.type === 'object' && !p.properties && !p.allOf && !FREE_FORM.has(prop);
        })
        .map(([prop]) => `${name}.${prop}`),
    );
    expect(untyped).toEqual([]);
    expect(schemas.TechLeadResponseDto.properties).toMatchObject({
      email: { type: 'string', nullable: true },
    });
    expect(schemas.OnboardingDetailResponseDto.properties).toMatchObject({
      completedAt: { type: 'string', format: 'date-time', nullable: true },
      cancelReason: { type: 'string', nullable: true },
    });
  });
});

describe('sign-in routes without a provider configured', () => {
  // Found by the fuzzing drill: they answer 404 (AUTH_OIDC_ISSUER unset), which they did not document.
  it('answer the 404 problem their operations document', async () => {
    const doc = await request(stack.app.getHttpServer()).get('/openapi.json').expect(200);
    const docPaths = (doc.body as { paths: Record<string, Record<string, { responses: object }>> })
      .paths;
    for (const route of ['/auth/login', '/auth/callback']) {
      expect(Object.keys(docPaths[route].get.responses)).toContain('404');
      const res = await request(stack.app.getHttpServer()).get(route).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('URLs the router refuses before any route', () => {
  // Found by the fuzzing drill: Fastify answered a path segment over 100 characters with its own
  // plain-JSON 414, undocumented and not a problem.
  it('answer a 400 malformed-request problem: an over-long segment, an undecodable URL', async () => {
    const token = `Bearer ${await stack.token('HR')}`;
    for (const url of [`/v1/onboardings/${'a'.repeat(101)}/audit`, '/v1/onboardings/%E0%A4%A']) {
      const res = await request(stack.app.getHttpServer())
        .get(url)
        .set('Authorization', token)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.body).toMatchObject({
        type: 'urn:df-onboarding:problem:malformed-request',
        status: 400,
      });
    }
  });
});

describe('malformed path parameters', () => {
  it('answer a 400 validation problem naming the parameter on every /v1 operation', async () => {
    const checked: string[] = [];
    for (const op of operations()) {
      for (const bad of op.params) {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          if (name !== bad.name) {
            if (UUID_PARAMS.has(name)) return '00000000-0000-4000-8000-000000000000';
            if (name === 'version') return '1';
            return 'some-step';
          }
          return UUID_PARAMS.has(name) ? 'not-a-uuid' : name === 'version' ? '0' : 'Not_Kebab';
        });
        const token = await stack.token(roleFor(op.path), 'contract-caller', {
          email: HIRE_EMAIL,
        });
        const agent = request(stack.app.getHttpServer());
        const res = await agent[op.method as 'get' | 'post' | 'put'](url)
          .set('Authorization', `Bearer ${token}`)
          .send(bodyFor(op.path));
        const where = `${op.method.toUpperCase()} ${url}`;
        expect({ where, status: res.status }).toEqual({ where, status: 400 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({
          type: 'urn:df-onboarding:problem:validation',
          errors: [expect.objectContaining({ name: bad.name })],
        });
        checked.push(where);
      }
    }
    // Run routes (id), run-scoped steps (runId, stepId, documentId), tasks, plans, audit.
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });
});
