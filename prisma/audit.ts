/**
 * The one writer of the audit trail (`audit_event`, append-only: a trigger refuses UPDATE and
 * DELETE). The API's repositories, the worker's activities and the plan seed all write through
 * it, inside the caller's transaction when they pass one. It returns Prisma's lazy promise, so it
 * also goes into a batch `$transaction([...])`.
 */
import type { Prisma } from './client';

/** One row of the trail: who (`actor`) did what (`action`) to which entity, with its before/after. */
export type AuditEventInput = Omit<Prisma.AuditEventUncheckedCreateInput, 'id' | 'at'>;

/** A client or a transaction: anything that holds the `auditEvent` delegate. */
export interface AuditDb {
  auditEvent: Prisma.TransactionClient['auditEvent'];
}

export function recordAudit(db: AuditDb, event: AuditEventInput) {
  return db.auditEvent.create({ data: event });
}

/**
 * Records an event once per run, action and entity (a retried activity, a replayed decision):
 * nothing is written when one is already on the trail.
 */
export async function recordAuditOnce(db: AuditDb, event: AuditEventInput): Promise<void> {
  const exists = await db.auditEvent.findFirst({
    where: { runId: event.runId, action: event.action, entityId: event.entityId },
  });
  if (exists) return;
  await recordAudit(db, event);
}
