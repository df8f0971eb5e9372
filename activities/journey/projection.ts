/** What the journey's read-model projections share: JSON columns and the change they audit. */
import { recordAudit } from '../../prisma/audit';
import type { Prisma } from '../../prisma/client';

/** A value as a JSON column stores it (`undefined` → `null`, dates → ISO strings). */
export const json = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;

/** The audit event of one projected change, written in the projection's transaction. */
export async function auditChange(
  tx: Prisma.TransactionClient,
  runId: string,
  actor: string,
  action: string,
  entityType: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(tx, {
    runId,
    actor,
    action,
    entityType,
    entityId,
    before: json(before),
    after: json(after),
  });
}
