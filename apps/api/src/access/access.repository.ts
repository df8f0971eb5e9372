/** Database reads of the access module: the run a verification or a guide change addresses. */
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

export interface RunTarget {
  id: string;
  workflowId: string;
  status: string;
  techLeadSub: string | null;
  planId: string | null;
}

@Injectable()
export class AccessRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findRunTarget(id: string): Promise<RunTarget | null> {
    return this.prisma.onboardingRun.findUnique({
      where: { id },
      select: { id: true, workflowId: true, status: true, techLeadSub: true, planId: true },
    });
  }
}
