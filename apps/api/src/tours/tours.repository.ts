/** Database reads of the tours: the run, its plan snapshot, its tour steps and named guides. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

export interface TourRun {
  id: string;
  status: string;
  startDate: Date;
  timeZone: string;
  techLeadSub: string | null;
  techLeadName: string | null;
  hire: { fullName: string; email: string };
  plan: { definition: unknown } | null;
  steps: { stepId: string; status: string; dueAt: Date | null }[];
  guides: Map<string, string>;
}

@Injectable()
export class ToursRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async findRunWithTours(id: string): Promise<TourRun | null> {
    const run = await this.prisma.onboardingRun.findUnique({
      where: { id },
      select: {
        id: true,
        status: true,
        startDate: true,
        timeZone: true,
        techLeadSub: true,
        techLeadName: true,
        hire: { select: { fullName: true, email: true } },
        plan: { select: { definition: true } },
        steps: {
          where: { kind: 'CODEBASE_TOUR' },
          select: { stepId: true, status: true, dueAt: true },
        },
      },
    });
    if (!run) return null;
    const guides = await this.prisma.tourGuide.findMany({
      where: { runId: id },
      select: { stepId: true, name: true },
    });
    return { ...run, guides: new Map(guides.map((g) => [g.stepId, g.name])) };
  }
}
