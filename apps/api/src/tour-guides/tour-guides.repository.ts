/** All database access for named peer guides (`tour_guide`) and the plan tours they may guide. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient, TourGuide } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

export interface GuideContact {
  sub: string;
  name: string;
  email: string;
  locale: string;
}

export interface GuidedRun {
  id: string;
  workflowId: string;
  status: string;
  planId: string | null;
}

@Injectable()
export class TourGuidesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async findPlanDefinition(planId: string): Promise<unknown> {
    const plan = await this.prisma.plan.findUnique({
      where: { id: planId },
      select: { definition: true },
    });
    return plan?.definition;
  }

  findRun(id: string): Promise<GuidedRun | null> {
    return this.prisma.onboardingRun.findUnique({
      where: { id },
      select: { id: true, workflowId: true, status: true, planId: true },
    });
  }

  findGuides(runId: string): Promise<TourGuide[]> {
    return this.prisma.tourGuide.findMany({ where: { runId }, orderBy: { stepId: 'asc' } });
  }

  findGuide(runId: string, stepId: string): Promise<TourGuide | null> {
    return this.prisma.tourGuide.findUnique({ where: { runId_stepId: { runId, stepId } } });
  }

  /** Writes the contact the workflow's emails will use (before the workflow hears of the change). */
  saveContact(
    runId: string,
    stepId: string,
    guide: GuideContact,
    assignedBy: string,
  ): Promise<TourGuide> {
    const data = { ...guide, assignedBy };
    return this.prisma.tourGuide.upsert({
      where: { runId_stepId: { runId, stepId } },
      create: { runId, stepId, ...data },
      update: data,
    });
  }

  /** Puts back what was there before a change the workflow refused. */
  async restore(runId: string, stepId: string, previous: TourGuide | null): Promise<void> {
    if (!previous) {
      await this.prisma.tourGuide.deleteMany({ where: { runId, stepId } });
      return;
    }
    const { sub, name, email, locale, assignedBy } = previous;
    await this.prisma.tourGuide.update({
      where: { runId_stepId: { runId, stepId } },
      data: { sub, name, email, locale, assignedBy },
    });
  }

  /** Audit: who named whom, by subject and name (the email stays in `tour_guide`). */
  async audit(
    runId: string,
    stepId: string,
    actor: string,
    before: TourGuide | null,
    after: GuideContact,
  ): Promise<void> {
    await recordAudit(this.prisma, {
      runId,
      actor,
      action: 'tour.guide_assigned',
      entityType: 'tour_guide',
      entityId: stepId,
      before: before ? { sub: before.sub, name: before.name } : undefined,
      after: { sub: after.sub, name: after.name },
    });
  }
}
