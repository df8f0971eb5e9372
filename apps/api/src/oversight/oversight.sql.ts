/**
 * How escalations are recorded by the engine, as SQL over the read model (docs/api.md,
 * "Escalations"). An open task is escalated to the head of the Digital Factory when:
 * - it is assigned to HEAD_OF_DF: a checkpoint a tech lead escalated (REVIEW_CHECKPOINT, next
 *   round) or a trial end to co-sign (COSIGN_TRIAL_END);
 * - the plan's escalation ladder reached HEAD_OF_DF (audit `task.escalated`, after.to);
 * - it is the manual grant opened after a connector failed for good: the workflow notified IT and
 *   the head of DF (`provisioning-failed`), recorded as the email with key
 *   `<runId>:notice:<stepId>:failed:HEAD_OF_DF`;
 * - it is a trial decision still open after the trial lapsed (step `ESCALATED`, notice to HR and
 *   the head of DF).
 */
import { Prisma } from '../../../../prisma/client';

/** The email key of a failed grant's notice to `role` (activities: notifyRun → emailRole). */
export const failedGrantNotice = (role: 'IT' | 'HEAD_OF_DF') =>
  Prisma.sql`e.idempotency_key = t.run_id::text || ':notice:' || t.step_id || ':failed:' || ${role}`;

const escalatedByLadder = Prisma.sql`
  SELECT min(a.at) FROM audit_event a
   WHERE a.run_id = t.run_id AND a.action = 'task.escalated' AND a.entity_id = t.task_key
     AND a.after->>'to' = 'HEAD_OF_DF'`;

const grantFailedAt = Prisma.sql`
  SELECT min(e.created_at) FROM email_log e
   WHERE e.run_id = t.run_id AND ${failedGrantNotice('HEAD_OF_DF')}`;

const trialLapsed = Prisma.sql`
  EXISTS (SELECT 1 FROM run_step s
           WHERE s.run_id = t.run_id AND s.step_id = t.step_id AND s.kind = 'TRIAL'
             AND s.status = 'ESCALATED')`;

/** One row per open escalated task, with its reason and when it reached the head of DF. */
export const ESCALATED_TASKS = Prisma.sql`
  SELECT * FROM (
    SELECT t.id AS task_id, t.run_id, t.step_id, t.kind, t.assignee_role, t.due_at,
           h.full_name AS hire_name, r.tech_lead_name, p.definition AS plan,
           CASE
             WHEN t.assignee_role = 'HEAD_OF_DF' AND t.kind = 'COSIGN_TRIAL_END' THEN 'TRIAL_COSIGN'
             WHEN t.assignee_role = 'HEAD_OF_DF' THEN 'CHECKPOINT_ESCALATED'
             WHEN t.kind = 'TRIAL_DECISION' AND ${trialLapsed} THEN 'TRIAL_LAPSED'
             WHEN t.kind = 'PROVISION_ACCESS' AND (${grantFailedAt}) IS NOT NULL THEN 'GRANT_FAILED'
             WHEN (${escalatedByLadder}) IS NOT NULL THEN 'OVERDUE_ESCALATED'
           END AS reason,
           COALESCE(
             CASE WHEN t.assignee_role = 'HEAD_OF_DF' THEN t.created_at END,
             (${grantFailedAt}), (${escalatedByLadder}), t.created_at
           ) AS since
      FROM task t
      JOIN onboarding_run r ON r.id = t.run_id
      JOIN hire h ON h.id = r.hire_id
      LEFT JOIN plan p ON p.id = r.plan_id
     WHERE t.status = 'OPEN' AND r.status IN ('PENDING', 'RUNNING', 'PAUSED')
  ) x
  WHERE x.reason IS NOT NULL`;
