/** All database access for onboarding runs. Intent-named methods, no catch-all finders. */
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient, type RunStatus } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

export const runWithHire = { hire: true } satisfies Prisma.OnboardingRunInclude;
export type RunWithHire = Prisma.OnboardingRunGetPayload<{ include: typeof runWithHire }>;

/** What a run's summary (OnboardingResponseDto) shows: the read paths select only these. */
export type RunSummary = Pick<
  RunWithHire,
  | 'id'
  | 'workflowId'
  | 'status'
  | 'phase'
  | 'startDate'
  | 'timeZone'
  | 'techLeadSub'
  | 'techLeadEmail'
  | 'techLeadName'
  | 'createdAt'
  | 'updatedAt'
  | 'completedAt'
> & { hire: Pick<RunWithHire['hire'], 'id' | 'fullName' | 'email' | 'locale'> };

export interface NewRun {
  fullName: string;
  email: string;
  locale: string;
  startDate: Date;
  timeZone: string;
  createdBy: string;
  planId: string;
  techLead: { sub: string; email: string; name: string };
  workflowIdFor: (hireId: string) => string;
}

export class DuplicateHireError extends Error {}

/** What a control needs to address a run's workflow and to tell when its change is projected. */
export interface RunControlTarget {
  id: string;
  workflowId: string;
  status: RunStatus;
  startDate: Date;
  timeZone: string;
  techLeadSub: string | null;
}

@Injectable()
export class OnboardingsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findRunByHireEmail(email: string): Promise<RunWithHire | null> {
    return this.prisma.onboardingRun.findFirst({
      where: { hire: { email } },
      include: runWithHire,
    });
  }

  findRunControlTarget(id: string): Promise<RunControlTarget | null> {
    return this.prisma.onboardingRun.findUnique({
      where: { id },
      select: {
        id: true,
        workflowId: true,
        status: true,
        startDate: true,
        timeZone: true,
        techLeadSub: true,
      },
    });
  }

  /**
   * The workflow knows the tech lead by subject only; the contact details the emails need live
   * here. Audited without the address (the timeline carries no emails).
   */
  async recordTechLeadContact(
    runId: string,
    techLead: { sub: string; email: string; name: string },
    actor: string,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.onboardingRun.findUniqueOrThrow({
        where: { id: runId },
        select: { techLeadName: true, techLeadEmail: true },
      });
      await tx.onboardingRun.update({
        where: { id: runId },
        data: { techLeadEmail: techLead.email, techLeadName: techLead.name },
      });
      await recordAudit(tx, {
        runId,
        actor,
        action: 'run.tech-lead-contact',
        entityType: 'onboarding_run',
        entityId: runId,
        before: { name: before.techLeadName },
        after: {
          sub: techLead.sub,
          name: techLead.name,
          emailChanged: before.techLeadEmail !== techLead.email,
        },
      });
    });
  }

  /** Onboarding plans only: a leaving plan (kind LEAVING) cannot start an onboarding run. */
  findLatestPlan(key: string): Promise<{ id: string; version: number } | null> {
    return this.prisma.plan.findFirst({
      where: { key, kind: 'ONBOARDING' },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
  }

  /** Creates hire, run and audit event atomically; a hire that already exists raises DuplicateHireError. */
  async createRun(input: NewRun): Promise<RunWithHire> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const hire = await tx.hire.create({
          data: { fullName: input.fullName, email: input.email, locale: input.locale },
        });
        const run = await tx.onboardingRun.create({
          data: {
            hireId: hire.id,
            workflowId: input.workflowIdFor(hire.id),
            startDate: input.startDate,
            timeZone: input.timeZone,
            createdBy: input.createdBy,
            planId: input.planId,
            techLeadSub: input.techLead.sub,
            techLeadEmail: input.techLead.email,
            techLeadName: input.techLead.name,
          },
          include: runWithHire,
        });
        await recordAudit(tx, {
          runId: run.id,
          actor: input.createdBy,
          action: 'run.created',
          entityType: 'onboarding_run',
          entityId: run.id,
          after: {
            status: run.status,
            startDate: input.startDate.toISOString().slice(0, 10),
            timeZone: input.timeZone,
          },
        });
        return run;
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        throw new DuplicateHireError();
      throw err;
    }
  }
}
