/**
 * Hardening and operations of the admin API on the real stack: request ids and JSON request logs,
 * security headers and CORS, body limit, rate limits, /metrics, token rejection, and 503 problems
 * when PostgreSQL or Temporal cannot be reached (API booted alone against closed ports).
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import request, { type Response } from 'supertest';
import { loadConfig } from '../../config/env';
import { createApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../scripts/dev/ports';
import { ensureLocalKeys, signToken } from '../../scripts/local-auth';
import { startStack, temporalAddress, type Stack } from '../support/stack';

jest.setTimeout(90_000);

const METRICS_TOKEN = 'scrape-secret-0123456789';
const ADMIN_ORIGIN = 'https://admin.example.tg';
const PROBLEM = /^application\/problem\+json/;
const NO_SUCH_RUN = '/v1/onboardings/00000000-0000-4000-8000-000000000000';

let stack: Stack;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  captureJsonLogs();
  stack = await startStack({
    LOG_LEVEL: 'info',
    API_RATE_LIMIT_MAX: '5',
    API_RATE_LIMIT_WINDOW_SECONDS: '60',
    API_BODY_LIMIT_BYTES: '2048',
    API_CORS_ORIGINS: ADMIN_ORIGIN,
    METRICS_TOKEN,
    WORKER_MAX_CACHED_WORKFLOWS: '7',
  });
});
afterAll(async () => {
  await stack?.stop();
  jest.restoreAllMocks();
});

const server = () => stack.app.getHttpServer();
const bearer = async (sub: string) => `Bearer ${await stack.token('HR', sub)}`;
const hire = (email: string) => ({
  fullName: 'Kodjo Mensah',
  email,
  // Within the date rule's horizon whatever today is (docs/api.md, "Dates people send").
  startDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  locale: 'fr',
  techLead: { sub: 'tl-akossiwa', email: 'akossiwa.lawson@example.tg', name: 'Akossiwa Lawson' },
});

/** Keeps the API's JSON log lines for assertions; errors and everything else still reach stdout. */
function captureJsonLogs(): void {
  const write = process.stdout.write.bind(process.stdout);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    const text = chunk.toString();
    if (!text.startsWith('{"time"')) return write(chunk);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    logLines.push(...lines);
    return lines.some((l) => l.level === 'error') ? write(chunk) : true;
  });
}

/** Asserts an RFC 9457 answer of the given status and type, without internals leaking. */
function expectProblem(res: Response, status: number, type: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ type: `urn:df-onboarding:problem:${type}`, status });
  const body = JSON.stringify(res.body);
  expect(body).not.toMatch(/\bat .+:\d+:\d+|node_modules|"stack"/);
}

describe('request ids and request logs', () => {
  it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
    const kept = await request(server()).get('/health/live').set('X-Request-Id', 'trace-abc.123');
    expect(kept.headers['x-request-id']).toBe('trace-abc.123');
    const made = await request(server()).get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await request(server()).get('/health/live').set('X-Request-Id', 'a b\tc');
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request with route pattern, status, duration and caller', async () => {
    const auth = await bearer('hr-logs');
    await request(server())
      .get(NO_SUCH_RUN)
      .set('Authorization', auth)
      .set('X-Request-Id', 'log-1')
      .expect(404);
    await request(server())
      .post('/v1/onboardings')
      .set('Authorization', auth)
      .set('X-Request-Id', 'log-2')
      .send(hire('yawa.logs@example.tg'))
      .expect(201);
    const lines = logLines.filter(
      (l) => l.msg === 'request' && String(l.requestId).startsWith('log-'),
    );
    expect(lines).toEqual([
      expect.objectContaining({ requestId: 'log-1', method: 'GET', route: '/v1/onboardings/:id' }),
      expect.objectContaining({ requestId: 'log-2', method: 'POST', route: '/v1/onboardings' }),
    ]);
    expect(lines[0]).toMatchObject({ level: 'info', status: 404, sub: 'hr-logs' });
    expect(lines[1]).toMatchObject({ status: 201, sub: 'hr-logs' });
    expect(typeof lines[0].durationMs).toBe('number');
    const everything = JSON.stringify(logLines);
    expect(everything).not.toContain('yawa.logs@example.tg');
    expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});

describe('security headers, CORS and body limit', () => {
  it('sends helmet headers with a locked-down CSP on API answers', async () => {
    const res = await request(server()).get('/health/live').expect(200);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the Swagger UI under a CSP that allows its own scripts and styles', async () => {
    const page = await request(server()).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script to block
    const assets = [...page.text.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)];
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const [, asset] of assets) {
      const url = asset.startsWith('docs/') ? `/${asset}` : `/docs/${asset}`;
      await request(server()).get(url).expect(200);
    }
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      request(server())
        .options('/v1/onboardings')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
    const allowed = await preflight(ADMIN_ORIGIN).expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ADMIN_ORIGIN);
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an oversize body with a 413 problem', async () => {
    const res = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', await bearer('hr-big'))
      .send({ ...hire('big@example.tg'), fullName: 'x'.repeat(4096) });
    expectProblem(res, 413, 'payload-too-large');
  });
});

