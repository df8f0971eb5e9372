/**
 * Database side of the leaving journey of a person with no onboarding run: the person and the run
 * that carries their leaving journey (workflow id `offboarding-<hireId>`, phase LEAVING), the
 * grants HR gave, the pinned leaving plan, and what `GET /v1/offboardings/{id}` reads.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../prisma/client';
import { offboardingWorkflowId } from '../../../../workflows/definitions';
import { leavingPlanAt } from '../../../../activities/leaving-plan';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

export interface NewDirectOffboarding {
  person: { fullName: string; email: string; locale: string; username?: string };
  techLead: { sub: string; email: string; name: string };
  lastDay: string;
  reason: string;
  grants: { system: string; scope: string }[];
  discover: boolean;
  plan: { key: string; version: number };
  createdBy: string;
}

export interface PersonRun {
  id: string;
  hireId: string;
  workflowId: string;
  status: string;
  techLeadSub: string | null;
}

/** Given grants are recorded under this step id prefix (`given-<system>`). */
export const GIVEN_PREFIX = 'given-';

/** What the `offboarding.started` audit event recorded. */
export interface StartRecord {
  lastDay?: string;
  plan?: string;
  discover?: boolean;
}

export class PersonTakenError extends Error {}

@Injectable()
export class DirectOffboardingRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async findPersonRun(email: string): Promise<PersonRun | null | undefined> {
    const hire = await this.prisma.hire.findUnique({
      where: { email },
      select: {
        run: {
          select: { id: true, hireId: true, workflowId: true, status: true, techLeadSub: true },
        },
      },
    });
    // undefined: nobody with this email; null: a person without a run (never written by the API).
    return hire ? hire.run : undefined;
  }

  latestLeavingPlan(key: string): Promise<{ key: string; version: number } | null> {
    return this.prisma.plan.findFirst({
      where: { key, kind: 'LEAVING' },
      orderBy: { version: 'desc' },
      select: { key: true, version: true },
    });
  }

  /** Person, run, given grants and the audit of the start, atomically (PersonTakenError on a race). */
  async create(input: NewDirectOffboarding): Promise<PersonRun> {
    const hireId = randomUUID();
    try {
      return await this.prisma.$transaction(async (tx) => {
        await tx.hire.create({ data: { id: hireId, ...input.person } });
        const run = await tx.onboardingRun.create({
          data: {
            hireId,
            workflowId: offboardingWorkflowId(hireId),
            phase: 'LEAVING',
            startDate: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`),
            createdBy: input.createdBy,
            techLeadSub: input.techLead.sub,
            techLeadEmail: input.techLead.email,
            techLeadName: input.techLead.name,
          },
          select: { id: true, hireId: true, workflowId: true, status: true, techLeadSub: true },
        });
        for (const g of input.grants)
          await tx.accessGrant.create({
            data: {
              runId: run.id,
              stepId: `${GIVEN_PREFIX}${g.system}`,
              system: g.system,
              scope: g.scope,
              status: 'GRANTED',
              grantedAt: new Date(),
            },
          });
        await recordAudit(tx, {
          runId: run.id,
          actor: input.createdBy,
          action: 'offboarding.started',
          entityType: 'offboarding',
          entityId: 'offboarding',
          after: {
            source: 'DIRECT',
            lastDay: input.lastDay,
            reason: input.reason,
            plan: `${input.plan.key}@${input.plan.version}`,
            grants: input.grants.map((g) => g.system),
            discover: input.discover,
          },
        });
        return run;
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        throw new PersonTakenError();
      throw err;
    }
  }

  /** PENDING (recorded, workflow not yet started) → RUNNING. */
  async markStarted(runId: string): Promise<void> {
    await this.prisma.onboardingRun.updateMany({
      where: { id: runId, status: 'PENDING' },
      data: { status: 'RUNNING' },
    });
  }

  /** The last day and plan the start recorded (shown until the workflow projects its step). */
  async startOf(runId: string): Promise<StartRecord | undefined> {
    const event = await this.prisma.auditEvent.findFirst({
      where: { runId, action: 'offboarding.started' },
      orderBy: { id: 'asc' },
      select: { after: true },
    });
    return (event?.after ?? undefined) as StartRecord | undefined;
  }

  /** Everything the detail shows, from the read model. */
  readDetail(runId: string) {
    return this.prisma.onboardingRun.findUnique({
      where: { id: runId },
      select: {
        id: true,
        workflowId: true,
        techLeadSub: true,
        hire: { select: { fullName: true, email: true } },
        steps: {
          where: { OR: [{ stepId: 'offboarding' }, { stepId: { startsWith: 'leaving-' } }] },
          select: { stepId: true, status: true, dueAt: true, data: true },
        },
      },
    });
  }

  grantsOf(runId: string) {
    return this.prisma.accessGrant.findMany({
      where: { runId },
      orderBy: [{ grantedAt: 'asc' }, { stepId: 'asc' }],
      select: { stepId: true, system: true, scope: true, status: true },
    });
  }

  planDefinition(ref: unknown): Promise<unknown> {
    return leavingPlanAt(this.prisma, ref);
  }
}
