/**
 * Builds the API exactly as production runs it. main.ts and the e2e tests both go through here.
 */
import { Logger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '../../../config/env';
import { AppModule } from './app.module';
import { createValidationPipe } from './validation/validation.pipe';

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.api.bodyLimitBytes,
    trustProxy: true,
    // Request ids for logs: honour an incoming X-Request-Id, else generate one.
    requestIdHeader: 'x-request-id',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: config.env === 'test' ? ['error'] : ['log', 'warn', 'error'],
    bufferLogs: true,
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
  app.useGlobalPipes(createValidationPipe());
  if (config.api.corsOrigins.length) app.enableCors({ origin: config.api.corsOrigins });
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('df-onboarding admin API')
    .setDescription(
      'Onboarding runs of the Digital Factory. Every operation states the roles allowed to call it.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openapi);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });

  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function bootstrap(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await createApp(config);
  await app.listen(config.api.port, config.api.host);
  new Logger('bootstrap').log(`API listening on ${await app.getUrl()} (docs at /docs)`);
  return app;
}
