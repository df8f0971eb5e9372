/**
 * Reads of the run list and run detail from the read model (PostgreSQL only, never workflow
 * queries). Every method takes the caller's RunVisibility, so a run out of sight is never read.
 * List and detail are one prepared SQL statement each (run-read.sql.ts), run on the pg pool under
 * Prisma (poolOf): one round trip per request and none of Prisma's per-query work
 * (docs/performance.md).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { Prisma, poolOf, type PrismaClient } from '../../../../../prisma/client';
import { PREPARED, preparedStatementName } from '../../../../../prisma/prepared-statements';
import { PRISMA } from '../../infra/tokens';
import type { RunSummary } from '../onboardings.repository';
import type { RunCursor } from './run-cursor';
import { planStepCount } from '../../../../../domain/run-progress';
import {
  matching,
  overdueTaskOfRun,
  RUN_COLUMNS,
  toDate,
  visibleTo,
  type RunColumns,
  type RunListFilter,
} from './run-read.sql';
import type { RunVisibility } from './run-visibility';

export type { RunListFilter } from './run-read.sql';

/** A statement prepared once per pooled connection (prisma/prepared-statements.ts). */
function prepared(query: Prisma.Sql): { name: string; text: string; values: unknown[] } {
  const text = `${PREPARED}\n${query.text}`;
  return { name: preparedStatementName({ sql: text }), text, values: query.values };
}

/** A list row: the run, its progress and its next open task (the earliest due). */
export interface RunListRow extends RunSummary {
  doneSteps: number;
  totalSteps: number;
  /** The open task due first; `title`: its step's title in the run's plan (null for a leaving task). */
  nextTask: {
    stepId: string;
    kind: string;
    assigneeRole: string;
    dueAt: Date;
    title: { fr: string; en: string } | null;
  } | null;
  /** The trial period's state and end date (the `trial-period` step's data), null without one. */
  trial: { status: string | null; endDate: string | null } | null;
}

export interface RunDetailRow extends RunSummary {
  cancelReason: string | null;
  plan: { id: string; key: string; version: number; title: { fr: string; en: string } } | null;
  steps: {
    stepId: string;
    kind: string;
    phase: string;
    status: string;
    dueAt: Date | null;
    completedAt: Date | null;
    /** The step's title in the run's plan version (`{ fr, en }`); null for run-level steps. */
    title: { fr: string; en: string } | null;
    /** Kept for the run-level steps only (TRIAL, OFFBOARDING): what the detail shows of them. */
    data?: Prisma.JsonValue;
  }[];
  /**
   * Names of the people on the audit trail other than the hire and the tech lead, by `sub`: the
   * name of their latest browser session, else the run's peer guide of that `sub`. A person who
   * only ever called with a bearer token has none (the trail then shows the `sub`).
   */
  actorNames: Record<string, string>;
  /** Open tasks past due at the time of the read. */
  tasks: { taskKey: string; stepId: string; kind: string; assigneeRole: string; dueAt: Date }[];
}

export interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
}

/** json_agg elements: timestamps as text, keys named as in the rows above. */
type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
interface DetailColumns extends RunColumns {
  cancel_reason: string | null;
  plan_id: string | null;
  plan_key: string | null;
  plan_version: number | null;
  plan_title: { fr: string; en: string } | null;
  steps: Dated<RunDetailRow['steps'][number], 'dueAt' | 'completedAt'>[];
  overdue_tasks: Dated<RunDetailRow['tasks'][number], 'dueAt'>[];
  timeline: Dated<AuditRow, 'at'>[];
  actor_names: Record<string, string>;
  next_due_at: Date | null;
}

interface ListColumns extends RunColumns {
  done_steps: number;
  total_steps: number;
  next_task: {
    stepId: string;
    kind: string;
    assigneeRole: string;
    dueAt: string;
    title: { fr: string; en: string } | null;
  } | null;
  trial: { status: string | null; endDate: string | null } | null;
}

function toSummary(row: RunColumns): RunSummary {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    status: row.status as RunSummary['status'],
    phase: row.phase,
    startDate: new Date(`${row.start_date}T00:00:00Z`),
    timeZone: row.time_zone,
    techLeadSub: row.tech_lead_sub,
    techLeadEmail: row.tech_lead_email,
    techLeadName: row.tech_lead_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    hire: {
      id: row.hire_id,
      fullName: row.hire_full_name,
      email: row.hire_email,
      locale: row.hire_locale,
    },
  };
}

@Injectable()
export class RunReadRepository {
  private readonly pool: Pool;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {
    this.pool = poolOf(prisma);
  }

  /** Newest first by (created_at, id); `take` rows strictly after the cursor. */
  async listVisibleRuns(
    visibility: RunVisibility,
    filter: RunListFilter,
    cursor: RunCursor | undefined,
    take: number,
    now: Date,
  ): Promise<RunListRow[]> {
    const { rows } = await this.pool.query<ListColumns>(
      prepared(Prisma.sql`
        SELECT ${RUN_COLUMNS},
          (SELECT count(*) FROM run_step s WHERE s.run_id = r.id AND s.status = 'DONE')::int
            AS done_steps,
          GREATEST(
            (SELECT count(*) FROM run_step s WHERE s.run_id = r.id),
            (SELECT COALESCE(sum(jsonb_array_length(ph->'steps')), 0)
               FROM plan p, jsonb_array_elements(p.definition->'phases') ph
              WHERE p.id = r.plan_id AND jsonb_typeof(ph->'steps') = 'array')
          )::int AS total_steps,
          (SELECT json_build_object('stepId', t.step_id, 'kind', t.kind,
              'assigneeRole', t.assignee_role, 'dueAt', t.due_at,
              'title', (SELECT st->'title'
                          FROM plan p, jsonb_array_elements(p.definition->'phases') ph,
                               jsonb_array_elements(ph->'steps') st
                         WHERE p.id = r.plan_id AND st->>'id' = t.step_id LIMIT 1))
             FROM task t WHERE t.run_id = r.id AND t.status = 'OPEN' AND t.due_at IS NOT NULL
             ORDER BY t.due_at, t.task_key LIMIT 1) AS next_task,
          (SELECT json_build_object('status', s.data->>'status', 'endDate', s.data->>'endDate')
             FROM run_step s WHERE s.run_id = r.id AND s.step_id = 'trial-period') AS trial
        FROM onboarding_run r JOIN hire h ON h.id = r.hire_id
        WHERE ${visibleTo(visibility)} AND ${matching(filter, now, cursor)}
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT ${take}`),
    );
    return rows.map((row) => ({
      ...toSummary(row),
      doneSteps: row.done_steps,
      totalSteps: row.total_steps,
      nextTask: row.next_task && { ...row.next_task, dueAt: new Date(row.next_task.dueAt) },
      trial: row.trial,
    }));
  }

