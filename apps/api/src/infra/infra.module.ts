/** PostgreSQL (Prisma), Temporal client and configuration, created once and closed on shutdown. */
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '../../../../config/env';
import { temporalConnectionOptions } from '../../../../config/temporal';
import { createPrismaClient, type PrismaClient } from '../../../../prisma/client';
import { DateRulesService } from '../http/date-rules.service';
import { JourneyClient } from './journey-client';
import { APP_CONFIG, PRISMA, TEMPORAL_CLIENT } from './tokens';

@Global()
@Module({})
export class InfraModule implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PRISMA, useFactory: () => createPrismaClient(config.database) },
        {
          provide: TEMPORAL_CLIENT,
          // Connection.lazy: the API boots even when Temporal is down, and answers 503 meanwhile.
          useFactory: () =>
            new Client({
              connection: Connection.lazy(temporalConnectionOptions(config.temporal)),
              namespace: config.temporal.namespace,
            }),
        },
        JourneyClient,
        DateRulesService,
      ],
      exports: [APP_CONFIG, PRISMA, TEMPORAL_CLIENT, JourneyClient, DateRulesService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close();
    await this.prisma.$disconnect();
  }
}
