/**
 * Named peer guides of codebase tours (docs/journey.md, "Named peer guides"). HR names them at
 * start (`tourGuides` of POST /v1/onboardings) or while the run is in flight (the
 * assignTourGuide Update, whose validator has the last word). Contacts live in `tour_guide`;
 * the workflow receives the subject only.
 */
import { Injectable } from '@nestjs/common';
import { parsePlan } from '../../../../domain/plans/plan.schema';
import { assignTourGuideUpdate } from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { TemporalGateway } from '../infra/temporal-gateway';
import { ProblemException } from '../http/problem';
import type { TourGuideDto } from './dto/tour-guide.dto';
import { TourGuideResponseDto } from './dto/tour-guide.dto';
import { TourGuidesRepository, type GuidedRun } from './tour-guides.repository';

const CLOSED = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

@Injectable()
export class TourGuidesService {
  constructor(
    private readonly guides: TourGuidesRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  /** The start payload's list, keyed by step id; a step named twice is a 422. */
  static byStep(
    list: (TourGuideDto & { stepId: string })[] | undefined,
  ): Record<string, TourGuideDto> {
    const byStep: Record<string, TourGuideDto> = {};
    list?.forEach(({ stepId, ...guide }, i) => {
      if (byStep[stepId]) {
        throw ProblemException.validation([
          { name: `tourGuides[${i}].stepId`, reason: `${stepId} is named twice` },
        ]);
      }
      byStep[stepId] = guide;
    });
    return byStep;
  }

  /** Ids of the plan's tours that a peer guides (`tour.guide.role: PEER`). */
  async peerTours(planId: string | null): Promise<Set<string>> {
    const definition = planId ? await this.guides.findPlanDefinition(planId) : undefined;
    if (!definition) return new Set();
    const steps = parsePlan(definition).phases.flatMap((p) => p.steps);
    return new Set(
      steps.flatMap((s) =>
        s.kind === 'CODEBASE_TOUR' && s.tour.guide.role === 'PEER' ? [s.id] : [],
      ),
    );
  }

  /** 422 naming `tourGuides.<stepId>` for a step that is not a peer tour of the plan. */
  async checkAtStart(planId: string, tourGuides: Record<string, TourGuideDto> = {}): Promise<void> {
    const tours = await this.peerTours(planId);
    const wrong = Object.keys(tourGuides).filter((id) => !tours.has(id));
    if (wrong.length) {
      throw ProblemException.validation(
        wrong.map((id) => ({ name: 'tourGuides', reason: `${id} is not a tour guided by a peer` })),
      );
    }
  }

  /** Idempotent (upsert per step): a retried start records the same guides again. */
  async recordAtStart(
    runId: string,
    tourGuides: Record<string, TourGuideDto> | undefined,
    actor: string,
  ): Promise<void> {
    for (const [stepId, guide] of Object.entries(tourGuides ?? {})) {
      const before = await this.guides.findGuide(runId, stepId);
      if (before?.sub === guide.sub && before.email === guide.email) continue;
      await this.guides.saveContact(runId, stepId, guide, actor);
      await this.guides.audit(runId, stepId, actor, before, guide);
    }
  }

  /** The workflow input's `tourGuides`: subjects only. */
  async subjectsOf(runId: string): Promise<Record<string, string> | undefined> {
    const rows = await this.guides.findGuides(runId);
    return rows.length ? Object.fromEntries(rows.map((g) => [g.stepId, g.sub])) : undefined;
  }

  async list(runId: string): Promise<TourGuideResponseDto[]> {
    await this.run(runId, false);
    return (await this.guides.findGuides(runId)).map((g) => TourGuideResponseDto.map(g));
  }

  /**
   * The contact is saved first (the workflow's reassignment email reads it), then the Update;
   * a refusal puts the previous contact back. Audited once accepted.
   */
  async assign(
    runId: string,
    stepId: string,
    dto: TourGuideDto,
    caller: Principal,
  ): Promise<TourGuideResponseDto> {
    const run = await this.run(runId, true);
    if (!(await this.peerTours(run.planId)).has(stepId)) {
      throw ProblemException.validation([
        { name: 'stepId', reason: 'not a tour guided by a peer in the plan of this run' },
      ]);
    }
    const before = await this.guides.findGuide(runId, stepId);
    const saved = await this.guides.saveContact(runId, stepId, dto, caller.sub);
    try {
      await this.temporal.update(run.workflowId, assignTourGuideUpdate, {
        stepId,
        guideSub: dto.sub,
        actor: TemporalGateway.actor(caller),
      });
    } catch (err) {
      await this.guides.restore(runId, stepId, before);
      throw err;
    }
    await this.guides.audit(runId, stepId, caller.sub, before, dto);
    return TourGuideResponseDto.map(saved);
  }

  private async run(id: string, open: boolean): Promise<GuidedRun> {
    const run = await this.guides.findRun(id);
    if (!run) throw ProblemException.notFound(`Onboarding run ${id}`);
    if (open && CLOSED.has(run.status)) {
      throw ProblemException.conflict(`The run is ${run.status}`, { code: 'RunClosed' });
    }
    return run;
  }
}
