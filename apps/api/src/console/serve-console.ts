/**
 * Serves the console's build (apps/console, `vite build`) under /console, outside Nest's guards:
 * the files are public, the data behind them is not (the console calls /auth/me and /v1 with
 * the session cookie). Hashed files under /console/assets/ are cached for a year (`immutable`);
 * everything else, and every deep link (/console/runs/<id>), answers index.html with `no-cache`,
 * so a new build is picked up on the next load. Its own CSP: scripts and styles from this origin
 * only, no inline script.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type {} from '@fastify/helmet'; // its `helmet` route option
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CONSOLE_PREFIX = '/console';

export const CONSOLE_CSP: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

/** Registers GET /console and /console/*; without a build they answer a 404 that says so. */
export function serveConsole(fastify: FastifyInstance, consoleDir: string): void {
  const root = path.resolve(consoleDir);
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const wanted = (request.params as { '*'?: string })['*'] ?? '';
    const file = await existingFile(root, wanted);
    if (file) {
      const immutable = wanted.startsWith('assets/');
      return send(reply, file, immutable ? IMMUTABLE : NO_CACHE);
    }
    // A missing hashed asset is a real 404 (an old tab after a deploy), not the app shell.
    if (wanted.startsWith('assets/')) return reply.code(404).type('text/plain').send('Not found');
    const index = await existingFile(root, 'index.html');
    if (!index) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The console is not built: run `npm run build:console`.');
    }
    return send(reply, index, NO_CACHE);
  };
  // Read by @fastify/helmet (registered before, see register-security.ts) when the route is added.
  const options = {
    helmet: { contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CSP } },
  };
  fastify.get(CONSOLE_PREFIX, options, handler);
  fastify.get(`${CONSOLE_PREFIX}/*`, options, handler);
}

/** The regular file at `relative` inside `root`, or null (no traversal out of root). */
async function existingFile(root: string, relative: string): Promise<string | null> {
  if (!relative) return null;
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

function send(reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  return reply
    .header('Cache-Control', cacheControl)
    .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
    .send(createReadStream(file));
}
