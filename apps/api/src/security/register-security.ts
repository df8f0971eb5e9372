/**
 * HTTP hardening of the Fastify instance, installed before any route exists: security headers
 * (helmet, with a CSP per kind of response), CORS for the configured origins, and rate limits on
 * mutations. The body size limit is a Fastify server option (see bootstrap.ts).
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../../../../config/env';
import { JwtVerifier } from '../auth/jwt-verifier';
import { API_CSP, useDocsPolicyForDocsRoutes } from './content-security-policy';
import { rateLimitOptions } from './rate-limit';

/** `docsConnectOrigins`: where Swagger UI may fetch besides this origin (the provider's tokens). */
export async function registerSecurity(
  app: NestFastifyApplication,
  config: AppConfig,
  docsConnectOrigins: string[] = [],
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  useDocsPolicyForDocsRoutes(fastify, docsConnectOrigins);
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
  });
  if (config.api.corsOrigins.length) {
    app.enableCors({
      origin: config.api.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: [
        'X-Request-Id',
        'Location',
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, rateLimitOptions(config, app.get(JwtVerifier)));
}
