/**
 * Activities: every side effect of the journey. Built by a factory from explicit dependencies
 * (composition root: apps/worker). Workflows import only the `Activities` type from here.
 */
import type { JourneyConfig } from '../config/env';
import type { PrismaClient } from '../prisma/client';
import { createDigestActivities } from './digest.activities';
import { createEmailActivities } from './email.activities';
import { createJourneyActivities } from './journey';
import { createLeavingActivities } from './leaving.activities';
import type { Mailer } from './mailer';
import { createProvisioningActivities, type Connector } from './provisioning.activities';
import { createRunActivities } from './run.activities';
import { createScheduleActivities } from './schedule.activities';
import { createTrialActivities } from './trial.activities';
import { HOME_TIME_ZONE } from '../domain/i18n/dates';

export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  mailFrom: string;
  publicBaseUrl: string;
  journey: JourneyConfig;
  /** Provisioning connectors by system name; systems without one are provisioned by hand (IT task). */
  connectors?: Record<string, Connector>;
  /** Time zone the tech leads' daily digest counts its day in (DIGEST_TIME_ZONE). */
  digestTimeZone?: string;
}

export function createActivities(deps: ActivityDeps) {
  const email = {
    prisma: deps.prisma,
    mailer: deps.mailer,
    from: deps.mailFrom,
    publicBaseUrl: deps.publicBaseUrl,
    brand: deps.journey.brand,
  };
  return {
    ...createRunActivities(deps.prisma),
    ...createEmailActivities(email),
    ...createJourneyActivities({ ...email, journey: deps.journey }),
    ...createScheduleActivities(deps.prisma, deps.journey),
    ...createTrialActivities(deps.prisma, deps.journey),
    ...createLeavingActivities(deps.prisma, deps.journey),
    ...createProvisioningActivities(deps.prisma, deps.connectors, {
      ...email,
      actionLinks: deps.journey.actionLinks,
    }),
    ...createDigestActivities({
      ...email,
      journey: deps.journey,
      timeZone: deps.digestTimeZone ?? HOME_TIME_ZONE,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
