/**
 * onboardHire on the time-skipping test server, with activity fakes typed from the real activities.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { onboardHire } from '../../workflows';
import { getStateQuery, onboardingWorkflowId } from '../../workflows/definitions';
import { createTimeSkippingEnv } from '../support/time-skipping';

jest.setTimeout(60_000);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

function fakeActivities(calls: string[]): Activities {
  return {
    recordRunProgress: ({ status, phase }) => {
      calls.push(`progress:${status}:${phase}`);
      return Promise.resolve();
    },
    sendWelcomeEmail: ({ idempotencyKey }) => {
      calls.push(`welcome:${idempotencyKey}`);
      return Promise.resolve('<id@test>');
    },
  };
}

it('records the run as running, sends the welcome email once, then completes', async () => {
  const calls: string[] = [];
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities: fakeActivities(calls),
  });
  const input = { runId: randomUUID(), hireId: randomUUID() };
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(onboardHire, {
      taskQueue,
      workflowId: onboardingWorkflowId(input.hireId),
      args: [input],
    });
    const final = await handle.result();
    expect(await handle.query(getStateQuery)).toEqual(final);
    return final;
  });
  expect(result).toEqual({ phase: 'COMPLETED', welcomeEmailSent: true });
  expect(calls).toEqual([
    'progress:RUNNING:PRE_BOARDING',
    `welcome:${input.runId}:welcome:1`,
    'progress:COMPLETED:COMPLETED',
  ]);
});
