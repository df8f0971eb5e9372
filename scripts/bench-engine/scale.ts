/**
 * Scale: N runs in flight on one worker with its production tuning (the WORKER_* defaults), then
 * every one of them woken for its next step. Each run is started through the API with a start
 * date a year ahead, so it sits in pre-boarding on its welcome timer; once all are RUNNING and the
 * worker is idle (its sticky cache holds at most WORKER_MAX_CACHED_WORKFLOWS of them), HR moves
 * every start date to 3 days ahead (PUT /v1/onboardings/:id/start-date, oldest run first): the
 * welcome is then due at once, so each run, most of them evicted from the cache, must be replayed
 * to take the update, re-plan and send its welcome email. Counted from the database (email_log)
 * and the SMTP server; the worker's RSS is sampled every second over the whole stage.
 * Also measured with 0 runs (baseline, same processes) and with N: API RSS, pg_database_size, the
 * Temporal dev server's SQLite size, and the p50/p99 of `GET /v1/onboardings?limit=20`.
 */
import { fork } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPlans } from '../../domain/plans/load-plans';
import { parsePlan, type PlanFile } from '../../domain/plans/plan.schema';
import { createPrismaClient } from '../../prisma/client';
import { seedPlans } from '../../prisma/seed-plans';
import { MailCatcher } from '../mail-catcher';
import { freePort, removeDir, rss, sampleRss, sleep, waitIdle, workDir } from './infra';
import type { ListLoadResult, ListLoadSpec } from './list-load';
import type { StageResult } from './start-rate';
import { envInt, formatNumber, mib, percentile, runPool, table } from './stats';
import { cpuLine, startSystem, type SystemUnderTest } from './system';

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PLAN_KEY = 'bench-scale';
const HIRE = /^bench-scale-\d+@example\.tg$/;
const RUNNING_SQL = `SELECT count(*) AS n FROM onboarding_run WHERE status = 'RUNNING'`;
/** A run's next step done: its welcome email delivered (the activity's own record). */
const WELCOMED_SQL = `SELECT count(DISTINCT run_id) AS n FROM email_log WHERE template = 'welcome' AND status = 'SENT'`;

/**
 * The stock plan with every step held behind its day-30 checkpoint, and no trial: the welcome
 * email is then the only step a run takes in this stage (the stock plan opens its grants, documents
 * and tasks with the welcome, ~5 emails and a dozen activities more per run, which the start stage
 * measures). The run keeps the stock plan's whole schedule in memory, as in production.
 */
export function scalePlan(key: string): PlanFile {
  const base = loadPlans().find((p) => p.plan.key === 'rust-backend-engineer')!.plan;
  const hold = base.phases.flatMap((p) => p.steps).find((s) => s.kind === 'CHECKPOINT')!.id;
  return {
    ...base,
    key,
    trial: undefined,
    phases: base.phases.map((phase) => ({
      ...phase,
      steps: phase.steps.map((step) =>
        step.kind === 'CHECKPOINT' || step.dependsOn?.length
          ? step
          : { ...step, dependsOn: [hold] },
      ),
    })),
  };
}

