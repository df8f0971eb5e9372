/**
 * Activities: every side effect of the journey. Built by a factory from explicit dependencies
 * (composition root: apps/worker). Workflows import only the `Activities` type from here.
 */
import type { PrismaClient } from '../prisma/client';
import { createEmailActivities } from './email.activities';
import type { Mailer } from './mailer';
import { createRunActivities } from './run.activities';

export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  mailFrom: string;
  publicBaseUrl: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createRunActivities(deps.prisma),
    ...createEmailActivities({
      prisma: deps.prisma,
      mailer: deps.mailer,
      from: deps.mailFrom,
      publicBaseUrl: deps.publicBaseUrl,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
