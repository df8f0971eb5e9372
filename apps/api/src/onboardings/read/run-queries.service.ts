/** Rules for reading runs: who sees what, filters, pagination. PostgreSQL only. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/roles';
import { ProblemException } from '../../problem/problem';
import type { ListOnboardingsQueryDto } from '../dto/list-onboardings.query.dto';
import { OnboardingDetailResponseDto } from '../dto/onboarding-detail-response.dto';
import { OnboardingListResponseDto } from '../dto/onboarding-list-response.dto';
import { OnboardingResponseDto } from '../dto/onboarding-response.dto';
import { decodeCursor, encodeCursor } from './run-cursor';
import { ReadCacheService } from './read-cache.service';
import { RunReadRepository, type RunListFilter } from './run-read.repository';
import { canSee, visibilityOf } from './run-visibility';

export const DEFAULT_PAGE_SIZE = 20;

const day = (text: string | undefined) => (text ? new Date(`${text}T00:00:00Z`) : undefined);

@Injectable()
export class RunQueriesService {
  /** Step counts by plan version: versions are immutable, so the cache never goes stale. */
  private readonly planSteps = new Map<string, number>();

  constructor(
    private readonly runs: RunReadRepository,
    private readonly readCache: ReadCacheService,
  ) {}

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
    const visibility = visibilityOf(caller);
    const cache = this.readCache.cache;
    const now = Date.now();
    // The overdue filter depends on the clock: such pages are never kept.
    const key =
      filter.overdue === undefined
        ? JSON.stringify([visibility, filter, query.cursor ?? null, limit])
        : undefined;
    const cached = key === undefined ? undefined : cache.getPage(key, now);
    if (cached) return cached;
    const read = async (): Promise<OnboardingListResponseDto> => {
      const ticket = cache.ticket();
      // One row more than asked tells whether another page exists.
      const rows = await this.runs.listVisibleRuns(
        visibility,
        filter,
        cursor,
        limit + 1,
        new Date(now),
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const result: OnboardingListResponseDto = {
        items: page.map((run) => OnboardingResponseDto.map(run)),
        nextCursor: rows.length > limit ? encodeCursor(last) : null,
      };
      if (key !== undefined) cache.putPage(key, result, ticket, now);
      return result;
    };
    return key === undefined ? read() : cache.coalesce(`list ${key}`, read);
  }

  /** A run out of the caller's sight answers 404, exactly like a missing one: no existence leak. */
  async detail(id: string, caller: Principal): Promise<OnboardingDetailResponseDto> {
    const visibility = visibilityOf(caller);
    const cache = this.readCache.cache;
    const now = Date.now();
    const cached = cache.getRun(id, now);
    if (cached) {
      if (!canSee(visibility, cached)) throw ProblemException.notFound(`Onboarding run ${id}`);
      return cached.dto;
    }
    const dto = await cache.coalesce(`detail ${id} ${JSON.stringify(visibility)}`, async () => {
      const ticket = cache.ticket();
      const found = await this.runs.findVisibleRunDetail(id, visibility, new Date(now));
      if (!found) return null;
      const planSteps = await this.stepsOfPlan(found.run.plan?.id);
      const detail = OnboardingDetailResponseDto.mapDetail(found.run, found.timeline, planSteps);
      // Kept until a change is announced, or until the next open task falls past due.
      const entry = {
        dto: detail,
        techLeadSub: found.run.techLeadSub,
        hireEmail: found.run.hire.email,
      };
      cache.putRun(id, entry, ticket, now, found.nextDueAt?.getTime());
      return detail;
    });
    if (!dto) throw ProblemException.notFound(`Onboarding run ${id}`);
    return dto;
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
