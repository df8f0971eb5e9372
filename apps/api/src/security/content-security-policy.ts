/**
 * Content-Security-Policy per kind of response. JSON answers need nothing: `default-src 'none'`.
 * The Swagger UI under /docs loads its own scripts and styles from this origin (no CDN, no inline
 * script) but sets inline styles and uses data: images.
 */
import type { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

export const API_CSP: Directives = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

export const DOCS_CSP: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export const DOCS_PREFIX = '/docs';

/** Gives the routes under /docs the Swagger UI policy (read by @fastify/helmet at request time). */
export function useDocsPolicyForDocsRoutes(
  fastify: FastifyInstance,
  connectOrigins: string[] = [],
): void {
  const directives = { ...DOCS_CSP, connectSrc: [...DOCS_CSP.connectSrc, ...connectOrigins] };
  fastify.addHook('onRoute', (route) => {
    if (route.url !== DOCS_PREFIX && !route.url.startsWith(`${DOCS_PREFIX}/`)) return;
    route.config = Object.assign(route.config ?? {}, {
      helmet: { contentSecurityPolicy: { useDefaults: false, directives } },
    });
  });
}
