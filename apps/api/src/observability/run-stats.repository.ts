/** Read-model figures for the metrics endpoint, read at scrape time. */
import { Inject, Injectable } from '@nestjs/common';
import { RunStatus, type PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

@Injectable()
export class RunStatsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** SELECT status, count(*) FROM onboarding_run GROUP BY status — every status present, 0 if none. */
  async countRunsByStatus(): Promise<Record<RunStatus, number>> {
    const rows = await this.prisma.onboardingRun.groupBy({
      by: ['status'],
      _count: { _all: true },
    });
    const counts = Object.fromEntries(Object.values(RunStatus).map((s) => [s, 0])) as Record<
      RunStatus,
      number
    >;
    for (const row of rows) counts[row.status] = row._count._all;
    return counts;
  }
}
