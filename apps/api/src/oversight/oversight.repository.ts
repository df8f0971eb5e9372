/** Reads for the head of the Digital Factory: escalated tasks and counts over every run. */
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import type { EscalationReason } from './dto/oversight.dto';
import { ESCALATED_TASKS } from './oversight.sql';

export interface EscalationRow {
  task_id: string;
  run_id: string;
  step_id: string;
  kind: string;
  assignee_role: string;
  due_at: Date | null;
  hire_name: string;
  tech_lead_name: string | null;
  plan: unknown;
  reason: EscalationReason;
  since: Date;
}

const ACTIVE = Prisma.sql`r.status IN ('PENDING', 'RUNNING', 'PAUSED')`;
/** The trial statuses the run page flags as at risk (TrialStatusDto.atRisk). */
const TRIAL_AT_RISK = Prisma.sql`('DECISION_OPEN', 'AWAITING_COSIGN', 'LAPSED')`;

@Injectable()
export class OversightRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Oldest escalation first: what waits longest on the head of DF comes first. */
  findEscalations(limit: number, offset: number): Promise<EscalationRow[]> {
    return this.prisma.$queryRaw<EscalationRow[]>`
      ${ESCALATED_TASKS} ORDER BY x.since, x.task_id LIMIT ${limit} OFFSET ${offset}`;
  }

  async countEscalations(): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (${ESCALATED_TASKS}) e`;
    return row.n;
  }

  async countsBy(column: 'status' | 'phase'): Promise<{ key: string; count: number }[]> {
    const active = column === 'phase' ? Prisma.sql`WHERE ${ACTIVE}` : Prisma.empty;
    const key = Prisma.raw(`r.${column}::text`);
    return this.prisma.$queryRaw<{ key: string; count: number }[]>`
      SELECT ${key} AS key, count(*)::int AS count FROM onboarding_run r ${active}
       GROUP BY 1 ORDER BY 2 DESC, 1`;
  }

  async countOverdueRuns(now: Date): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM onboarding_run r
       WHERE ${ACTIVE} AND EXISTS (SELECT 1 FROM task t WHERE t.run_id = r.id
             AND t.status = 'OPEN' AND t.due_at < ${now}::timestamptz)`;
    return row.n;
  }

  async countTrialsAtRisk(): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM run_step s JOIN onboarding_run r ON r.id = s.run_id
       WHERE ${ACTIVE} AND s.kind = 'TRIAL' AND s.data->>'status' IN ${TRIAL_AT_RISK}`;
    return row.n;
  }
}