describe('rate limits on mutations', () => {
  it('answers 429 with Retry-After after N mutations by one caller; reads go on', async () => {
    const auth = await bearer('hr-burst');
    for (let i = 0; i < 5; i++) {
      const ok = await request(server())
        .post('/v1/onboardings')
        .set('Authorization', auth)
        .send({});
      expect(ok.status).toBe(400);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(4 - i));
    }
    const limited = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', auth)
      .send({});
    expectProblem(limited, 429, 'rate-limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ retryAfter });

    await request(server()).get(NO_SUCH_RUN).set('Authorization', auth).expect(404);
    const other = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', await bearer('hr-calm'))
      .send({});
    expect(other.status).toBe(400);
  });

  it('limits anonymous callers per address, and an invalid token counts as anonymous', async () => {
    const from = (ip: string, auth?: string) => {
      const req = request(server()).post('/v1/onboardings').set('X-Forwarded-For', ip);
      return (auth ? req.set('Authorization', auth) : req).send({});
    };
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7')).status).toBe(401);
    expectProblem(await from('203.0.113.7'), 429, 'rate-limited');
    const forged = `Bearer ${await forgedToken('hr-calm')}`;
    expectProblem(await from('203.0.113.7', forged), 429, 'rate-limited');
    expect((await from('203.0.113.8')).status).toBe(401);
  });
});

describe('/metrics', () => {
  it('runs the worker with the configured bounds (sticky cache, task slots)', () => {
    // The SDK compiles the task-slot limits into fixed-size slot suppliers of its tuner.
    expect(stack.worker.worker.options).toMatchObject({
      maxCachedWorkflows: 7,
      tuner: {
        workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 20 },
        activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 40 },
      },
    });
  });

  it('requires the scrape token when METRICS_TOKEN is set', async () => {
    expectProblem(await request(server()).get('/metrics'), 401, 'unauthenticated');
    const wrong = await request(server()).get('/metrics').set('Authorization', 'Bearer nope');
    expectProblem(wrong, 401, 'unauthenticated');
    const jwt = await request(server())
      .get('/metrics')
      .set('Authorization', await bearer('hr-x'));
    expectProblem(jwt, 401, 'unauthenticated');
  });

  it('exposes the latency histogram by route pattern and run counts from PostgreSQL', async () => {
    const auth = await bearer('hr-metrics');
    const created = await request(server())
      .post('/v1/onboardings')
      .set('Authorization', auth)
      .send(hire('metrics@example.tg'))
      .expect(201);
    const runId = (created.body as { id: string }).id;
    await request(server()).get(`/v1/onboardings/${runId}`).set('Authorization', auth).expect(200);

    const res = await request(server())
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/v1\/onboardings",status="201"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/onboardings\/:id",status="200"\} \d/m,
    );
    expect(text).not.toContain(runId);

    const runs = [...text.matchAll(/^onboarding_runs\{status="(\w+)"\} (\d+)$/gm)];
    const total = runs.reduce((sum, [, , n]) => sum + Number(n), 0);
    expect(total).toBe(await stack.prisma.onboardingRun.count());
    expect(runs.map(([, status]) => status)).toEqual(
      expect.arrayContaining(['PENDING', 'RUNNING', 'COMPLETED', 'FAILED']),
    );
    expect(text).toMatch(/^onboarding_overdue_tasks 0$/m);
    expect(text).toMatch(/^onboarding_read_model_up 1$/m);
  });
});

