import { createConnection, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { JsonLogger } from './json-logger';
import { registerRequestHooks } from './request-hooks';
import { requestIdFor } from './request-id';

function build() {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger('info', (l) =>
    lines.push(JSON.parse(l) as Record<string, unknown>),
  );
  const observe = jest.fn();
  const fastify: FastifyInstance = Fastify({ genReqId: requestIdFor, return503OnClosing: false });
  registerRequestHooks(fastify, logger, { observeRequest: observe });
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  fastify.get('/runs/:id', (request) => {
    Object.assign(request, { principal: { sub: 'hr-amina', roles: ['HR'] } });
    return { id: (request.params as { id: string }).id };
  });
  fastify.get('/slow', async () => {
    await released;
    return { done: true };
  });
  return { fastify, lines, observe, release };
}

describe('request hooks', () => {
  it('echoes the request id, logs the route pattern and caller, and observes latency', async () => {
    const { fastify, lines, observe } = build();
    const res = await fastify.inject({ url: '/runs/42', headers: { 'x-request-id': 'abc-1' } });
    expect(res.headers['x-request-id']).toBe('abc-1');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        requestId: 'abc-1',
        method: 'GET',
        route: '/runs/:id',
        status: 200,
        sub: 'hr-amina',
      }),
    ]);
    expect(observe).toHaveBeenCalledWith('GET', '/runs/:id', 200, expect.any(Number));
    const unknown = await fastify.inject({ url: '/nope/123' });
    expect(unknown.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(observe).toHaveBeenLastCalledWith('GET', 'UNMATCHED', 404, expect.any(Number));
    await fastify.close();
  });

  it('while draining: in-flight requests finish with Connection: close, new ones get 503', async () => {
    const { fastify, release } = build();
    let drainingStarted = () => {};
    const draining = new Promise<void>((resolve) => (drainingStarted = resolve));
    fastify.addHook('preClose', (done) => {
      drainingStarted();
      done();
    });
    const address = await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const slow = connect(Number(port));
    const late = connect(Number(port));
    slow.socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    // Headers begun but not finished: the connection is busy, so close() leaves it open.
    late.socket.write('GET /runs/1 HTTP/1.1\r\nHost: x\r\n');
    await new Promise((r) => setTimeout(r, 50));
    const closed = fastify.close();
    await draining;
    late.socket.write('\r\n');
    const refused = await late.response;
    expect(refused).toMatch(/^HTTP\/1\.1 503/);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(refused).toMatch(/content-type: application\/problem\+json/i);
    expect(refused).toContain('"type":"urn:df-onboarding:problem:shutting-down"');
    release();
    const finished = await slow.response;
    expect(finished).toMatch(/^HTTP\/1\.1 200/);
    expect(finished).toMatch(/\r\nconnection: close\r\n/i);
    await closed;
  });
});

/** A raw HTTP/1.1 connection; `response` resolves with everything received when it closes. */
function connect(port: number): { socket: Socket; response: Promise<string> } {
  const socket = createConnection(port, '127.0.0.1');
  const response = new Promise<string>((resolve, reject) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
  return { socket, response };
}
