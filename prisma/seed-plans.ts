/**
 * Seeds the plan table from the validated files of config/plans. Plan versions are immutable:
 * a file whose content changed without a new `version` is refused, so runs in flight (which
 * reference their version) never see an edited plan.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadLeavingPlans } from '../domain/plans/leaving.schema';
import { loadPlans } from '../domain/plans/load-plans';
import { Prisma, type PrismaClient } from './client';
import { recordAudit } from './audit';

export class PlanVersionConflictError extends Error {}

/** Onboarding plans (`config/plans/*.plan.json`) or leaving plans (`config/plans/leaving/`). */
export type PlanKind = 'ONBOARDING' | 'LEAVING';
/** What every plan version has, whatever its kind; the rest is the validated definition. */
type VersionedPlan = { key: string; version: number };

/** Stores one immutable plan version and its `plan.created` audit event (inside the caller's transaction). */
export async function insertPlanVersion(
  tx: Prisma.TransactionClient,
  plan: VersionedPlan,
  actor: string,
  kind: PlanKind = 'ONBOARDING',
) {
  const definition = JSON.parse(JSON.stringify(plan)) as Prisma.InputJsonObject;
  const row = await tx.plan.create({
    data: { key: plan.key, version: plan.version, kind, definition, createdBy: actor },
  });
  await recordAudit(tx, {
    actor,
    action: 'plan.created',
    entityType: 'plan',
    entityId: `${plan.key}@${plan.version}`,
    after: { key: plan.key, version: plan.version, kind },
  });
  return row;
}

/** Every plan file of config/plans, onboarding and leaving (worker start, `db:migrate`). */
export async function seedConfiguredPlans(prisma: PrismaClient): Promise<string[]> {
  return [
    ...(await seedPlans(
      prisma,
      loadPlans().map((p) => p.plan),
    )),
    ...(await seedPlans(prisma, loadLeavingPlans(), 'system:seed', 'LEAVING')),
  ];
}

export async function seedPlans(
  prisma: PrismaClient,
  plans: VersionedPlan[],
  actor = 'system:seed',
  kind: PlanKind = 'ONBOARDING',
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
      await prisma.$transaction((tx) => insertPlanVersion(tx, plan, actor, kind));
      created.push(`${plan.key}@${plan.version}`);
    } catch (err) {
      // Another process seeded the same version at the same moment: fine.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
  }
  return created;
}
