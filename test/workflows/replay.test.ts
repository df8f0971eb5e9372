/**
 * Replays recorded journey histories (test/fixtures/histories) against the current workflow
 * code: a change that running journeys could not replay (a nondeterminism error) fails here.
 * RECORD_HISTORIES=1 first re-records every fixture from the scenarios below, each on its own
 * time-skipping server; see docs/journey.md, "Changing the workflow safely".
 */
import type { HistoryAndWorkflowId, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { runJourney } from './journey-harness';
import {
  historyFromFixture,
  loadHistories,
  recordingHistories,
  recordsHistory,
  saveHistory,
} from './journey-history';
import {
  START,
  cancelWhileGranting,
  checkpointDecisions,
  grantRejected,
  peerGuidesAndDrift,
  trialEndedWithDrift,
} from './journey-scenarios';
import { offboardingWorkflowId } from '../../workflows/definitions';

jest.setTimeout(Number(process.env.JOURNEY_TIMEOUT_MS ?? 120_000));

/** One fixture per scenario: the runs the workflow tests assert on. */
const SCENARIOS: Record<string, (env: TestWorkflowEnvironment) => Promise<WorkflowHandle>> = {
  'happy-path': async (env) => (await runJourney(env, START)).run.handle,
  'cancelled-while-granting': async (env) =>
    (await runJourney(env, START, cancelWhileGranting().behaviour)).run.handle,
  'grant-rejected': async (env) =>
    (await runJourney(env, START, grantRejected('registry'))).run.handle,
  'checkpoints-extended-and-escalated': async (env) =>
    (await runJourney(env, START, checkpointDecisions)).run.handle,
  'peer-guides-and-access-drift': async (env) =>
    (await runJourney(env, START, peerGuidesAndDrift)).run.handle,
  'trial-ended': async (env) => (await runJourney(env, START, trialEndedWithDrift)).run.handle,
  'leaving-with-drift': async (env) => {
    const { run } = await runJourney(env, START, trialEndedWithDrift);
    return env.client.workflow.getHandle(offboardingWorkflowId(run.hireId));
  },
};

async function replay(histories: HistoryAndWorkflowId[]) {
  const results: { workflowId: string; error?: string }[] = [];
  // Replay workers default to debug mode, which runs workflows in this thread and installs V8
  // promise hooks on it for good. On Node 26 those hooks throw on promises that WebCrypto settles
  // internally (jose, openid-client), failing later test files of the same in-band Jest run.
  // Outside debug mode the workflows (and the hooks) live in a worker thread. `debugMode` is not in
  // ReplayWorkerOptions' type but the SDK reads it (Worker.constructReplayWorker spreads options).
  const options = { workflowsPath: require.resolve('../../workflows'), debugMode: false };
  const replayed = Worker.runReplayHistories(options, histories);
  for await (const { workflowId, error } of replayed) {
    results.push({ workflowId, ...(error && { error: `${error.name}: ${error.message}` }) });
  }
  return results;
}

/** The same history with its first activity renamed: code that would do otherwise. */
function tampered(json: unknown): unknown {
  const copy = structuredClone(json) as {
    events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
  };
  const first = copy.events.find((e) => e.activityTaskScheduledEventAttributes)!;
  first.activityTaskScheduledEventAttributes!.activityType.name = 'sendWelcomeEmail';
  return copy;
}

describe('recorded journey histories', () => {
  if (recordingHistories()) {
    beforeAll(async () => {
      for (const [name, run] of Object.entries(SCENARIOS)) {
        if (!recordsHistory(name)) continue;
        const env = await createTimeSkippingEnv();
        try {
          await saveHistory(name, await run(env));
        } finally {
          await env.teardown();
        }
      }
    });
  }

  it('has a fixture for every scenario', () => {
    expect(loadHistories().map((h) => h.name)).toEqual(
      expect.arrayContaining(Object.keys(SCENARIOS)),
    );
  });

  it('replay on the current workflow code without a nondeterminism error, and the check bites', async () => {
    const fixtures = loadHistories();
    const results = await replay([
      ...fixtures.map(({ name, json }) => ({
        workflowId: name,
        history: historyFromFixture(json),
      })),
      { workflowId: 'tampered', history: historyFromFixture(tampered(fixtures[0].json)) },
    ]);
    expect(results).toEqual([
      ...fixtures.map(({ name }) => ({ workflowId: name })),
      {
        workflowId: 'tampered',
        error: expect.stringMatching(/^DeterminismViolationError/) as string,
      },
    ]);
  });
});