  /**
   * The run with its plan reference, steps (by due date), open tasks past due at `now` and audit
   * trail (oldest first), or null when it does not exist or is out of the caller's sight.
   * `nextDueAt`: when the next open task falls past due, which changes the detail (read cache).
   */
  async findVisibleRunDetail(
    id: string,
    visibility: RunVisibility,
    now: Date,
  ): Promise<{ run: RunDetailRow; timeline: AuditRow[]; nextDueAt: Date | null } | null> {
    const {
      rows: [row],
    } = await this.pool.query<DetailColumns>(
      prepared(Prisma.sql`
      SELECT ${RUN_COLUMNS}, r.cancel_reason,
        p.id AS plan_id, p.key AS plan_key, p.version AS plan_version,
        p.definition->'title' AS plan_title,
        COALESCE((
          SELECT json_agg(json_build_object(
            'stepId', s.step_id, 'kind', s.kind, 'phase', s.phase, 'status', s.status,
            'dueAt', s.due_at, 'completedAt', s.completed_at,
            'title', (SELECT st->'title'
                        FROM jsonb_array_elements(p.definition->'phases') ph,
                             jsonb_array_elements(ph->'steps') st
                       WHERE st->>'id' = s.step_id LIMIT 1),
            'data', CASE WHEN s.kind IN ('TRIAL', 'OFFBOARDING') THEN s.data END)
            ORDER BY s.due_at, s.step_id)
          FROM run_step s WHERE s.run_id = r.id), '[]') AS steps,
        COALESCE((
          SELECT json_agg(json_build_object(
            'taskKey', t.task_key, 'stepId', t.step_id, 'kind', t.kind,
            'assigneeRole', t.assignee_role, 'dueAt', t.due_at) ORDER BY t.due_at, t.task_key)
          FROM task t WHERE ${overdueTaskOfRun(now)}), '[]') AS overdue_tasks,
        COALESCE((
          SELECT json_agg(json_build_object(
            'at', a.at, 'actor', a.actor, 'action', a.action, 'entityType', a.entity_type,
            'entityId', a.entity_id, 'before', a.before, 'after', a.after) ORDER BY a.at, a.id)
          FROM audit_event a WHERE a.run_id = r.id), '[]') AS timeline,
        COALESCE((
          SELECT json_object_agg(n.sub, n.name) FROM (
            SELECT DISTINCT ON (x.sub) x.sub, x.name FROM (
              SELECT s.sub, s.name, 0 AS rank, s.created_at FROM auth_session s
               WHERE s.name IS NOT NULL
                 AND s.sub IN (SELECT a.actor FROM audit_event a WHERE a.run_id = r.id)
              UNION ALL
              SELECT g.sub, g.name, 1 AS rank, g.updated_at FROM tour_guide g WHERE g.run_id = r.id
            ) x ORDER BY x.sub, x.rank, x.created_at DESC) n), '{}') AS actor_names,
        (SELECT min(t.due_at) FROM task t
          WHERE t.run_id = r.id AND t.status = 'OPEN' AND t.due_at >= ${now}::timestamptz
        ) AS next_due_at
      FROM onboarding_run r JOIN hire h ON h.id = r.hire_id LEFT JOIN plan p ON p.id = r.plan_id
      WHERE r.id = ${id}::uuid AND ${visibleTo(visibility)}`),
    );
    if (!row) return null;
    const run: RunDetailRow = {
      ...toSummary(row),
      cancelReason: row.cancel_reason,
      plan:
        row.plan_id === null
          ? null
          : {
              id: row.plan_id,
              key: row.plan_key!,
              version: row.plan_version!,
              title: row.plan_title ?? { fr: row.plan_key!, en: row.plan_key! },
            },
      steps: row.steps.map((s) => ({
        ...s,
        dueAt: toDate(s.dueAt),
        completedAt: toDate(s.completedAt),
      })),
      tasks: row.overdue_tasks.map((t) => ({ ...t, dueAt: new Date(t.dueAt!) })),
      actorNames: row.actor_names,
    };
    const timeline = row.timeline.map((e) => ({ ...e, at: new Date(e.at!) }));
    return { run, timeline, nextDueAt: row.next_due_at };
  }

  /** Steps in a stored plan version (plan versions are immutable: callers may cache it). */
  async countPlanSteps(planId: string): Promise<number> {
    return planStepCount(await this.planDefinition(planId));
  }

  /** A stored plan version's definition (immutable: callers may cache it); null when missing. */
  async planDefinition(planId: string): Promise<Prisma.JsonValue | null> {
    const plan = await this.prisma.plan.findUnique({
      where: { id: planId },
      select: { definition: true },
    });
    return plan?.definition ?? null;
  }
}
