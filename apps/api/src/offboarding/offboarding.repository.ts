/** The run a leaving journey belongs to, and the audit of its start. */
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { recordAudit } from '../../../../prisma/audit';

export interface LeavingRun {
  id: string;
  hireId: string;
  techLeadSub: string | null;
}

@Injectable()
export class OffboardingRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findRun(id: string): Promise<LeavingRun | null> {
    return this.prisma.onboardingRun.findUnique({
      where: { id },
      select: { id: true, hireId: true, techLeadSub: true },
    });
  }

  async auditStart(
    runId: string,
    actor: string,
    workflowId: string,
    after: Prisma.InputJsonObject,
  ): Promise<void> {
    await recordAudit(this.prisma, {
      runId,
      actor,
      action: 'offboarding.started',
      entityType: 'offboarding',
      entityId: workflowId.replace(/^offboarding-.*/, 'offboarding'),
      after,
    });
  }
}
