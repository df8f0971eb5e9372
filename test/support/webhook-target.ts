/**
 * A target system behind the signed webhook connector, for the e2e suites: it accepts signed calls
 * only (401 otherwise) and keeps accounts per `system:username`, answering `present` as the
 * connector's verification expects. `refuse` may refuse a call (400 with its reason), e.g. a
 * registry whose namespace does not exist yet.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '../../activities/connectors/webhook.connector';

export interface WebhookCall {
  action: string;
  system: string;
  hire: { username: string };
}

export interface WebhookTarget {
  /** The URL to give the connector. */
  url: string;
  /** Accounts held, as `system:username`. */
  accounts: Set<string>;
  /** A reason to refuse the call (400), or undefined to serve it. Changeable during a test. */
  refuse: (call: WebhookCall) => string | undefined;
  stop(): Promise<void>;
}

/** Whether a call carries the connector's HMAC signature of its timestamp and body. */
export function hasValidSignature(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, String(headers['x-df-timestamp']), body));
  const given = Buffer.from(String(headers['x-df-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The stack's environment that sends `systems` through the webhook connector to `url`
 * (PROVISIONING_SYSTEMS and the secret it names); `attempts` per call when given.
 */
export function webhookProvisioningEnv(
  url: string,
  secret: string,
  systems: readonly string[],
  options: { attempts?: number } = {},
): Record<string, string> {
  const webhook = {
    connector: 'webhook',
    url,
    secretEnv: 'TEST_WEBHOOK_SECRET',
    timeoutMs: 5_000,
    ...options,
  };
  return {
    PROVISIONING_SYSTEMS: JSON.stringify(
      Object.fromEntries(systems.map((system) => [system, webhook])),
    ),
    TEST_WEBHOOK_SECRET: secret,
  };
}

export async function startWebhookTarget(secret: string): Promise<WebhookTarget> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (!hasValidSignature(secret, req.headers, body)) return void res.writeHead(401).end();
      const call = JSON.parse(body) as WebhookCall;
      const refused = target.refuse(call);
      if (refused) return void res.writeHead(400).end(refused);
      const key = `${call.system}:${call.hire.username}`;
      if (call.action === 'grant') target.accounts.add(key);
      if (call.action === 'revoke') target.accounts.delete(key);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ externalRef: key, present: target.accounts.has(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target: WebhookTarget = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    accounts: new Set<string>(),
    refuse: () => undefined,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return target;
}

/** A row the worker writes a moment later: a bounded wait on PostgreSQL, never a fixed sleep. */
export async function eventually<T>(
  read: () => Promise<T | null | undefined | false>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
