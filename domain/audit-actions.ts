/**
 * Every action the engine writes on the audit trail (`audit_event.action`), for the readers that
 * name them in words (the console's `src/lib/messages-audit.ts` must label each one, in French and
 * English: its type check fails otherwise). Import-free: the console imports it by a relative
 * path. `audit-actions.spec.ts` scans the writers (activities, API, workflows, seed) and fails when
 * one writes an action missing here.
 */
export const AUDIT_ACTIONS = [
  // The run (`run.<status>` from activities/run.activities.ts, one per RunStatus).
  'run.created',
  'run.pending',
  'run.running',
  'run.paused',
  'run.completed',
  'run.cancelled',
  'run.failed',
  'run.phase',
  'run.tech-lead-reassigned',
  'run.tech-lead-contact',
  'run.start-date-changed',
  'run.calendar-coverage',
  // Steps and tasks.
  'step.status',
  'task.opened',
  'task.completed',
  'task.cancelled',
  'task.reassigned',
  'task.reminded',
  'task.escalated',
  'checkpoint.decided',
  'tour.guide_assigned',
  // Access.
  'access.granted',
  'access.revoked',
  'access.verified',
  'access.discovered',
  'access.drift_detected',
  'access.grant_retried',
  'access.credential_sealed',
  'access.credential_link_sent',
  'access.credential_revealed',
  // Trial and leaving.
  'trial.decided',
  'offboarding.started',
  'offboarding.revoke-now',
  // Outside a run: plans and sign-in.
  'plan.created',
  'auth.signed-in',
  'auth.signed-out',
  'auth.sign-in-failed',
  'auth.session-expired',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
