/**
 * Rules for reading runs: who sees what, filters, pagination. PostgreSQL only, through the read
 * cache (read-cache.service.ts).
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { toJourneySchedule } from '../../../../../activities/schedule.activities';
import { loadHolidays } from '../../../../../domain/calendar/holidays';
import type { AppConfig } from '../../../../../config/env';
import { loadLeavingPlan } from '../../../../../domain/plans/leaving.schema';
import { parsePlan, type Plan } from '../../../../../domain/plans/plan.schema';
import { APP_CONFIG } from '../../infra/tokens';
import type { Principal } from '../../auth/roles';
import { ProblemException } from '../../http/problem';
import type { ListOnboardingsQueryDto } from '../dto/list-onboardings.query.dto';
import {
  OnboardingDetailResponseDto,
  type RunStepResponseDto,
} from '../dto/onboarding-detail-response.dto';
import {
  OnboardingListItemDto,
  OnboardingListResponseDto,
  type CachedListPage,
} from '../dto/onboarding-list-response.dto';
import { decodeCursor, encodeCursor } from './run-cursor';
import { ReadCacheService } from './read-cache.service';
import { RunReadRepository, type RunListFilter } from './run-read.repository';
import { leavingHiddenFrom, withoutLeaving } from '../dto/trial-offboarding.dto';
import { canSee, visibilityOf, type RunVisibility } from './run-visibility';

export const DEFAULT_PAGE_SIZE = 20;

/** What an entry weighs in the read cache: its JSON text (memory holds the objects, ~2–3×). */
const jsonSize = (value: unknown) => JSON.stringify(value).length;

const day = (text: string | undefined) => (text ? new Date(`${text}T00:00:00Z`) : undefined);
/** The calendar day (UTC, Lomé's time zone) of an instant. */
const isoDayIn = (ms: number) => new Date(ms).toISOString().slice(0, 10);

@Injectable()
export class RunQueriesService {
  /** Step counts by plan version: versions are immutable, so the cache never goes stale. */
  private readonly planSteps = new Map<string, number>();
  /** Parsed plan versions (immutable) and holiday sets by last year covered. */
  private readonly plans = new Map<string, Plan | null>();
  private readonly holidays = new Map<number, ReadonlySet<string>>();
  /** Titles of the leaving plan's tasks by step id (`leaving-<task>`), read once. */
  private leavingTitles?: Map<string, { fr: string; en: string }>;
  private readonly logger = new Logger('RunQueries');

