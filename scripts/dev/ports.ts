/** Checks, before anything starts, that every port `npm run up` needs is free. */
import { createServer } from 'node:net';
import type { PortSetting } from './settings';

export class PortBusyError extends Error {
  override readonly name = 'PortBusyError';
}

/** Resolves when `host:port` can be bound; otherwise names the port and the variable to change. */
export function assertPortFree(host: string, setting: PortSetting): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        reject(new PortBusyError(portBusyMessage(host, setting, err.code)));
      } else {
        reject(err);
      }
    });
    server.listen({ port: setting.port, host, exclusive: true }, () => {
      server.close(() => resolve());
    });
  });
}

export function portBusyMessage(host: string, s: PortSetting, code = 'EADDRINUSE'): string {
  const why = code === 'EACCES' ? 'cannot be opened (permission denied)' : 'is already in use';
  return (
    `Port ${s.port} on ${host} (${s.label}) ${why}. Stop whatever listens there ` +
    `(e.g. \`ss -ltnp 'sport = :${s.port}'\`), or choose another port: ${s.envVar}=<port> npm run up`
  );
}

/** Checks all ports and reports every busy one at once. */
export async function assertPortsFree(host: string, settings: PortSetting[]): Promise<void> {
  const results = await Promise.allSettled(settings.map((s) => assertPortFree(host, s)));
  const problems = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason)));
  if (problems.length) throw new PortBusyError(problems.join('\n'));
}

/** A port the OS says is free on the loopback now (tests, drills and benchmarks pick theirs so). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
