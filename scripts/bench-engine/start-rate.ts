/**
 * Start rate: N onboarding runs started through the real API (POST /v1/onboardings, HR token),
 * timed until every welcome email has reached the SMTP server. Baseline on the same Temporal
 * server, at the same concurrency: `client.workflow.start` of an empty workflow, timed until every
 * run has completed on a worker in this process.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { parsePlan } from '../../domain/plans/plan.schema';
import { createPrismaClient } from '../../prisma/client';
import { seedPlans } from '../../prisma/seed-plans';
import { compressedPlan } from '../dev/compressed-plan';
import { MailCatcher } from '../mail-catcher';
import { removeDir, workDir } from './infra';
import { envInt, median, percentile, runPool, table } from './stats';
import { cpuLine, startSystem } from './system';
import { emptyWorkflow } from './workflows';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface StageResult {
  title: string;
  notes: string[];
  table: string;
  /** Set when the stage measured but its claim does not hold: printed, and the bench exits 1. */
  failed?: string;
}

export async function benchStartRate(adminUrl: string): Promise<StageResult> {
  const runs = envInt('BENCH_START_RUNS', 1_000);
  const concurrency = envInt('BENCH_START_CONCURRENCY', 16);
  const timeoutMs = envInt('BENCH_START_TIMEOUT_SECONDS', 1_200) * 1000;
  // default: the stock plan, start in 3 days (its welcome is due 5 days before the start, so it
  // goes at once; the first day's steps wait). compressed: every step opens at once too.
  const compressed = process.env.BENCH_START_PLAN === 'compressed';
  const planKey = compressed ? 'bench-compressed' : undefined;
  const startDate = isoDate(Date.now() + (compressed ? 0 : 3 * DAY));

  const dir = workDir('start');
  const mail = new MailCatcher();
  const smtpPort = await mail.start();
  const sut = await startSystem({
    dir,
    adminUrl,
    smtpPort,
    beforeStart: async (url) => {
      if (!planKey) return;
      const prisma = createPrismaClient({ url, schema: 'public', poolSize: 1 });
      await seedPlans(prisma, [parsePlan(compressedPlan(planKey))]);
      await prisma.$disconnect();
    },
  }).catch(async (err: unknown) => {
    await mail.stop();
    removeDir(dir);
    throw err;
  });
  try {
    const baseline = await baselineStarts(sut.temporal.address, runs, concurrency);

    const token = await sut.token('HR', 'bench-hr');
    const hires = Array.from({ length: runs }, (_, i) => `bench-start-${i}@example.tg`);
    const wanted = new Set(hires);
    const welcomed = new Set<string>();
    let lastWelcome = 0;
    const allWelcomed = new Promise<void>((resolve) => {
      void mail
        .waitFor((m) => {
          const to = m.envelopeTo.find((a) => wanted.has(a));
          if (to && m.parsed.subject?.startsWith('Welcome to')) {
            welcomed.add(to);
            lastWelcome = performance.now();
          }
          return welcomed.size === runs;
        })
        .then(() => resolve());
    });

    const cpu0 = sut.cpuSeconds();
    const t0 = performance.now();
    const latencies = await runPool(runs, concurrency, async (i) => {
      const res = await fetch(`${sut.apiUrl}/v1/onboardings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          fullName: `Bench Hire ${i}`,
          email: hires[i],
          startDate,
          locale: 'en',
          ...(planKey ? { planKey } : {}),
          techLead: { sub: `tl-${i % 50}`, email: `tl${i % 50}@example.tg`, name: 'Tech Lead' },
        }),
      });
      if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
    const started = performance.now() - t0;
    const timedOut = await Promise.race([
      allWelcomed.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref()),
    ]);
    const toLastMail = (lastWelcome || performance.now()) - t0;
    const mailsThen = mail.messages.length;
    const cpu1 = sut.cpuSeconds();

    return {
      title: 'Start rate',
      notes: [
        `${runs} runs, ${concurrency} concurrent requests; plan: ${compressed ? 'compressed (every step opens at once)' : 'default, start date in 3 days (welcome due at once)'}.`,
        `welcome emails received: ${welcomed.size}/${runs}${timedOut ? ` (timed out after ${timeoutMs / 1000} s)` : ''}; SMTP messages in all by then: ${mailsThen}.`,
        `${cpuLine(cpu0, cpu1)}; the bench process also runs the SMTP server and parses each message.`,
        `baseline: ${runs} × client.workflow.start of an empty workflow, same server, same concurrency, worker in the bench process.`,
      ],
      table: table(
        [
          'scenario',
          'starts/s',
          'p50 start ms',
          'p99 start ms',
          'time to last (s)',
          'starts/s ÷ baseline',
        ],
        [
          [
            'baseline: empty workflow, time to last completion',
            baseline.rate,
            median(baseline.latencies),
            percentile(baseline.latencies, 99),
            baseline.toLastMs / 1000,
            1,
          ],
          [
            'POST /v1/onboardings, time to last welcome email',
            (runs / started) * 1000,
            median(latencies),
            percentile(latencies, 99),
            toLastMail / 1000,
            ((runs / started) * 1000) / baseline.rate,
          ],
        ],
      ),
    };
  } finally {
    await sut.stop();
    await mail.stop();
    removeDir(dir);
  }
}

async function baselineStarts(address: string, runs: number, concurrency: number) {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `bench-empty-${randomUUID()}`;
  const native = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
  });
  const ids: string[] = [];
  const result = await worker.runUntil(async () => {
    const t0 = performance.now();
    const latencies = await runPool(runs, concurrency, async (i) => {
      const id = `bench-empty-${i}-${randomUUID()}`;
      ids[i] = id;
      await client.workflow.start(emptyWorkflow, { taskQueue, workflowId: id });
    });
    const rate = (runs / (performance.now() - t0)) * 1000;
    await runPool(runs, 50, (i) => client.workflow.getHandle(ids[i]).result());
    return { rate, latencies, toLastMs: performance.now() - t0 };
  });
  await native.close();
  await connection.close();
  return result;
}