export async function benchScale(adminUrl: string): Promise<StageResult> {
  const runs = envInt('BENCH_SCALE_RUNS', 10_000);
  const concurrency = envInt('BENCH_SCALE_CONCURRENCY', 16);
  const listRequests = envInt('BENCH_SCALE_LIST_REQUESTS', 2_000);
  const timeoutMs = envInt('BENCH_SCALE_TIMEOUT_SECONDS', 2_400) * 1000;
  const maxRssMiB = envInt('BENCH_SCALE_MAX_RSS_MIB', 400);
  // Unset: the worker runs on the production defaults of config/env.ts.
  const cacheOverride = process.env.BENCH_SCALE_WORKER_CACHE;
  // Settings to try on the worker, e.g. "WORKER_HEAP_MIB=80;WORKER_MALLOC_ARENA_MAX=0". Unset: the
  // memory bounds the worker applies to itself (config/worker-memory.ts), as in production.
  const extraEnv = Object.fromEntries(
    (process.env.BENCH_SCALE_WORKER_ENV ?? '')
      .split(';')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  // Welcome due 5 days before the start: a year ahead keeps every run on its first timer; 3 days
  // ahead makes it due at once.
  const farStart = isoDate(Date.now() + 365 * DAY);
  const nearStart = isoDate(Date.now() + 3 * DAY);

  // A file for memory-probe.ts lines (main heap, workflow-thread heap, RSS), when set.
  const probe = process.env.BENCH_SCALE_MEMORY_PROBE;
  const dir = workDir('scale');
  const mail = new MailCatcher();
  const metricsUrl = `http://127.0.0.1:${await freePort()}/metrics`;
  const sut = await startSystem({
    dir,
    adminUrl,
    smtpPort: await mail.start(),
    beforeStart: async (url) => {
      const prisma = createPrismaClient({ url, schema: 'public', poolSize: 1 });
      await seedPlans(prisma, [parsePlan(scalePlan(PLAN_KEY))]);
      await prisma.$disconnect();
    },
    workerEnv: {
      // The SDK's own sticky-cache counters (hits, misses, forced evictions) for the report.
      WORKER_METRICS_ADDRESS: new URL(metricsUrl).host,
      ...(cacheOverride ? { WORKER_MAX_CACHED_WORKFLOWS: cacheOverride } : {}),
      ...extraEnv,
      ...(probe
        ? {
            NODE_OPTIONS:
              `${extraEnv.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'memory-probe.js')}`.trim(),
            BENCH_MEMORY_PROBE_FILE: probe,
          }
        : {}),
    },
  }).catch(async (err: unknown) => {
    await mail.stop();
    removeDir(dir);
    throw err;
  });
  const sampler = sampleRss(sut.worker.pid!);
  // A line a minute on stdout: a long run that is stopped early still tells how far it got.
  const stage0 = performance.now();
  let phase = 'baseline';
  let sent = 0;
  const progress = setInterval(() => {
    void Promise.all([count(sut, RUNNING_SQL), count(sut, WELCOMED_SQL)]).then(
      ([running, welcomed]) =>
        console.log(
          `[scale] ${((performance.now() - stage0) / 1000).toFixed(0)} s, ${phase}: ${sent} requests answered, ${running} RUNNING, ${welcomed} welcomed; worker RSS ${formatNumber(mib(rss(sut.worker.pid!).now))} MiB (peak so far ${formatNumber(mib(sampler.peak()))})`,
        ),
      () => undefined,
    );
  }, 60_000);
  progress.unref();
  try {
    const tuning = workerTuning(path.join(dir, 'worker.log'));
    const token = await sut.token('HR', 'bench-hr');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await sleep(2_000);
    const before = await snapshot(sut, token, listRequests);
    const baselinePeak = sampler.phase();

    // 1. N runs in flight, each on its welcome timer.
    const cpu0 = sut.cpuSeconds();
    const t0 = performance.now();
    const ids: string[] = [];
    phase = 'start (POST)';
    const latencies = await runPool(
      runs,
      concurrency,
      async (i) => {
        const res = await fetch(`${sut.apiUrl}/v1/onboardings`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            fullName: `Bench Hire ${i}`,
            email: `bench-scale-${i}@example.tg`,
            startDate: farStart,
            planKey: PLAN_KEY,
            locale: i % 3 === 0 ? 'en' : 'fr',
            techLead: { sub: `tl-${i % 50}`, email: `tl${i % 50}@example.tg`, name: 'Tech Lead' },
          }),
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        ids[i] = ((await res.json()) as { id: string }).id;
        sent++;
      },
      () => performance.now() - t0 > timeoutMs,
    );
    const posted = ids.filter(Boolean).length;
    const startSeconds = (performance.now() - t0) / 1000;
    let running = 0;
    for (;;) {
      running = await count(
        sut,
        `SELECT count(*) AS n FROM onboarding_run WHERE status = 'RUNNING'`,
      );
      if (running >= posted || performance.now() - t0 > timeoutMs) break;
      await sleep(1_000);
    }
    const runningSeconds = (performance.now() - t0) / 1000;
    if (running >= posted) await waitIdle(sut.worker.pid!);
    const settledSeconds = (performance.now() - t0) / 1000;
    const cpu1 = sut.cpuSeconds();
    const startPeak = sampler.phase();
    const inFlight = await snapshot(sut, token, listRequests);
    const cache0 = await stickyCache(metricsUrl);

    // 2. Every run's next step: HR moves its start date, its welcome is due at once.
    const t1 = performance.now();
    const refused: string[] = [];
    phase = 'next step (PUT start-date)';
    sent = 0;
    const wakeLatencies = await runPool(
      posted,
      concurrency,
      async (i) => {
        const res = await fetch(`${sut.apiUrl}/v1/onboardings/${ids[i]}/start-date`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ startDate: nearStart }),
        });
        sent++;
        if (res.status === 200) await res.arrayBuffer();
        else refused.push(`${res.status} ${(await res.text()).slice(0, 300)}`);
      },
      () => performance.now() - t1 > timeoutMs,
    );
    const updateSeconds = (performance.now() - t1) / 1000;
    let welcomed = 0;
    for (;;) {
      welcomed = await count(sut, WELCOMED_SQL);
      if (welcomed >= posted || performance.now() - t1 > timeoutMs) break;
      await sleep(1_000);
    }
    const welcomedSeconds = (performance.now() - t1) / 1000;
    if (welcomed >= posted) await waitIdle(sut.worker.pid!);
    const wakeSeconds = (performance.now() - t1) / 1000;
    const cpu2 = sut.cpuSeconds();
    const wakePeak = sampler.phase();
    const cache1 = await stickyCache(metricsUrl);
    const after = await snapshot(sut, token, listRequests);
    const smtpWelcomed = new Set(
      mail.messages.flatMap((m) => m.envelopeTo).filter((to) => HIRE.test(to)),
    ).size;
    const stillRunning = await count(sut, RUNNING_SQL);
    const peak = Math.max(sampler.peak(), rss(sut.worker.pid!).now);
    const hwm = rss(sut.worker.pid!).peak;

    const problems = [
      ...(posted < runs ? [`${posted}/${runs} runs started`] : []),
      ...(running < posted ? [`${running}/${posted} RUNNING`] : []),
      ...(refused.length
        ? [`${refused.length} start-date updates refused, first: ${refused[0]}`]
        : []),
      ...(welcomed < runs ? [`${welcomed}/${runs} runs completed their welcome step`] : []),
      ...(smtpWelcomed < welcomed
        ? [`${smtpWelcomed}/${welcomed} welcome emails reached the SMTP server`]
        : []),
      ...(mib(peak) >= maxRssMiB
        ? [`worker peak RSS ${formatNumber(mib(peak))} MiB ≥ ${maxRssMiB} MiB`]
        : []),
    ];
    const n = (x: number) => x.toLocaleString('en-US');
    const rssRow = (label: string, a: number, b: number, c: number): (string | number)[] => [
      label,
      mib(a),
      mib(b),
      mib(c),
    ];
    const delta = (k: keyof StickyCache) => cache1[k] - cache0[k];
    return {
      title: 'Scale',
      failed: problems.length ? problems.join('; ') : undefined,
      notes: [
        `worker tuning and memory bounds (its "worker started" line): ${JSON.stringify(tuning)}${cacheOverride ? ' (WORKER_MAX_CACHED_WORKFLOWS set by BENCH_SCALE_WORKER_CACHE)' : ' (production defaults, config/env.ts)'}${Object.keys(extraEnv).length ? `; BENCH_SCALE_WORKER_ENV ${JSON.stringify(extraEnv)}` : ''}.`,
        `**${n(welcomed)}/${n(runs)} runs completed their next step** (welcome email SENT in email_log, after all were RUNNING and the worker idle); ${n(smtpWelcomed)} hires received it at the SMTP server; ${n(stillRunning)} runs RUNNING at the end.`,
        `**worker peak RSS over the whole stage: ${formatNumber(mib(peak))} MiB** (sampled every second; kernel high-water mark VmHWM ${formatNumber(mib(hwm))} MiB); bound checked: < ${maxRssMiB} MiB.`,
        `start: ${n(posted)} runs through POST /v1/onboardings (${concurrency} concurrent, start date ${farStart}) in ${startSeconds.toFixed(0)} s (${(posted / startSeconds).toFixed(1)} runs/s; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms); all RUNNING after ${runningSeconds.toFixed(0)} s, worker idle after ${settledSeconds.toFixed(0)} s. ${cpuLine(cpu0, cpu1)}.`,
        `next step: ${n(posted - refused.length)} × PUT /v1/onboardings/:id/start-date → ${nearStart} (oldest run first, ${concurrency} concurrent) in ${updateSeconds.toFixed(0)} s (p50 ${percentile(wakeLatencies, 50).toFixed(0)} ms, p99 ${percentile(wakeLatencies, 99).toFixed(0)} ms); every welcome SENT after ${welcomedSeconds.toFixed(0)} s, worker idle after ${wakeSeconds.toFixed(0)} s (${(welcomed / wakeSeconds).toFixed(1)} runs/s). ${cpuLine(cpu1, cpu2)}.`,
        `sticky cache during the next step (SDK metrics): ${n(delta('miss'))} misses (replays from history), ${n(delta('hit'))} hits, ${n(delta('evictions'))} forced evictions; cache size ${n(cache0.size)} before, ${n(cache1.size)} after.`,
        `list: ${listRequests} × GET /v1/onboardings?limit=20 (plain, status=RUNNING, techLead=tl-7 in turn), 10 concurrent, from a child process.`,
        `plan: the stock plan with every step held behind its day-30 checkpoint, no trial (scalePlan): the welcome is the only step due.`,
      ],
      table: table(
        [
          'measure',
          '0 runs (baseline)',
          `${n(running)} runs in flight`,
          `after ${n(welcomed)} next steps`,
        ],
        [
          rssRow('worker RSS (MiB)', before.workerRss, inFlight.workerRss, after.workerRss),
          rssRow(
            'worker peak RSS, sampled over the phase (MiB)',
            baselinePeak,
            startPeak,
            wakePeak,
          ),
          rssRow('API RSS (MiB)', before.apiRss, inFlight.apiRss, after.apiRss),
          rssRow('pg_database_size (MiB)', before.dbBytes, inFlight.dbBytes, after.dbBytes),
          rssRow(
            'Temporal dev server SQLite (MiB)',
            before.temporalBytes,
            inFlight.temporalBytes,
            after.temporalBytes,
          ),
          ['list req/s', before.list.rps, inFlight.list.rps, after.list.rps],
          ['list p50 ms', before.list.p50, inFlight.list.p50, after.list.p50],
          ['list p99 ms', before.list.p99, inFlight.list.p99, after.list.p99],
        ],
      ),
    };
  } finally {
    clearInterval(progress);
    sampler.stop();
    const keep = process.env.BENCH_SCALE_KEEP_LOGS;
    if (keep) copyFileSync(path.join(dir, 'worker.log'), keep);
    await sut.stop();
    await mail.stop();
    removeDir(dir);
  }
}

