/**
 * Keeps the Temporal Schedule `tech-lead-digest-<task queue>` of the tech leads' daily digest in line with the configuration:
 * DIGEST_ENABLED=true creates or updates it (Monday to Friday at DIGEST_TIME in DIGEST_TIME_ZONE),
 * false deletes it. Every worker runs this at boot; it is idempotent, and concurrent boots
 * converge (a create that loses the race becomes an update).
 */
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import type { DigestConfig, TemporalConfig } from '../../../config/env';
import { temporalConnectionOptions } from '../../../config/temporal';

/** One schedule per deployment (task queue), so deployments sharing a namespace keep theirs. */
export const digestScheduleId = (taskQueue: string): string => `tech-lead-digest-${taskQueue}`;

export type DigestScheduleChange = 'created' | 'updated' | 'deleted' | 'absent';

export function digestScheduleOptions(digest: DigestConfig, taskQueue: string): ScheduleOptions {
  const [hour, minute] = digest.time.split(':').map(Number);
  return {
    scheduleId: digestScheduleId(taskQueue),
    spec: {
      calendars: [{ dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY' }], hour, minute }],
      timezone: digest.timeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'techLeadDigest', // workflows/digest.workflow.ts
      workflowId: digestScheduleId(taskQueue),
      taskQueue,
      args: [{}],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  };
}

export async function syncDigestSchedule(
  client: Client,
  digest: DigestConfig,
  taskQueue: string,
): Promise<DigestScheduleChange> {
  const handle = client.schedule.getHandle(digestScheduleId(taskQueue));
  if (!digest.enabled) {
    try {
      await handle.delete();
      return 'deleted';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'absent';
      throw err;
    }
  }
  const options = digestScheduleOptions(digest, taskQueue);
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await handle.update((previous) => ({
    ...previous,
    spec: options.spec,
    action: options.action,
    policies: options.policies,
  }));
  return 'updated';
}

/** Opens a short-lived client connection, syncs the schedule and closes it. */
export async function syncDigestScheduleWith(
  temporal: TemporalConfig,
  digest: DigestConfig,
): Promise<DigestScheduleChange> {
  const connection = await Connection.connect(temporalConnectionOptions(temporal));
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    return await syncDigestSchedule(client, digest, temporal.taskQueue);
  } finally {
    await connection.close();
  }
}
