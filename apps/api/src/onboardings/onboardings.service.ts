/** Rules for starting onboarding runs (reads: read/run-queries.service.ts). */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../../config/env';
import { TemporalGateway } from '../infra/temporal-gateway';
import { APP_CONFIG } from '../infra/tokens';
import { onboardingWorkflowId } from '../../../../workflows/definitions';
import type { onboardHire } from '../../../../workflows/onboard-hire.workflow';
import type { Principal } from '../auth/roles';
import { ProblemException } from '../http/problem';
import { TourGuidesService } from '../tour-guides/tour-guides.service';
import { DateRulesService } from '../http/date-rules.service';
import type { CreateOnboardingDto } from './dto/create-onboarding.dto';
import { OnboardingResponseDto } from './dto/onboarding-response.dto';
import { IdempotencyService } from './idempotency/idempotency.service';
import {
  DuplicateHireError,
  OnboardingsRepository,
  type RunWithHire,
} from './onboardings.repository';
import { HOME_TIME_ZONE } from '../../../../domain/i18n/dates';

export const DEFAULT_TIME_ZONE = HOME_TIME_ZONE;

@Injectable()
export class OnboardingsService {
  constructor(
    private readonly runs: OnboardingsRepository,
    private readonly temporal: TemporalGateway,
    private readonly idempotency: IdempotencyService,
    private readonly tourGuides: TourGuidesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dates: DateRulesService,
  ) {}

  /** Under an Idempotency-Key, a retry with the same body replays the first answer. */
  start(
    dto: CreateOnboardingDto,
    caller: Principal,
    idempotencyKey: string | undefined,
  ): Promise<OnboardingResponseDto> {
    if (idempotencyKey === undefined) return this.startRun(dto, caller);
    return this.idempotency.once(
      { callerSub: caller.sub, key: idempotencyKey, body: dto },
      201,
      () => this.startRun(dto, caller),
    );
  }

  /** One run per hire: a second start answers 409 with the existing run. */
  private async startRun(
    dto: CreateOnboardingDto,
    caller: Principal,
  ): Promise<OnboardingResponseDto> {
    const timeZone = dto.timeZone ?? DEFAULT_TIME_ZONE;
    this.dates.assertStartDate('startDate', dto.startDate, timeZone);
    const planKey = dto.planKey ?? this.config.journey.defaultPlanKey;
    const plan = await this.runs.findLatestPlan(planKey);
    if (!plan) {
      throw ProblemException.validation([{ name: 'planKey', reason: `no plan named ${planKey}` }]);
    }
    const guides = TourGuidesService.byStep(dto.tourGuides);
    await this.tourGuides.checkAtStart(plan.id, guides);
    let run: RunWithHire;
    try {
      run = await this.runs.createRun({
        fullName: dto.fullName,
        email: dto.email,
        locale: dto.locale,
        startDate: new Date(`${dto.startDate}T00:00:00Z`),
        timeZone,
        createdBy: caller.sub,
        planId: plan.id,
        techLead: dto.techLead,
        workflowIdFor: onboardingWorkflowId,
      });
    } catch (err) {
      if (!(err instanceof DuplicateHireError)) throw err;
      const existing = await this.runs.findRunByHireEmail(dto.email);
      if (!existing) throw err;
      // A run recorded while Temporal was down has no workflow yet: starting again is idempotent.
      if (existing.status === 'PENDING') {
        await this.tourGuides.recordAtStart(existing.id, guides, caller.sub);
        await this.startWorkflow(existing);
      }
      const body = OnboardingResponseDto.map(existing);
      throw ProblemException.conflict('An onboarding run already exists for this hire', {
        existing: body.links.self,
        run: body,
      });
    }
    await this.tourGuides.recordAtStart(run.id, guides, caller.sub);
    await this.startWorkflow(run);
    return OnboardingResponseDto.map(run);
  }

  /**
   * Named peer guides come from `tour_guide` (subjects only), so a retried start sends them too.
   * The workflow id is the business key: a start that finds the run running or ended is harmless.
   */
  private async startWorkflow(run: RunWithHire): Promise<void> {
    const tourGuides = await this.tourGuides.subjectsOf(run.id);
    const input = {
      runId: run.id,
      hireId: run.hireId,
      planId: run.planId ?? undefined,
      startDate: run.startDate.toISOString().slice(0, 10),
      timeZone: run.timeZone,
      techLeadSub: run.techLeadSub ?? undefined,
      ...(tourGuides ? { tourGuides } : {}),
    };
    await this.temporal.start<typeof onboardHire>(
      'onboardHire',
      run.workflowId,
      [input],
      'USE_EXISTING',
    );
  }
}
