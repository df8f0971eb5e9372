/**
 * The leaving journey of a person with no onboarding run (docs/journey.md, "Leaving a person with
 * no onboarding run"). One per person (email): the same person again answers the existing journey;
 * a person who has an onboarding run is sent to that run's leaving journey (409 with its link).
 * The grants to revoke are given, discovered by the worker's connectors, or both.
 */
import { Injectable } from '@nestjs/common';
import { DEFAULT_LEAVING_PLAN } from '../../../../domain/plans/leaving.schema';
import {
  OFFBOARDING_WORKFLOW_ID_PREFIX,
  type OffboardEmployeeInput,
} from '../../../../workflows/definitions';
import type { offboardEmployee } from '../../../../workflows/offboard-employee.workflow';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException } from '../http/problem';
import type { OffboardingDetailDto, StartDirectOffboardingDto } from './direct-offboarding.dto';
import {
  DirectOffboardingRepository,
  PersonTakenError,
  type PersonRun,
} from './direct-offboarding.repository';
import { OffboardingReadService } from './offboarding-read.service';
import { OffboardingService } from './offboarding.service';

const isDirect = (run: PersonRun) => run.workflowId.startsWith(OFFBOARDING_WORKFLOW_ID_PREFIX);

@Injectable()
export class DirectOffboardingService {
  constructor(
    private readonly repo: DirectOffboardingRepository,
    private readonly offboarding: OffboardingService,
    private readonly read: OffboardingReadService,
    private readonly temporal: TemporalGateway,
  ) {}

  /** `created` false: the person's leaving journey already existed (200). */
  async start(
    dto: StartDirectOffboardingDto,
    caller: Principal,
  ): Promise<{ created: boolean; detail: OffboardingDetailDto }> {
    this.offboarding.assertLastDay(dto.lastDay);
    const grants = dto.grants ?? [];
    const systems = grants.map((g) => g.system);
    const twice = systems.findIndex((s, i) => systems.indexOf(s) !== i);
    if (twice >= 0)
      throw ProblemException.validation([
        { name: `grants[${twice}].system`, reason: 'one grant per system' },
      ]);
    const discover = dto.discover ?? grants.length === 0;
    if (!discover && grants.length === 0)
      throw ProblemException.validation([
        { name: 'grants', reason: 'give the grants to revoke, or let them be discovered' },
      ]);
    const planKey = dto.planKey ?? DEFAULT_LEAVING_PLAN;
    const plan = await this.repo.latestLeavingPlan(planKey);
    if (!plan)
      throw ProblemException.validation([
        { name: 'planKey', reason: `no leaving plan ${planKey}` },
      ]);

    const existing = await this.existing(dto.person.email);
    if (existing) return { created: false, detail: await this.resume(existing, dto, plan, caller) };
    let run: PersonRun;
    try {
      run = await this.repo.create({
        person: dto.person,
        techLead: dto.techLead,
        lastDay: dto.lastDay,
        reason: dto.reason,
        grants,
        discover,
        plan,
        createdBy: caller.sub,
      });
    } catch (err) {
      if (!(err instanceof PersonTakenError)) throw err;
      const raced = await this.existing(dto.person.email);
      if (!raced) throw err;
      return { created: false, detail: await this.resume(raced, dto, plan, caller) };
    }
    await this.startWorkflow(run, dto.lastDay, plan, discover, caller);
    return { created: true, detail: await this.read.detail(run.id) };
  }

  /** The person's leaving run, or a 409 pointing to their onboarding run's leaving journey. */
  private async existing(email: string): Promise<PersonRun | undefined> {
    const run = await this.repo.findPersonRun(email);
    if (run === undefined) return undefined;
    if (run && isDirect(run)) return run;
    throw ProblemException.conflict(
      'This person has an onboarding run: start their leaving journey on it',
      run
        ? {
            code: 'OnboardingRunExists',
            runId: run.id,
            offboarding: `/v1/onboardings/${run.id}/offboarding`,
          }
        : { code: 'PersonExists' },
    );
  }

  /** Idempotent: a run recorded while Temporal was down (PENDING) is started now. */
  private async resume(
    run: PersonRun,
    dto: StartDirectOffboardingDto,
    plan: { key: string; version: number },
    caller: Principal,
  ): Promise<OffboardingDetailDto> {
    if (run.status === 'PENDING') {
      const start = await this.repo.startOf(run.id);
      const pinned = /^(.+)@(\d+)$/.exec(start?.plan ?? '');
      await this.startWorkflow(
        run,
        start?.lastDay ?? dto.lastDay,
        pinned ? { key: pinned[1], version: Number(pinned[2]) } : plan,
        start?.discover ?? true,
        caller,
      );
    }
    return this.read.detail(run.id);
  }

  private async startWorkflow(
    run: PersonRun,
    lastDay: string,
    plan: { key: string; version: number },
    discover: boolean,
    caller: Principal,
  ): Promise<void> {
    const input: OffboardEmployeeInput = {
      runId: run.id,
      hireId: run.hireId,
      techLeadSub: run.techLeadSub ?? undefined,
      lastDay,
      startedBy: caller.sub,
      source: 'DIRECT',
      leavingPlan: plan,
      discover,
    };
    // A duplicate start (two racing requests, a retry) finds the running journey.
    await this.temporal.start<typeof offboardEmployee>(
      'offboardEmployee',
      run.workflowId,
      [input],
      'USE_EXISTING',
    );
    await this.repo.markStarted(run.id);
  }
}
