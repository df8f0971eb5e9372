import { Module } from '@nestjs/common';
import { OnboardingWorkflows } from './onboarding-workflows';
import { OnboardingsController } from './onboardings.controller';
import { OnboardingsRepository } from './onboardings.repository';
import { OnboardingsService } from './onboardings.service';

@Module({
  controllers: [OnboardingsController],
  providers: [OnboardingsService, OnboardingsRepository, OnboardingWorkflows],
})
export class OnboardingsModule {}
