import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveConsole } from './serve-console';

const INDEX = '<!doctype html><div id="root"></div>';

async function app(dir: string): Promise<FastifyInstance> {
  const fastify = Fastify();
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"] } },
  });
  serveConsole(fastify, dir);
  await fastify.ready();
  return fastify;
}

describe('serveConsole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfo-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  let fastify: FastifyInstance;
  beforeAll(async () => {
    fastify = await app(dir);
  });
  afterAll(() => fastify.close());

  it('serves hashed assets for a year, immutable', async () => {
    const res = await fastify.inject('/console/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toContain('text/javascript');
  });

  it('answers index.html, not cached, for the root and every deep link', async () => {
    for (const url of [
      '/console',
      '/console/',
      '/console/runs/2f0c6f3e-1111-4c2a-9d59-0a0c6a8b9e11',
    ]) {
      const res = await fastify.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('gives the console its own CSP: scripts from this origin only, no inline script', async () => {
    const csp = (await fastify.inject('/console/')).headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self'");
  });

  it('answers 404 for a missing asset and never leaves the build folder', async () => {
    expect((await fastify.inject('/console/assets/gone-123.js')).statusCode).toBe(404);
    const res = await fastify.inject('/console/..%2F..%2Fetc%2Fpasswd');
    expect(res.body).not.toContain('root:');
  });

  it('says how to build when there is no build', async () => {
    const empty = await app(mkdtempSync(path.join(tmpdir(), 'dfo-console-empty-')));
    const res = await empty.inject('/console/');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('not built');
    await empty.close();
  });
});
