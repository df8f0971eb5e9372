/**
 * A target system with its own API for the browser tests: the `registry` of the plan goes through
 * the webhook connector to this receiver, which refuses grants (HTTP 400, a refusal for good)
 * until a test lets them through with `POST /control {"accept": true}`. So a grant fails for real,
 * falls back to IT, and IT's retry goes through the worker and the connector again.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TargetSystem {
  url: string;
  /** PROVISIONING_SYSTEMS and the secret it names, for the launcher's environment. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTargetSystem(): Promise<TargetSystem> {
  const state = { accept: false, accounts: new Set<string>() };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/control') {
        state.accept = (JSON.parse(body) as { accept: boolean }).accept;
        return void res.writeHead(204).end();
      }
      const msg = JSON.parse(body) as {
        action: string;
        system: string;
        hire: { username: string };
      };
      const key = `${msg.system}:${msg.hire.username}`;
      if (msg.action === 'grant' && !state.accept)
        return void res.writeHead(400).end('namespace digital-factory does not exist');
      if (msg.action === 'grant') state.accounts.add(key);
      if (msg.action === 'revoke') state.accounts.delete(key);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ externalRef: key, present: state.accounts.has(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const registry = {
    connector: 'webhook',
    url: `${url}/hooks`,
    secretEnv: 'CONSOLE_E2E_WEBHOOK_SECRET',
    attempts: 1,
    timeoutMs: 5_000,
  };
  return {
    url,
    env: {
      PROVISIONING_SYSTEMS: JSON.stringify({ registry }),
      CONSOLE_E2E_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
