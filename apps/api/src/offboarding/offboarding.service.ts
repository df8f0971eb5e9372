/**
 * Starts the leaving journey of a run's person (one workflow per person: `offboarding-<hireId>`,
 * so a second start answers the first) and sends the emergency revocation. The workflow's
 * validators decide; refusals come back as 409/422 problems (TemporalGateway).
 */
import { Inject, Injectable } from '@nestjs/common';
import { loadHolidays } from '../../../../domain/calendar/holidays';
import { isWorkingDay } from '../../../../domain/calendar/working-days';
import type { AppConfig } from '../../../../config/env';
import {
  getOffboardingQuery,
  offboardingWorkflowId,
  revokeNowUpdate,
  type OffboardEmployeeInput,
  type OffboardingView,
} from '../../../../workflows/definitions';
import type { offboardEmployee } from '../../../../workflows/offboard-employee.workflow';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { APP_CONFIG } from '../infra/tokens';
import { DateRulesService } from '../http/date-rules.service';
import { ProblemException } from '../http/problem';
import type { OffboardingResponseDto, RevokeNowDto, StartOffboardingDto } from './offboarding.dto';
import { OffboardingResponseDto as Response } from './offboarding.dto';
import { OffboardingRepository, type LeavingRun } from './offboarding.repository';

/** Today in Lomé (UTC+0 all year): the calendar day of the instant. */
const today = () => new Date().toISOString().slice(0, 10);
const LOME = 'Africa/Lome';

@Injectable()
export class OffboardingService {
  constructor(
    private readonly runs: OffboardingRepository,
    private readonly temporal: TemporalGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dates: DateRulesService,
  ) {}

  async start(
    id: string,
    dto: StartOffboardingDto,
    caller: Principal,
  ): Promise<OffboardingResponseDto> {
    const run = await this.run(id);
    this.assertLastDay(dto.lastDay);
    return this.ensureStarted(run, dto.lastDay, dto.reason, caller);
  }

  /**
   * The shared rule for dates people send (domain/calendar/date-rules.ts): later than today and
   * within the horizon; today itself is allowed, a person may leave on the day HR records it.
   * And a working day of the calendar (holidays included).
   */
  assertLastDay(lastDay: string): void {
    if (lastDay < today())
      throw ProblemException.validation([{ name: 'lastDay', reason: 'must not be in the past' }]);
    if (lastDay !== today()) this.dates.assertLaterDate('lastDay', lastDay, LOME);
    const { dates } = loadHolidays(
      this.config.journey.holidaysCountry,
      this.config.journey.extraHolidays,
    );
    if (!isWorkingDay(lastDay, dates))
      throw ProblemException.validation([{ name: 'lastDay', reason: 'must be a working day' }]);
  }

  /** Emergency leave: starts the journey (last day today) when none exists, then revokes now. */
  async revokeNow(
    id: string,
    dto: RevokeNowDto,
    caller: Principal,
  ): Promise<OffboardingResponseDto> {
    const run = await this.run(id);
    const started = await this.ensureStarted(run, today(), dto.reason, caller);
    await this.temporal.update(started.workflowId, revokeNowUpdate, {
      reason: dto.reason,
      actor: TemporalGateway.actor(caller),
    });
    return this.view(started.workflowId, started.lastDay);
  }

  private async run(id: string): Promise<LeavingRun> {
    const run = await this.runs.findRun(id);
    if (!run) throw ProblemException.notFound(`Onboarding run ${id}`);
    return run;
  }

  /** Idempotent per person: an existing journey (running or ended) is answered as it is. */
  private async ensureStarted(
    run: LeavingRun,
    lastDay: string,
    reason: string,
    caller: Principal,
  ): Promise<OffboardingResponseDto> {
    const workflowId = offboardingWorkflowId(run.hireId);
    const input: OffboardEmployeeInput = {
      runId: run.id,
      hireId: run.hireId,
      techLeadSub: run.techLeadSub ?? undefined,
      lastDay,
      startedBy: caller.sub,
      source: 'HR',
    };
    const runId = await this.temporal.start<typeof offboardEmployee>(
      'offboardEmployee',
      workflowId,
      [input],
      'FAIL',
    );
    if (runId === undefined) return this.view(workflowId, lastDay);
    await this.runs.auditStart(run.id, caller.sub, workflowId, { lastDay, reason, runId });
    return { ...(await this.view(workflowId, lastDay)), lastDay };
  }

  /** The journey as the workflow holds it; just started, it may not answer yet: shown scheduled. */
  private async view(workflowId: string, lastDay: string): Promise<OffboardingResponseDto> {
    let view: OffboardingView;
    try {
      view = await this.temporal.query(workflowId, getOffboardingQuery);
    } catch {
      view = { status: 'SCHEDULED', lastDay, emergency: false, verifications: 0, tasks: [] };
    }
    return Response.map(workflowId, view);
  }
}
