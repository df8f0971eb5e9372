/** The leaving journey (docs/journey.md, "Leaving"): start it, revoke at once. */
import { Module } from '@nestjs/common';
import { OffboardingController } from './offboarding.controller';
import { OffboardingRepository } from './offboarding.repository';
import { OffboardingService } from './offboarding.service';

@Module({
  controllers: [OffboardingController],
  providers: [OffboardingService, OffboardingRepository],
})
export class OffboardingModule {}