describe('tokens that must be refused', () => {
  const claims = { roles: ['HR'] };

  async function ownKey(): Promise<JWK> {
    return (await ensureLocalKeys(stack.config.auth.jwksPath)).privateJwk;
  }

  async function signed(edit: (jwt: SignJWT) => SignJWT): Promise<string> {
    const jwk = await ownKey();
    const base = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
      .setSubject('hr-mallory')
      .setIssuer(stack.config.auth.issuer)
      .setAudience(stack.config.auth.audience)
      .setIssuedAt()
      .setExpirationTime('1h');
    return edit(base).sign(await importJWK(jwk, 'ES256'));
  }

  const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const payload = () => ({
    sub: 'hr-mallory',
    roles: ['HR'],
    iss: stack.config.auth.issuer,
    aud: stack.config.auth.audience,
    iat: now(),
    exp: now() + 3600,
  });

  const cases: [string, () => Promise<string>][] = [
    ['signed by another key', () => forgedToken('hr-mallory')],
    ['expired', () => signed((t) => t.setIssuedAt(now() - 7200).setExpirationTime(now() - 3600))],
    ['for another audience', () => signed((t) => t.setAudience('another-api'))],
    ['from another issuer', () => signed((t) => t.setIssuer('https://idp.evil.example'))],
    [
      'with alg none',
      () => Promise.resolve(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload())}.`),
    ],
    ['HS256 keyed with the public key', () => hmacWithPublicKey(payload())],
  ];

  it.each(cases)('answers 401 problem for a token %s', async (_name, make) => {
    const res = await request(server())
      .get(NO_SUCH_RUN)
      .set('Authorization', `Bearer ${await make()}`);
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });
});

/** Same kid and claims as a real token, signed by a key the API does not know. */
async function forgedToken(sub: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const stranger = {
    ...(await exportJWK(privateKey)),
    kid: (await ensureLocalKeys(stack.config.auth.jwksPath)).privateJwk.kid,
  };
  return signToken(stranger, {
    sub,
    roles: ['HR'],
    issuer: stack.config.auth.issuer,
    audience: stack.config.auth.audience,
  });
}

/** The classic algorithm-confusion attack: HMAC with the server's public JWKS as the secret. */
function hmacWithPublicKey(claims: object): Promise<string> {
  const secret = readFileSync(stack.config.auth.jwksPath);
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return Promise.resolve(`${head}.${body}.${sig}`);
}

// ---- An API alone (no worker) whose PostgreSQL or Temporal address is a closed port ----

interface LoneApi {
  app: NestFastifyApplication;
  token(): Promise<string>;
  stop(): Promise<void>;
}

/** A loopback port nothing listens on (free now): connections to it are refused. */
const closedPort = freePort;

async function startApiOnly(env: Record<string, string>): Promise<LoneApi> {
  const authDir = mkdtempSync(path.join(tmpdir(), 'dfo-auth-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DFO_DEV_MODE: '1',
    AUTH_JWKS_PATH: path.join(authDir, 'jwks.json'),
    ...env,
  });
  const { privateJwk } = await ensureLocalKeys(config.auth.jwksPath);
  const app = await createApp(config);
  return {
    app,
    token: () =>
      signToken(privateJwk, {
        sub: 'hr-outage',
        roles: ['HR'],
        issuer: config.auth.issuer,
        audience: config.auth.audience,
      }),
    stop: () => app.close(),
  };
}

describe('503 when a dependency is unreachable', () => {
  let noTemporal: LoneApi;
  let noDatabase: LoneApi;

  beforeAll(async () => {
    // The stack's database: migrated and seeded like production, so only Temporal is missing.
    noTemporal = await startApiOnly({
      DATABASE_URL: stack.config.database.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}`,
    });
    noDatabase = await startApiOnly({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${await closedPort()}/gone`,
      TEMPORAL_ADDRESS: temporalAddress(),
    });
  });
  afterAll(async () => {
    await noTemporal?.stop();
    await noDatabase?.stop();
  });

  it('Temporal down: readiness and POST /v1/onboardings answer 503 problems', async () => {
    // Readiness first: its connection attempt (10 s deadline) ends while the POST is retried.
    const ready = await request(noTemporal.app.getHttpServer()).get('/health/ready');
    expectProblem(ready, 503, 'dependency-unavailable');
    expect(ready.body).toMatchObject({ dependency: 'Temporal' });
    // The Temporal client retries UNAVAILABLE for ~20 s before the API can answer.
    const res = await request(noTemporal.app.getHttpServer())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${await noTemporal.token()}`)
      .send(hire('outage@example.tg'));
    expectProblem(res, 503, 'dependency-unavailable');
    expect(res.body).toMatchObject({ dependency: 'Temporal' });
  });

  it('PostgreSQL down: reads, writes and readiness answer 503; /metrics still answers', async () => {
    const http = () => request(noDatabase.app.getHttpServer());
    const auth = `Bearer ${await noDatabase.token()}`;
    const read = await http().get(NO_SUCH_RUN).set('Authorization', auth);
    expectProblem(read, 503, 'dependency-unavailable');
    expect(read.body).toMatchObject({ dependency: 'PostgreSQL' });
    const write = await http()
      .post('/v1/onboardings')
      .set('Authorization', auth)
      .send(hire('x@example.tg'));
    expectProblem(write, 503, 'dependency-unavailable');
    expectProblem(await http().get('/health/ready'), 503, 'dependency-unavailable');
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^onboarding_read_model_up 0$/m);
    expect(metrics.text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/v1\/onboardings\/:id",status="503"\} 1$/m,
    );
  });
});
