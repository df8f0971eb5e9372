/**
 * The runs resource: start (onboardings.*), read (read/: list and detail from PostgreSQL only),
 * control (controls/: Updates and Signals to the run's workflow) and idempotent starts
 * (idempotency/). Controllers delegate in one line; services hold rules; repositories own Prisma.
 */
import { Module } from '@nestjs/common';
import { ObservabilityModule } from '../observability/observability.module';
import { TourGuidesModule } from '../tour-guides/tour-guides.module';
import { RunControlsController } from './controls/run-controls.controller';
import { RunControlsService } from './controls/run-controls.service';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { OnboardingsController } from './onboardings.controller';
import { OnboardingsRepository } from './onboardings.repository';
import { OnboardingsService } from './onboardings.service';
import { ReadCacheService } from './read/read-cache.service';
import { RunQueriesService } from './read/run-queries.service';
import { RunReadRepository } from './read/run-read.repository';

@Module({
  imports: [TourGuidesModule, ObservabilityModule],
  controllers: [OnboardingsController, RunControlsController],
  providers: [
    OnboardingsService,
    OnboardingsRepository,
    RunQueriesService,
    RunReadRepository,
    ReadCacheService,
    RunControlsService,
    IdempotencyService,
    IdempotencyRepository,
  ],
})
export class OnboardingsModule {}
