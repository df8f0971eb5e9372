/**
 * Leaving plans as stored in the `plan` table (kind LEAVING, seeded from config/plans/leaving/):
 * the version a leaving journey starts with, and the version it pinned (its `offboarding` step
 * records `plan: <key>@<version>`), which its emails read their task titles from.
 */
import {
  DEFAULT_LEAVING_PLAN,
  parseLeavingPlan,
  type LeavingPlan,
} from '../domain/plans/leaving.schema';
import type { PrismaClient } from '../prisma/client';
import { notFound } from './errors';

export interface LeavingPlanRef {
  key: string;
  version: number;
}

/** The pinned version, or the latest version of the default leaving plan. */
export async function findLeavingPlan(
  prisma: PrismaClient,
  ref?: LeavingPlanRef,
): Promise<LeavingPlan> {
  const row = ref
    ? await prisma.plan.findFirst({
        where: { key: ref.key, version: ref.version, kind: 'LEAVING' },
      })
    : await prisma.plan.findFirst({
        where: { key: DEFAULT_LEAVING_PLAN, kind: 'LEAVING' },
        orderBy: { version: 'desc' },
      });
  if (!row)
    throw notFound('Leaving plan', ref ? `${ref.key}@${ref.version}` : DEFAULT_LEAVING_PLAN);
  return parseLeavingPlan(row.definition);
}

/** The definition of a leaving plan version named `<key>@<version>` (as the journey records it). */
export async function leavingPlanAt(prisma: PrismaClient, ref: unknown): Promise<unknown> {
  const m = /^(.+)@(\d+)$/.exec(typeof ref === 'string' ? ref : '');
  if (!m) return undefined;
  // Journeys started before leaving plans were stored recorded the file's former key `default`.
  const key = m[1] === 'default' ? DEFAULT_LEAVING_PLAN : m[1];
  const row = await prisma.plan.findFirst({
    where: { key, version: Number(m[2]), kind: 'LEAVING' },
    select: { definition: true },
  });
  return row?.definition;
}

/** The definition of the leaving plan version a run's leaving journey pinned, if it has started. */
export async function pinnedLeavingPlan(prisma: PrismaClient, runId: string): Promise<unknown> {
  const step = await prisma.runStep.findUnique({
    where: { runId_stepId: { runId, stepId: 'offboarding' } },
    select: { data: true },
  });
  return leavingPlanAt(prisma, (step?.data as { plan?: unknown } | null)?.plan);
}
