import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../../../config/env';
import { AccessModule } from './access/access.module';
import { ActionsModule } from './actions/actions.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { CredentialsModule } from './credentials/credentials.module';
import { HealthController } from './health/health.controller';
import { InfraModule } from './infra/infra.module';
import { ObservabilityModule } from './observability/observability.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { OnboardingsModule } from './onboardings/onboardings.module';
import { OversightModule } from './oversight/oversight.module';
import { PlansModule } from './plans/plans.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { SessionsModule } from './sessions/sessions.module';
import { ProblemFilter } from './http/problem.filter';
import { TasksModule } from './tasks/tasks.module';
import { TourGuidesModule } from './tour-guides/tour-guides.module';
import { ToursModule } from './tours/tours.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfraModule.forRoot(config),
        OnboardingsModule,
        ObservabilityModule,
        TasksModule,
        PlansModule,
        AuditModule,
        ActionsModule,
        AccessModule,
        TourGuidesModule,
        CredentialsModule,
        SessionsModule,
        OffboardingModule,
        ToursModule,
        OversightModule,
        ProvisioningModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: JwtVerifier, useFactory: () => new JwtVerifier(config.auth) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
