/** Reads of IT's provisioning queue and the records a grant retry needs. */
import { Inject, Injectable } from '@nestjs/common';
import { recordAudit } from '../../../../prisma/audit';
import { Prisma, type PrismaClient } from '../../../../prisma/client';
import { PRISMA } from '../infra/tokens';
import { failedGrantNotice } from '../oversight/oversight.sql';

export interface GrantTaskRow {
  task_id: string;
  run_id: string;
  step_id: string;
  due_at: Date | null;
  hire_name: string;
  plan: unknown;
}

export interface DriftRow {
  run_id: string;
  run_status: string;
  step_id: string;
  system: string;
  expected: string;
  observed: string;
  verified_at: Date;
  hire_name: string;
  plan: unknown;
}

const failedNotice = Prisma.sql`EXISTS (SELECT 1 FROM email_log e
  WHERE e.run_id = t.run_id AND ${failedGrantNotice('IT')})`;

const grantTasks = (failed: boolean) => Prisma.sql`
  FROM task t
  JOIN onboarding_run r ON r.id = t.run_id
  JOIN hire h ON h.id = r.hire_id
  LEFT JOIN plan p ON p.id = r.plan_id
 WHERE t.status = 'OPEN' AND t.kind = 'PROVISION_ACCESS'
   AND r.status IN ('PENDING', 'RUNNING', 'PAUSED')
   AND ${failed ? failedNotice : Prisma.sql`NOT ${failedNotice}`}`;

/** The checks that drifted in the latest verification of each run (audit `access.verified`). */
const DRIFTS = Prisma.sql`
  FROM (SELECT DISTINCT ON (a.run_id) a.run_id, a.at, a.after
          FROM audit_event a WHERE a.action = 'access.verified'
         ORDER BY a.run_id, a.at DESC, a.id DESC) l
  CROSS JOIN LATERAL jsonb_array_elements(l.after->'checks') c
  JOIN onboarding_run r ON r.id = l.run_id
  JOIN hire h ON h.id = r.hire_id
  LEFT JOIN plan p ON p.id = r.plan_id
 WHERE (c->>'drift')::boolean`;

@Injectable()
export class ProvisioningRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Due first: the grant the hire waits on longest comes first. */
  async findGrantTasks(failed: boolean, limit: number, offset: number) {
    const [rows, [count]] = await Promise.all([
      this.prisma.$queryRaw<GrantTaskRow[]>`
        SELECT t.id AS task_id, t.run_id, t.step_id, t.due_at, h.full_name AS hire_name,
               p.definition AS plan
        ${grantTasks(failed)} ORDER BY t.due_at NULLS LAST, t.id LIMIT ${limit} OFFSET ${offset}`,
      this.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${grantTasks(failed)}`,
    ]);
    return { rows, total: count.n };
  }

  /** Newest verification first. */
  async findDrifts(limit: number, offset: number) {
    const [rows, [count]] = await Promise.all([
      this.prisma.$queryRaw<DriftRow[]>`
        SELECT l.run_id, r.status::text AS run_status, c->>'stepId' AS step_id,
               c->>'system' AS system, c->>'expected' AS expected, c->>'observed' AS observed,
               l.at AS verified_at, h.full_name AS hire_name, p.definition AS plan
        ${DRIFTS} ORDER BY l.at DESC, l.run_id, 3 LIMIT ${limit} OFFSET ${offset}`,
      this.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${DRIFTS}`,
    ]);
    return { rows, total: count.n };
  }

  /** The manual task of a grant step with its run, and whether its connector failed. */
  async findGrantTask(runId: string, stepId: string) {
    const task = await this.prisma.task.findUnique({
      where: { runId_taskKey: { runId, taskKey: `${stepId}:provision` } },
      include: {
        run: {
          select: {
            id: true,
            workflowId: true,
            techLeadSub: true,
            timeZone: true,
            hire: { select: { id: true, email: true } },
            plan: { select: { definition: true } },
          },
        },
      },
    });
    if (!task) return null;
    const failed = await this.prisma.emailLog.findUnique({
      where: { idempotencyKey: `${runId}:notice:${stepId}:failed:IT` },
      select: { id: true },
    });
    return { task, run: task.run, failed: failed !== null };
  }

  async auditRetry(
    runId: string,
    stepId: string,
    actor: string,
    after: Record<string, string | null>,
  ): Promise<void> {
    await recordAudit(this.prisma, {
      runId,
      actor,
      action: 'access.grant_retried',
      entityType: 'access_grant',
      entityId: stepId,
      after,
    });
  }
}
