/**
 * The leaving journey (docs/journey.md, "Leaving"): start it on a run or for a person with no
 * run, read it, revoke at once.
 */
import { Module } from '@nestjs/common';
import { DirectOffboardingController } from './direct-offboarding.controller';
import { DirectOffboardingRepository } from './direct-offboarding.repository';
import { DirectOffboardingService } from './direct-offboarding.service';
import { OffboardingReadService } from './offboarding-read.service';
import { OffboardingController } from './offboarding.controller';
import { OffboardingRepository } from './offboarding.repository';
import { OffboardingService } from './offboarding.service';

@Module({
  controllers: [OffboardingController, DirectOffboardingController],
  providers: [
    OffboardingService,
    OffboardingRepository,
    DirectOffboardingService,
    DirectOffboardingRepository,
    OffboardingReadService,
  ],
})
export class OffboardingModule {}