  constructor(
    private readonly runs: RunReadRepository,
    private readonly readCache: ReadCacheService,
    // Without it (unit tests) the detail lists no planned steps.
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
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
      nameContains: query.q,
      planKey: query.plan,
      overdue: query.overdue,
      startDateFrom: day(query.startDateFrom),
      startDateTo: day(query.startDateTo),
      trialEndingBy:
        query.trialEndingWithinDays === undefined
          ? undefined
          : day(isoDayIn(Date.now() + query.trialEndingWithinDays * 86_400_000)),
    };
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const visibility = visibilityOf(caller);
    const cache = this.readCache.cache;
    const now = Date.now();
    // The overdue and trial filters depend on the clock: such pages are never kept.
    const key =
      filter.overdue === undefined && filter.trialEndingBy === undefined
        ? JSON.stringify([visibility, filter, query.cursor ?? null, limit])
        : undefined;
    const read = async (ticket: number): Promise<CachedListPage> => {
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
      const result: CachedListPage = {
        items: page.map((run) => OnboardingListItemDto.mapItem(run)),
        nextCursor: rows.length > limit ? encodeCursor(last) : null,
      };
      if (key !== undefined) cache.putPage(key, result, ticket, now, jsonSize(result));
      return result;
    };
    // `overdue` depends on the clock, so it is decided when answering, cached page or not.
    if (key === undefined) return withOverdue(await read(cache.ticket()), now, caller);
    const cached = cache.getPage(key, now, () => this.inBackground(cache.coalescePage(key, read)));
    return withOverdue(cached ?? (await cache.coalescePage(key, read)), now, caller);
  }

  /**
   * A run out of the caller's sight answers 404, exactly like a missing one: no existence leak.
   * `fresh`: read PostgreSQL now, not the cache nor a read already in flight — for an answer that
   * must show a write this request has just seen committed (its notification may still be on
   * its way).
   */
  async detail(
    id: string,
    caller: Principal,
    options: { fresh?: boolean } = {},
  ): Promise<OnboardingDetailResponseDto> {
    const visibility = visibilityOf(caller);
    const now = Date.now();
    const cache = this.readCache.cache;
    // The renewal reads the run whoever asked: the entry is checked against each caller anyway.
    const cached = options.fresh
      ? undefined
      : cache.getRun(id, now, () => this.inBackground(this.readDetail(id, { all: true }, now)));
    const dto = cached
      ? canSee(visibility, cached) && cached.dto
      : await this.readDetail(id, visibility, now, options.fresh);
    if (!dto) throw ProblemException.notFound(`Onboarding run ${id}`);
    return leavingHiddenFrom(caller, dto.techLead?.sub ?? null) ? withoutLeaving(dto) : dto;
  }

  /** The detail from PostgreSQL, kept in the read cache; null when out of sight or missing. */
  private readDetail(
    id: string,
    visibility: RunVisibility,
    now: number,
    fresh = false,
  ): Promise<OnboardingDetailResponseDto | null> {
    const cache = this.readCache.cache;
    const read = async (ticket: number) => {
      const found = await this.runs.findVisibleRunDetail(id, visibility, new Date(now));
      if (!found) return null;
      const planSteps = await this.stepsOfPlan(found.run.plan?.id);
      const planned = await this.plannedSteps(found.run);
      const mapped = OnboardingDetailResponseDto.mapDetail(
        found.run,
        found.timeline,
        planSteps,
        planned,
      );
      // The leaving steps are the leaving plan's tasks, which the run's plan does not list.
      const dto = {
        ...mapped,
        steps: mapped.steps.map((s) =>
          s.title === null && s.phase === 'LEAVING' ? { ...s, title: this.leavingTitle(s.id) } : s,
        ),
      };
      // Kept until a change is announced, or until the next open task falls past due.
      const entry = { dto, techLeadSub: found.run.techLeadSub, hireEmail: found.run.hire.email };
      cache.putRun(id, entry, ticket, now, found.nextDueAt?.getTime(), jsonSize(dto));
      return dto;
    };
    if (fresh) return read(cache.ticket());
    return cache.coalesceRun(id, `${id} ${JSON.stringify(visibility)}`, read);
  }

  /** A renewal nobody waits for: a failure leaves the entry to expire, and is logged. */
  private inBackground(renewal: Promise<unknown>): void {
    renewal.catch((err: unknown) =>
      this.logger.warn(`read cache renewal failed: ${(err as Error).message}`),
    );
  }

  /**
   * Every step of the run's plan with the due date the schedule gives it from the run's current
   * start date (the worker's computation, activities/schedule.activities.ts): the detail keeps
   * those not opened yet. Titles come from the plan version.
   */
  private async plannedSteps(run: {
    plan: { id: string } | null;
    startDate: Date;
    timeZone: string;
  }): Promise<RunStepResponseDto[]> {
    if (!run.plan || !this.config) return [];
    let plan = this.plans.get(run.plan.id);
    if (plan === undefined) {
      const definition = await this.runs.planDefinition(run.plan.id);
      plan = definition === null ? null : parsePlan(definition);
      this.plans.set(run.plan.id, plan);
    }
    if (!plan) return [];
    const startDate = run.startDate.toISOString().slice(0, 10);
    // As the worker does: two years past the start cover the journey.
    const throughYear = Number(startDate.slice(0, 4)) + 2;
    let holidays = this.holidays.get(throughYear);
    if (!holidays) {
      const { holidaysCountry, extraHolidays } = this.config.journey;
      holidays = loadHolidays(holidaysCountry, extraHolidays, { throughYear }).dates;
      this.holidays.set(throughYear, holidays);
    }
    const titles = new Map(plan.phases.flatMap((p) => p.steps.map((s) => [s.id, s.title])));
    return toJourneySchedule(plan, startDate, run.timeZone, holidays).steps.map((s) => ({
      id: s.id,
      title: titles.get(s.id) ?? null,
      kind: s.kind,
      phase: s.phase,
      status: 'PLANNED',
      dueAt: s.dueAt,
      completedAt: null,
    }));
  }

  private leavingTitle(stepId: string): { fr: string; en: string } | null {
    this.leavingTitles ??= new Map(
      loadLeavingPlan().tasks.map((t) => [`leaving-${t.id}`, t.title] as const),
    );
    return this.leavingTitles.get(stepId) ?? null;
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

/**
 * A run is late when its open task due first is past due now. The trial is dropped for a caller
 * who sees the run only as its hire (as on the detail, leavingHiddenFrom).
 */
function withOverdue(
  page: CachedListPage,
  now: number,
  caller: Principal,
): OnboardingListResponseDto {
  return {
    ...page,
    items: page.items.map((item) => ({
      ...item,
      trial: leavingHiddenFrom(caller, item.techLead?.sub ?? null) ? null : item.trial,
      overdue: item.nextTask !== null && Date.parse(item.nextTask.dueAt) < now,
    })),
  };
}
