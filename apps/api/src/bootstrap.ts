/**
 * Builds the API exactly as production runs it. main.ts and the e2e tests both go through here.
 * Order matters: plugins and hooks are installed before Nest registers the routes (app.init()).
 */
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '../../../config/env';
import { describeSecurity } from '../../../config/security';
import { installTracing } from '../../../domain/tracing';
import { AppModule } from './app.module';
import { serveConsole } from './console/serve-console';
import { registerHttpTracing } from './observability/http-tracing';
import { JsonLogger } from './observability/json-logger';
import { AppMetrics } from './observability/metrics';
import { frameworkErrors } from './http/framework-errors';
import { documentProblems } from './http/problem-openapi';
import { registerRequestHooks } from './observability/request-hooks';
import { requestIdFor } from './observability/request-id';
import { registerSecurity } from './security/register-security';
import { cookieNames } from './sessions/cookies';
import {
  allowDocsSignIn,
  docsSignIn,
  DOCS_OAUTH_SCHEME,
  type DocsSignIn,
} from './sessions/docs-sign-in';
import { SessionsService } from './sessions/sessions.service';
import { closeRequestBodies } from './http/api-fields';
import { createValidationPipe } from './http/validation.pipe';

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(config.logLevel);
  // Before the Temporal client exists, so its interceptor finds the provider (docs/operations.md "Traces").
  const tracing = config.tracing && installTracing(config.tracing);
  const adapter = new FastifyAdapter({
    bodyLimit: config.api.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.api.trustProxy),
    genReqId: requestIdFor,
    // close(): idle keep-alive sockets are closed at once, in-flight requests run to completion.
    forceCloseConnections: 'idle',
    // Requests arriving while draining get a problem+json 503 from request-hooks.ts instead.
    return503OnClosing: false,
    // Router errors (undecodable URL, over-long path segment) as 400 problems, not Fastify's JSON.
    frameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger,
  });
  const docsOAuth = await docsSignIn(config, app.get(SessionsService), logger);
  await registerSecurity(app, config, docsOAuth ? [new URL(docsOAuth.tokenUrl).origin] : []);
  registerRequestHooks(app.getHttpAdapter().getInstance(), logger, app.get(AppMetrics));
  if (tracing) {
    registerHttpTracing(app.getHttpAdapter().getInstance());
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', () => tracing.flush());
  }
  serveConsole(app.getHttpAdapter().getInstance(), config.api.consoleDir);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
  app.useGlobalPipes(createValidationPipe());

  const document = openApiDocument(app, config, docsOAuth);
  if (docsOAuth) allowDocsSignIn(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    swaggerOptions: {
      // No call to the public validator.swagger.io badge: the docs stay same-origin (CSP).
      validatorUrl: null,
      ...(docsOAuth && {
        oauth2RedirectUrl: docsOAuth.redirectUrl,
        initOAuth: {
          clientId: docsOAuth.clientId,
          scopes: docsOAuth.scopes,
          usePkceWithAuthorizationCodeGrant: true,
        },
      }),
    },
  });

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/**
 * The OpenAPI document of an app (also built without a server by scripts/openapi-document.ts,
 * from which the console's typed client is generated; there without the docs' sign-in).
 */
export function openApiDocument(
  app: NestFastifyApplication,
  config: AppConfig,
  docsOAuth?: DocsSignIn,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('df-onboarding admin API')
    .setDescription(
      'Onboarding runs of the Digital Factory. Every operation states the roles allowed to call it.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(cookieNames(config.auth.session.secureCookie).session);
  if (docsOAuth) {
    builder.addOAuth2(
      {
        type: 'oauth2',
        description: 'Sign in with the identity provider (authorization code + PKCE)',
        flows: {
          authorizationCode: {
            authorizationUrl: docsOAuth.authorizationUrl,
            tokenUrl: docsOAuth.tokenUrl,
            scopes: Object.fromEntries(docsOAuth.scopes.map((s) => [s, s])),
          },
        },
      },
      DOCS_OAUTH_SCHEME,
    );
  }
  const document = SwaggerModule.createDocument(app, builder.build());
  closeRequestBodies(document); // unknown fields are refused: the document says so
  documentProblems(document); // every error status, with its problem+json body
  return document;
}

/** Production entry: listens, and on SIGTERM/SIGINT drains in-flight requests and exits 0. */
export async function bootstrap(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createApp(config);
  await app.listen(config.api.port, config.api.host);
  const logger = new JsonLogger(config.logLevel);
  logger.write('info', `API listening on ${await app.getUrl()} (docs at /docs)`);
  logger.write('info', 'security settings', describeSecurity(config, 'api'));
  if (!config.devMode && !config.metrics.token) {
    logger.write('warn', 'METRICS_PUBLIC=true: GET /metrics is public');
  }
  exitOnSignals(app, config.api.shutdownGraceSeconds * 1000, logger);
  return app;
}

/**
 * Nest's enableShutdownHooks() re-raises the signal after closing, so the process ends "killed
 * by SIGTERM" (status 143). Here a clean drain exits 0; a drain that overruns the grace period
 * or fails exits 1.
 */
function exitOnSignals(app: NestFastifyApplication, graceMs: number, logger: JsonLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.write('info', 'shutdown: draining in-flight requests', { signal });
    setTimeout(() => {
      logger.write('error', 'shutdown: grace period over, exiting', { graceMs });
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => {
        logger.write('info', 'shutdown: complete');
        process.exit(0);
      },
      (err: unknown) => {
        logger.write('error', 'shutdown failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Fastify takes a hop count as a function in Nest 12's adapter types: trust the first N hops. */
function fastifyTrustProxy(
  value: boolean | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}
