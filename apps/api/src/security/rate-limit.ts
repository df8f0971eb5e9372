/**
 * Mutations (POST/PUT/PATCH/DELETE), and the start of a browser sign-in, are limited per caller: the verified token subject, or the
 * client address when the request carries no valid token. Reads are not limited. The limit runs
 * before body parsing and authentication, so the token is verified here too (ES256, ~0.1 ms).
 */
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import type { JwtVerifier } from '../auth/jwt-verifier';
import { ProblemException } from '../http/problem';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutation(method: string): boolean {
  return !READS.has(method);
}

/** GET /auth/login writes a row (the sign-in under way): limited like a change. */
function isLimited(request: FastifyRequest): boolean {
  return isMutation(request.method) || request.url.startsWith('/auth/login');
}

/** `sub:<subject>` for a valid bearer token, else `ip:<address>`. */
export async function callerKey(request: FastifyRequest, verifier: JwtVerifier): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (token) {
    try {
      return `sub:${(await verifier.verify(token)).sub}`;
    } catch {
      // An invalid token earns no bucket of its own: it shares its address's bucket.
    }
  }
  return `ip:${request.ip}`;
}

export function rateLimitOptions(config: AppConfig, verifier: JwtVerifier): RateLimitPluginOptions {
  return {
    global: true,
    hook: 'onRequest',
    max: config.api.rateLimit.max,
    timeWindow: config.api.rateLimit.windowSeconds * 1000,
    // Reads get a constant key (no token verification) and are then let through by allowList.
    keyGenerator: (request) => (isLimited(request) ? callerKey(request, verifier) : 'read'),
    allowList: (request) => !isLimited(request),
    errorResponseBuilder: (_request, context) =>
      ProblemException.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  };
}
