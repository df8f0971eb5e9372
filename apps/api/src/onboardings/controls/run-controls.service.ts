/**
 * Controls of a running journey. Each sends its Update or Signal to the run's workflow through
 * TemporalGateway (whose validators decide and refuse as 409/422 problems) and answers the run as
 * the read model shows it. Nothing here writes the run: the workflow's activities project and
 * audit each change — except the tech lead's contact details, which the workflow never holds.
 */
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  OFFBOARDING_WORKFLOW_ID_PREFIX,
  cancelRunUpdate,
  changeStartDateUpdate,
  pauseSignal,
  reassignTechLeadUpdate,
  resumeSignal,
} from '../../../../../workflows/definitions';
import type { Principal } from '../../auth/roles';
import { TemporalGateway } from '../../infra/temporal-gateway';
import { ProblemException } from '../../http/problem';
import type { OnboardingDetailResponseDto } from '../dto/onboarding-detail-response.dto';
import type {
  CancelOnboardingDto,
  ChangeStartDateDto,
  ReassignTechLeadDto,
} from '../dto/run-control.dto';
import { OnboardingsRepository, type RunControlTarget } from '../onboardings.repository';
import { RunQueriesService } from '../read/run-queries.service';
import { DateRulesService } from '../../http/date-rules.service';

/**
 * The cancel and start-date Updates return once the workflow has decided, a moment before its
 * activity writes the read model. The answer waits (bounded) for that write so that it shows the
 * change; past the bound it answers the run as it stands (the change is accepted either way).
 */
export const PROJECTION_WAIT_MS = 5_000;

const CLOSED = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

@Injectable()
export class RunControlsService {
  constructor(
    private readonly runs: OnboardingsRepository,
    private readonly temporal: TemporalGateway,
    private readonly queries: RunQueriesService,
    private readonly dates: DateRulesService,
  ) {}

  /** Waits for compensation (grants revoked, open tasks cancelled) inside the workflow. */
  async cancel(
    id: string,
    dto: CancelOnboardingDto,
    caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    const run = await this.openRun(id);
    await this.temporal.update(run.workflowId, cancelRunUpdate, {
      reason: dto.reason,
      actor: TemporalGateway.actor(caller),
    });
    return this.answer(id, caller, (r) => r.status === 'CANCELLED');
  }

  /** Signals: accepted at once; the workflow ignores a pause of a paused run (and vice versa). */
  async pause(id: string, caller: Principal): Promise<OnboardingDetailResponseDto> {
    const run = await this.openRun(id);
    await this.temporal.signal(run.workflowId, pauseSignal, {
      actor: TemporalGateway.actor(caller),
    });
    return this.queries.detail(id, caller, { fresh: true });
  }

  async resume(id: string, caller: Principal): Promise<OnboardingDetailResponseDto> {
    const run = await this.openRun(id);
    await this.temporal.signal(run.workflowId, resumeSignal, {
      actor: TemporalGateway.actor(caller),
    });
    return this.queries.detail(id, caller, { fresh: true });
  }

  async changeStartDate(
    id: string,
    dto: ChangeStartDateDto,
    caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    const run = await this.openRun(id);
    // The same rule as at start (late window, horizon), in the run's own time zone.
    this.dates.assertStartDate('startDate', dto.startDate, run.timeZone);
    await this.temporal.update(run.workflowId, changeStartDateUpdate, {
      startDate: dto.startDate,
      actor: TemporalGateway.actor(caller),
    });
    return this.answer(id, caller, (r) => isoDay(r.startDate) === dto.startDate);
  }

  /** The workflow's handler projects the new subject before it returns; contact details follow. */
  async reassignTechLead(
    id: string,
    dto: ReassignTechLeadDto,
    caller: Principal,
  ): Promise<OnboardingDetailResponseDto> {
    const run = await this.openRun(id);
    await this.temporal.update(run.workflowId, reassignTechLeadUpdate, {
      techLeadSub: dto.sub,
      actor: TemporalGateway.actor(caller),
    });
    await this.runs.recordTechLeadContact(id, dto, caller.sub);
    return this.answer(id, caller, (r) => r.techLeadSub === dto.sub);
  }

  /** A run the read model already shows closed is refused without asking Temporal. */
  private async openRun(id: string): Promise<RunControlTarget> {
    const run = await this.runs.findRunControlTarget(id);
    if (!run) throw ProblemException.notFound(`Onboarding run ${id}`);
    if (CLOSED.has(run.status)) {
      throw ProblemException.conflict(`The run is ${run.status}`, { code: 'RunClosed' });
    }
    // The run of a person offboarded without an onboarding run holds only their leaving journey.
    if (run.workflowId.startsWith(OFFBOARDING_WORKFLOW_ID_PREFIX)) {
      throw ProblemException.conflict(
        'This run is a leaving journey only: see /v1/offboardings/{id} and …/offboarding/revoke-now',
        { code: 'LeavingJourneyOnly', offboarding: `/v1/offboardings/${id}` },
      );
    }
    return run;
  }

  private async answer(
    id: string,
    caller: Principal,
    projected: (run: RunControlTarget) => boolean,
  ): Promise<OnboardingDetailResponseDto> {
    const deadline = Date.now() + PROJECTION_WAIT_MS;
    for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
      const run = await this.runs.findRunControlTarget(id);
      if (!run || projected(run)) break;
      await sleep(delay);
    }
    return this.queries.detail(id, caller, { fresh: true });
  }
}
