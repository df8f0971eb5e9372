/** Database access for a run's audit trail (index audit_event (run_id, at)). */
import { Inject, Injectable } from '@nestjs/common';
import type { AuditEvent, PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';

@Injectable()
export class AuditRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async runExists(runId: string): Promise<boolean> {
    const run = await this.prisma.onboardingRun.findUnique({
      where: { id: runId },
      select: { id: true },
    });
    return run !== null;
  }

  findEventsOfRun(runId: string): Promise<AuditEvent[]> {
    return this.prisma.auditEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
  }
}
