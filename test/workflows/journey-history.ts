/**
 * Reads a run's Temporal history: the order in which the workflow scheduled and saw the end of
 * its activities (what the server recorded, independent of how fast the fakes ran), and the
 * replay fixtures under test/fixtures/histories.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export interface ActivityEvent {
  eventId: number;
  kind: 'SCHEDULED' | 'COMPLETED' | 'FAILED' | 'CANCELED';
  activity: string;
  input: Record<string, unknown>;
}

/** How each end of an activity is recorded, and where it points back to its scheduling. */
function endOf(e: temporal.api.history.v1.IHistoryEvent) {
  const ends = [
    ['COMPLETED', e.activityTaskCompletedEventAttributes],
    ['FAILED', e.activityTaskFailedEventAttributes],
    ['CANCELED', e.activityTaskCanceledEventAttributes],
  ] as const;
  const found = ends.find(([, attrs]) => attrs);
  return found && { kind: found[0], scheduledEventId: Number(found[1]!.scheduledEventId) };
}

/** Every activity scheduled, completed, failed or cancelled, in history order. */
export async function activityTimeline(handle: WorkflowHandle): Promise<ActivityEvent[]> {
  const { events } = await handle.fetchHistory();
  const scheduled = new Map<number, Pick<ActivityEvent, 'activity' | 'input'>>();
  const timeline: ActivityEvent[] = [];
  for (const e of events ?? []) {
    const eventId = Number(e.eventId);
    const attrs = e.activityTaskScheduledEventAttributes;
    if (attrs) {
      const activity = attrs.activityType!.name!;
      const input = defaultPayloadConverter.fromPayload<Record<string, unknown>>(
        attrs.input!.payloads![0],
      );
      scheduled.set(eventId, { activity, input });
      timeline.push({ eventId, kind: 'SCHEDULED', activity, input });
      continue;
    }
    const end = endOf(e);
    if (end) timeline.push({ eventId, kind: end.kind, ...scheduled.get(end.scheduledEventId)! });
  }
  return timeline;
}

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'histories');
const { History } = temporal.api.history.v1;

/**
 * RECORD_HISTORIES=1 rewrites the fixtures from fresh runs (see docs/journey.md);
 * RECORD_HISTORIES=<name>[,<name>] records only those (a new scenario, leaving the others as
 * recorded by the code of their time).
 */
export const recordingHistories = () => !!process.env.RECORD_HISTORIES;
export const recordsHistory = (name: string) =>
  process.env.RECORD_HISTORIES === '1' ||
  (process.env.RECORD_HISTORIES ?? '').split(',').includes(name);

/**
 * Fixtures are protobufjs JSON (enum names, int64 as strings, bytes in base64), read back with
 * `History.fromObject`. The SDK's historyToJSON/historyFromJSON fail in this dependency tree
 * ("type must be a Type": proto3-json-serializer resolves another protobufjs major).
 */
export async function saveHistory(name: string, handle: WorkflowHandle): Promise<void> {
  mkdirSync(FIXTURES, { recursive: true });
  const json = History.fromObject(await handle.fetchHistory()).toJSON();
  writeFileSync(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(json)}\n`);
}

export function loadHistories(): { name: string; json: unknown }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: path.basename(f, '.json'),
      json: JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown,
    }));
}

export const historyFromFixture = (json: unknown) =>
  History.fromObject(json as Record<string, unknown>);
