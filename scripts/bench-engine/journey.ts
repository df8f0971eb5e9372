/**
 * Journey: the whole 90-day journey of the default plan on the time-skipping test server, every
 * task completed as it opens (in-memory activities, journey-fakes.ts), wall time from start to
 * result. Baseline on the same server: a workflow that only sleeps 90 days.
 */
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { onboardHire } from '../../workflows';
import { onboardingWorkflowId } from '../../workflows/definitions';
import { SEARCH_ATTRIBUTES } from '../../workflows/journey/search-attributes';
import { tool } from './infra';
import { journeyFakes, TECH_LEAD, TZ, type JourneyCounters } from './journey-fakes';
import type { StageResult } from './start-rate';
import { envInt, median, table } from './stats';
import { sleepWorkflow } from './workflows';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const DAY = 86_400_000;

async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: tool('temporal-test-server') } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((n) => [n, KEYWORD])),
  });
  return env;
}

interface Round {
  journeyMs: number;
  baselineMs: number;
  events: number;
  activities: number;
  tasks: number;
  status: string;
}

export async function benchJourney(): Promise<StageResult> {
  const rounds = envInt('BENCH_JOURNEY_RUNS', 3);
  const t0 = performance.now();
  const [journeyBundle, baselineBundle] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') }),
    bundleWorkflowCode({ workflowsPath: require.resolve('./workflows') }),
  ]);
  const bundleMs = performance.now() - t0;
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) results.push(await round(journeyBundle, baselineBundle));

  const journeyMs = median(results.map((r) => r.journeyMs));
  const baselineMs = median(results.map((r) => r.baselineMs));
  return {
    title: 'Journey',
    notes: [
      `${rounds} round(s), each on a fresh time-skipping server (its clock only moves forward); median shown. Bundling both workflow sets once: ${(bundleMs / 1000).toFixed(1)} s (not counted).`,
      `journey: ${results.map((r) => `${r.status}, ${r.events} history events, ${r.activities} activities, ${r.tasks} tasks completed`).join('; ')}.`,
      `per round, journey / baseline ms: ${results.map((r) => `${r.journeyMs.toFixed(0)} / ${r.baselineMs.toFixed(0)}`).join(', ')}.`,
    ],
    table: table(
      ['scenario', 'simulated time', 'wall time (s, median)', '÷ baseline'],
      [
        ['baseline: one 90-day sleep', '90 days', baselineMs / 1000, 1],
        [
          '90-day journey, default plan, every task done at once',
          '~91 days',
          journeyMs / 1000,
          journeyMs / baselineMs,
        ],
      ],
    ),
  };
}

async function round(
  journeyBundle: WorkflowBundle,
  baselineBundle: WorkflowBundle,
): Promise<Round> {
  const env = await timeSkippingEnv();
  try {
    // Baseline first: the server's clock only moves forward, the journey starts after it.
    const baseQueue = `bench-sleep-${randomUUID()}`;
    const baseWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: baseQueue,
      workflowBundle: baselineBundle,
    });
    const baselineMs = await baseWorker.runUntil(async () => {
      const t0 = performance.now();
      await env.client.workflow.execute(sleepWorkflow, {
        taskQueue: baseQueue,
        workflowId: `bench-sleep-${randomUUID()}`,
        args: [90 * DAY],
      });
      return performance.now() - t0;
    });

    // A Monday a week after the server's clock: welcome 5 days before, checkpoints up to day 90.
    const now = new Date(await env.currentTimeMs());
    const start = new Date(now.getTime() + 7 * DAY);
    start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7));
    const startDate = start.toISOString().slice(0, 10);
    const hireId = randomUUID();
    const workflowId = onboardingWorkflowId(hireId);
    const counters: JourneyCounters = { activities: 0, tasks: 0 };
    const taskQueue = `bench-journey-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: journeyBundle,
      activities: journeyFakes(
        hireId,
        startDate,
        () => env.client.workflow.getHandle(workflowId),
        counters,
      ),
    });
    const { journeyMs, status } = await worker.runUntil(async () => {
      const t0 = performance.now();
      const result = await env.client.workflow.execute<typeof onboardHire>('onboardHire', {
        taskQueue,
        workflowId,
        args: [{ runId: randomUUID(), hireId, startDate, timeZone: TZ, techLeadSub: TECH_LEAD }],
      });
      return {
        journeyMs: performance.now() - t0,
        status: result.status,
      };
    });
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    return {
      journeyMs,
      baselineMs,
      events: history.events?.length ?? 0,
      ...counters,
      status,
    };
  } finally {
    await env.teardown();
  }
}
