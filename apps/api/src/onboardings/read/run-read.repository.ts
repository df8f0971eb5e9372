/**
 * Reads of the run list and run detail from the read model (PostgreSQL only, never workflow
 * queries). Every method takes the caller's RunVisibility, so a run out of sight is never read.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient, RunStatus } from '../../../../../prisma/client';
import { PRISMA } from '../../infra/tokens';
import type { RunCursor } from './run-cursor';
import { planStepCount } from './run-progress';
import type { RunVisibility } from './run-visibility';

export interface RunListFilter {
  status?: RunStatus;
  phase?: string;
  techLeadSub?: string;
  /** true: runs with an open task past due at `now`; false: runs without one. */
  overdue?: boolean;
  startDateFrom?: Date;
  startDateTo?: Date;
}

const listInclude = { hire: true } satisfies Prisma.OnboardingRunInclude;
export type RunListRow = Prisma.OnboardingRunGetPayload<{ include: typeof listInclude }>;

const detailInclude = (now: Date) =>
  ({
    hire: true,
    plan: { select: { id: true, key: true, version: true } },
    steps: { orderBy: [{ dueAt: 'asc' }, { stepId: 'asc' }] },
    tasks: { where: overdueTask(now), orderBy: [{ dueAt: 'asc' }, { taskKey: 'asc' }] },
  }) satisfies Prisma.OnboardingRunInclude;
export type RunDetailRow = Prisma.OnboardingRunGetPayload<{
  include: ReturnType<typeof detailInclude>;
}>;
export type AuditRow = Prisma.AuditEventGetPayload<object>;

function overdueTask(now: Date) {
  return { status: 'OPEN', dueAt: { lt: now } } satisfies Prisma.TaskWhereInput;
}

function visibleTo(v: RunVisibility): Prisma.OnboardingRunWhereInput {
  if (v.all) return {};
  const anyOf: Prisma.OnboardingRunWhereInput[] = [];
  if (v.techLeadSub) anyOf.push({ techLeadSub: v.techLeadSub });
  if (v.hireEmail) anyOf.push({ hire: { email: v.hireEmail } });
  return anyOf.length > 0 ? { OR: anyOf } : { id: { in: [] } };
}

function matching(f: RunListFilter, now: Date): Prisma.OnboardingRunWhereInput {
  return {
    status: f.status,
    phase: f.phase,
    techLeadSub: f.techLeadSub,
    startDate:
      f.startDateFrom || f.startDateTo ? { gte: f.startDateFrom, lte: f.startDateTo } : undefined,
    // Prisma renders relation filters as an EXISTS-style subquery on task(run_id, status, due_at).
    tasks:
      f.overdue === undefined
        ? undefined
        : f.overdue
          ? { some: overdueTask(now) }
          : { none: overdueTask(now) },
  };
}

function after(cursor: RunCursor | undefined): Prisma.OnboardingRunWhereInput {
  if (!cursor) return {};
  return {
    OR: [
      { createdAt: { lt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { lt: cursor.id } },
    ],
  };
}

@Injectable()
export class RunReadRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Newest first by (created_at, id); `take` rows strictly after the cursor. */
  listVisibleRuns(
    visibility: RunVisibility,
    filter: RunListFilter,
    cursor: RunCursor | undefined,
    take: number,
    now: Date,
  ): Promise<RunListRow[]> {
    return this.prisma.onboardingRun.findMany({
      where: { AND: [visibleTo(visibility), matching(filter, now), after(cursor)] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
      include: listInclude,
    });
  }

  findVisibleRunDetail(
    id: string,
    visibility: RunVisibility,
    now: Date,
  ): Promise<RunDetailRow | null> {
    return this.prisma.onboardingRun.findFirst({
      where: { AND: [{ id }, visibleTo(visibility)] },
      include: detailInclude(now),
    });
  }

  /** Steps in a stored plan version (plan versions are immutable: callers may cache it). */
  async countPlanSteps(planId: string): Promise<number> {
    const plan = await this.prisma.plan.findUnique({
      where: { id: planId },
      select: { definition: true },
    });
    return planStepCount(plan?.definition);
  }

  /** The run's audit trail in the order it was written. */
  findRunTimeline(runId: string): Promise<AuditRow[]> {
    return this.prisma.auditEvent.findMany({
      where: { runId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
  }
}
