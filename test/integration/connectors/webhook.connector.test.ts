/**
 * webhook against a real node:http receiver on loopback that checks the HMAC signature and the
 * timestamp, keeps accounts by username (idempotent, like a well-behaved target) and can fail.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import {
  createWebhookConnector,
  signWebhook,
} from '../../../activities/connectors/webhook.connector';
import {
  createAccessVerification,
  createProvisioningActivities,
  usernameFor,
} from '../../../activities/provisioning.activities';
import { recordGrant, seedRun, startHarness, type ConnectorHarness } from './harness';

const SECRET = 'webhook-test-secret-0123456789abcdef';
const SYSTEM = 'git';
let h: ConnectorHarness;
let server: Server;
let url: string;
const accounts = new Map<string, string>(); // username → scope
const seen: { action: string; idempotencyKey: string }[] = [];
let failNext = 0;
let answer: { status: number; body?: string } | undefined;

beforeAll(async () => {
  h = await startHarness();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const ts = String(req.headers['x-df-timestamp']);
      const expected = Buffer.from(signWebhook(SECRET, ts, body));
      const given = Buffer.from(String(req.headers['x-df-signature']));
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      if (given.length !== expected.length || !timingSafeEqual(given, expected) || !fresh) {
        res.writeHead(401).end('bad signature');
        return;
      }
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      if (answer) {
        res.writeHead(answer.status).end(answer.body ?? '');
        return;
      }
      const msg = JSON.parse(body) as {
        action: string;
        scope: string | null;
        hire: { username: string };
      };
      seen.push({ action: msg.action, idempotencyKey: String(req.headers['idempotency-key']) });
      const user = msg.hire.username;
      if (msg.action === 'grant') accounts.set(user, msg.scope ?? '');
      if (msg.action === 'revoke') accounts.delete(user);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          externalRef: msg.action === 'grant' ? `git-user:${user}` : undefined,
          present: accounts.has(user),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/provision`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

beforeEach(() => {
  failNext = 0;
  answer = undefined;
  seen.length = 0;
});

function connectorsWith(secret = SECRET, timeoutMs = 2_000) {
  return {
    [SYSTEM]: createWebhookConnector({ connector: 'webhook', url, secret, attempts: 3, timeoutMs }),
  };
}
const activities = (connectors = connectorsWith()) => ({
  ...createProvisioningActivities(h.prisma, connectors),
  ...createAccessVerification(h.prisma, connectors),
});

it('grants once across a retried activity, signs every call and retries a 503', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const user = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-git', system: SYSTEM, scope: 'developer' };
  failNext = 2; // two 503s, then success: retried inside the call
  const first = await activities().grantAccess(req);
  const retried = await activities().grantAccess(req); // crash before completion: Temporal retries
  expect(first).toEqual({ mode: 'AUTOMATIC', externalRef: `git-user:${user}` });
  expect(retried).toEqual(first);
  expect([...accounts.keys()].filter((k) => k === user)).toHaveLength(1);
  expect(new Set(seen.map((s) => s.idempotencyKey))).toEqual(
    new Set([`${run.id}:access-git:grant`]),
  );
});

it('verifies, reports drift, revokes, and revoking an absent account succeeds', async () => {
  const { hire, run } = await seedRun(h.prisma);
  const user = usernameFor(hire.id);
  const req = { runId: run.id, stepId: 'access-git', system: SYSTEM, scope: 'developer' };
  const granted = await activities().grantAccess(req);
  await recordGrant(h.prisma, { ...req, externalRef: granted.externalRef });
  expect(await activities().verifyAccess(req)).toMatchObject({ present: true, drift: false });

  accounts.delete(user); // removed by hand in the target system
  expect(await activities().verifyAccess(req)).toMatchObject({ present: false, drift: true });

  await activities().revokeAccess(req);
  await expect(activities().revokeAccess(req)).resolves.toBeUndefined();
  expect(accounts.has(user)).toBe(false);
  const audit = await h.prisma.auditEvent.findMany({ where: { runId: run.id } });
  expect(audit.map((a) => a.action).sort()).toEqual(['access.drift_detected', 'access.revoked']);
});

it('classifies a refused signature as permanent and a silent receiver as retryable', async () => {
  const { run } = await seedRun(h.prisma);
  const req = { runId: run.id, stepId: 'access-git', system: SYSTEM, scope: 'developer' };
  await expect(activities(connectorsWith('wrong-secret')).grantAccess(req)).rejects.toMatchObject({
    type: 'ProvisioningRejected',
    nonRetryable: true,
  });
  failNext = 10;
  await expect(activities().grantAccess(req)).rejects.toMatchObject({
    type: 'ProvisioningUnavailable',
    nonRetryable: false,
  });
  failNext = 0;
  const silent = createServer(() => undefined); // accepts, never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as AddressInfo).port;
    const slow = createWebhookConnector({
      connector: 'webhook',
      url: `http://127.0.0.1:${port}/`,
      secret: SECRET,
      attempts: 1,
      timeoutMs: 200,
    });
    await expect(
      createProvisioningActivities(h.prisma, { [SYSTEM]: slow }).grantAccess(req),
    ).rejects.toMatchObject({ type: 'ProvisioningUnavailable' });
  } finally {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }
});
