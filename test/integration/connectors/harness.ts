/** Shared by the connector tests: a migrated database with one hire and run, and grant recording. */
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '../../../prisma/client';
import type { PrismaClient } from '../../../prisma/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';

export interface ConnectorHarness {
  db: TestDatabase;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export async function startHarness(): Promise<ConnectorHarness> {
  const db = await createTestDatabase();
  const prisma = createPrismaClient({ url: db.url, schema: 'public', poolSize: 3 });
  return {
    db,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.drop();
    },
  };
}

/** A hire and their run; the hire's id decides the account name (`h` + 12 hex digits). */
export async function seedRun(prisma: PrismaClient, fullName = 'Ama Kossi Mensah') {
  const hire = await prisma.hire.create({
    data: { fullName, email: `${randomUUID()}@example.tg`, locale: 'fr' },
  });
  const run = await prisma.onboardingRun.create({
    data: {
      hireId: hire.id,
      workflowId: `onboarding-${hire.id}`,
      startDate: new Date('2027-01-25T00:00:00Z'),
      createdBy: 'hr-test',
    },
  });
  return { hire, run };
}

/** What the workflow's recordGrant does once the grant activity has returned. */
export async function recordGrant(
  prisma: PrismaClient,
  g: { runId: string; stepId: string; system: string; scope: string; externalRef?: string },
) {
  await prisma.accessGrant.create({
    data: { ...g, externalRef: g.externalRef ?? null, status: 'GRANTED', grantedAt: new Date() },
  });
}