async function count(sut: SystemUnderTest, sql: string): Promise<number> {
  const [{ n }] = await sut.db.query<{ n: string }>(sql);
  return Number(n);
}

/** The tuning the worker reports it started with (its lifecycle line, JSON). */
function workerTuning(logFile: string): Record<string, unknown> {
  const line = readFileSync(logFile, 'utf8')
    .split('\n')
    .find((l) => l.includes('worker started'));
  const parsed = JSON.parse(line ?? '{}') as Record<string, unknown>;
  const keys = [
    'maxCachedWorkflows',
    'maxConcurrentWorkflowTaskExecutions',
    'maxConcurrentActivityTaskExecutions',
    'heapLimitMiB',
    'mallocArenaMax',
  ];
  return Object.fromEntries(keys.map((k) => [k, parsed[k]]));
}

interface StickyCache {
  hit: number;
  miss: number;
  evictions: number;
  size: number;
}

/** The SDK's sticky-cache series on the worker's Prometheus endpoint, summed over labels. */
async function stickyCache(url: string): Promise<StickyCache> {
  const text = await fetch(url).then((r) => r.text());
  const sum = (name: string) =>
    text
      .split('\n')
      .filter((l) => new RegExp(`^\\w*${name}(_total)?[{ ]`).test(l))
      .reduce((s, l) => s + Number(l.trim().split(/\s+/).at(-1)), 0);
  return {
    hit: sum('sticky_cache_hit'),
    miss: sum('sticky_cache_miss'),
    evictions: sum('sticky_cache_total_forced_eviction'),
    size: sum('sticky_cache_size'),
  };
}

async function snapshot(sut: SystemUnderTest, token: string, requests: number) {
  const list = await listLoad({
    baseUrl: sut.apiUrl,
    token,
    paths: [
      '/v1/onboardings?limit=20',
      '/v1/onboardings?limit=20&status=RUNNING',
      '/v1/onboardings?limit=20&techLead=tl-7',
    ],
    requests,
    concurrency: 10,
  });
  if (list.non2xx > 0) throw new Error(`list answered ${list.non2xx} non-2xx`);
  return {
    workerRss: rss(sut.worker.pid!).now,
    apiRss: rss(sut.api.pid!).now,
    dbBytes: await sut.db.sizeBytes(),
    temporalBytes: sut.temporal.dbBytes(),
    list,
  };
}

function listLoad(spec: ListLoadSpec): Promise<ListLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'list-load.js'));
    child.once('message', (r: ListLoadResult) => resolve(r));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`list-load exited ${code}`)));
    child.send(spec);
  });
}
