/**
 * Seeds the plan table from the validated files of config/plans. Plan versions are immutable:
 * a file whose content changed without a new `version` is refused, so runs in flight (which
 * reference their version) never see an edited plan.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Plan } from '../config/plans/plan.schema';
import { Prisma, type PrismaClient } from './client';
import { recordAudit } from './audit';

export class PlanVersionConflictError extends Error {}

/** Stores one immutable plan version and its `plan.created` audit event (inside the caller's transaction). */
export async function insertPlanVersion(tx: Prisma.TransactionClient, plan: Plan, actor: string) {
  const definition = JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonObject;
  const row = await tx.plan.create({
    data: { key: plan.key, version: plan.version, definition, createdBy: actor },
  });
  await recordAudit(tx, {
    actor,
    action: 'plan.created',
    entityType: 'plan',
    entityId: `${plan.key}@${plan.version}`,
    after: { key: plan.key, version: plan.version },
  });
  return row;
}

export async function seedPlans(
  prisma: PrismaClient,
  plans: Plan[],
  actor = 'system:seed',
): Promise<string[]> {
  const created: string[] = [];
  for (const plan of plans) {
    const definition = JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonObject;
    const existing = await prisma.plan.findUnique({
      where: { key_version: { key: plan.key, version: plan.version } },
    });
    if (existing) {
      if (!isDeepStrictEqual(existing.definition, definition)) {
        throw new PlanVersionConflictError(
          `plan ${plan.key} version ${plan.version} differs from the stored one: give the file a new version`,
        );
      }
      continue;
    }
    try {
      await prisma.$transaction((tx) => insertPlanVersion(tx, plan, actor));
      created.push(`${plan.key}@${plan.version}`);
    } catch (err) {
      // Another process seeded the same version at the same moment: fine.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
  }
  return created;
}
