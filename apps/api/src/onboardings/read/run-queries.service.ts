/** Rules for reading runs: who sees what, filters, pagination. PostgreSQL only. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/roles';
import { ProblemException } from '../../problem/problem';
import type { ListOnboardingsQueryDto } from '../dto/list-onboardings.query.dto';
import { OnboardingDetailResponseDto } from '../dto/onboarding-detail-response.dto';
import { OnboardingListResponseDto } from '../dto/onboarding-list-response.dto';
import { OnboardingResponseDto } from '../dto/onboarding-response.dto';
import { decodeCursor, encodeCursor } from './run-cursor';
import { RunReadRepository, type RunListFilter } from './run-read.repository';
import { visibilityOf } from './run-visibility';

export const DEFAULT_PAGE_SIZE = 20;

const day = (text: string | undefined) => (text ? new Date(`${text}T00:00:00Z`) : undefined);

@Injectable()
export class RunQueriesService {
  /** Step counts by plan version: versions are immutable, so the cache never goes stale. */
  private readonly planSteps = new Map<string, number>();

  constructor(private readonly runs: RunReadRepository) {}

  async list(
    query: ListOnboardingsQueryDto,
    caller: Principal,
  ): Promise<OnboardingListResponseDto> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) {
      throw ProblemException.validation([
        { name: 'cursor', reason: 'is not a cursor of this list' },
      ]);
    }
    if (query.startDateFrom && query.startDateTo && query.startDateFrom > query.startDateTo) {
      throw ProblemException.validation([
        { name: 'startDateTo', reason: 'must not be before startDateFrom' },
      ]);
    }
    const filter: RunListFilter = {
      status: query.status,
      phase: query.phase,
      techLeadSub: query.techLead,
      overdue: query.overdue,
      startDateFrom: day(query.startDateFrom),
      startDateTo: day(query.startDateTo),
    };
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One row more than asked tells whether another page exists.
    const rows = await this.runs.listVisibleRuns(
      visibilityOf(caller),
      filter,
      cursor,
      limit + 1,
      new Date(),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((run) => OnboardingResponseDto.map(run)),
      nextCursor: rows.length > limit ? encodeCursor(last) : null,
    };
  }

  /** A run out of the caller's sight answers 404, exactly like a missing one: no existence leak. */
  async detail(id: string, caller: Principal): Promise<OnboardingDetailResponseDto> {
    const found = await this.runs.findVisibleRunDetail(id, visibilityOf(caller), new Date());
    if (!found) throw ProblemException.notFound(`Onboarding run ${id}`);
    const planSteps = await this.stepsOfPlan(found.run.plan?.id);
    return OnboardingDetailResponseDto.mapDetail(found.run, found.timeline, planSteps);
  }

  private async stepsOfPlan(planId: string | undefined): Promise<number> {
    if (!planId) return 0;
    let count = this.planSteps.get(planId);
    if (count === undefined) {
      count = await this.runs.countPlanSteps(planId);
      this.planSteps.set(planId, count);
    }
    return count;
  }
}
