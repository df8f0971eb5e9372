/** PostgreSQL (Prisma), the Temporal gateway and configuration, created once and closed on shutdown. */
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../../../config/env';
import { createPrismaClient, type PrismaClient } from '../../../../prisma/client';
import { DateRulesService } from '../http/date-rules.service';
import { TemporalGateway } from './temporal-gateway';
import { APP_CONFIG, PRISMA } from './tokens';

@Global()
@Module({})
export class InfraModule implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PRISMA, useFactory: () => createPrismaClient(config.database) },
        TemporalGateway,
        DateRulesService,
      ],
      exports: [APP_CONFIG, PRISMA, TemporalGateway, DateRulesService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
