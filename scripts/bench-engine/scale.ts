/**
 * Scale: N runs in flight, each started through the API with a start date far ahead so it sits in
 * pre-boarding on its welcome timer. Measured with 0 runs (the baseline, same processes) and with
 * N: worker and API RSS, pg_database_size, the Temporal dev server's SQLite size, and the p50/p99
 * of `GET /v1/onboardings?limit=20` driven from a child process.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { MailCatcher } from '../mail-catcher';
import { removeDir, rss, sleep, waitIdle, workDir } from './infra';
import type { ListLoadResult, ListLoadSpec } from './list-load';
import type { StageResult } from './start-rate';
import { envInt, mib, percentile, runPool, table } from './stats';
import { cpuLine, startSystem, type SystemUnderTest } from './system';

const DAY = 86_400_000;

export async function benchScale(adminUrl: string): Promise<StageResult> {
  const runs = envInt('BENCH_SCALE_RUNS', 10_000);
  const concurrency = envInt('BENCH_SCALE_CONCURRENCY', 16);
  const listRequests = envInt('BENCH_SCALE_LIST_REQUESTS', 2_000);
  const timeoutMs = envInt('BENCH_SCALE_TIMEOUT_SECONDS', 2_400) * 1000;
  // Welcome due 5 days before the start: a start a year ahead keeps every run on its first timer.
  const startDate = new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10);

  const dir = workDir('scale');
  const mail = new MailCatcher();
  const sut = await startSystem({ dir, adminUrl, smtpPort: await mail.start() }).catch(
    async (err: unknown) => {
      await mail.stop();
      removeDir(dir);
      throw err;
    },
  );
  try {
    const token = await sut.token('HR', 'bench-hr');
    await sleep(2_000);
    const before = await snapshot(sut, token, listRequests);

    const cpu0 = sut.cpuSeconds();
    const t0 = performance.now();
    let posted = 0;
    const latencies = await runPool(
      runs,
      concurrency,
      async (i) => {
        const res = await fetch(`${sut.apiUrl}/v1/onboardings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            fullName: `Bench Hire ${i}`,
            email: `bench-scale-${i}@example.tg`,
            startDate,
            locale: i % 3 === 0 ? 'en' : 'fr',
            techLead: { sub: `tl-${i % 50}`, email: `tl${i % 50}@example.tg`, name: 'Tech Lead' },
          }),
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        posted++;
      },
      () => performance.now() - t0 > timeoutMs,
    );
    const startSeconds = (performance.now() - t0) / 1000;
    // Settled: every run projected RUNNING (its first activity) and the worker idle again.
    let runningSeconds = 0;
    let running = 0;
    for (;;) {
      const [{ n }] = await sut.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM onboarding_run WHERE status = 'RUNNING'`,
      );
      running = Number(n);
      runningSeconds = (performance.now() - t0) / 1000;
      if (running >= posted || performance.now() - t0 > timeoutMs) break;
      await sleep(1_000);
    }
    if (running >= posted) await waitIdle(sut.worker.pid!);
    const settledSeconds = (performance.now() - t0) / 1000;
    const cpu1 = sut.cpuSeconds();
    const after = await snapshot(sut, token, listRequests);

    const row = (label: string, a: number, b: number): (string | number)[] => [label, a, b, b / a];
    return {
      title: 'Scale',
      notes: [
        ...(posted < runs || running < posted
          ? [
              `BOUNDED: BENCH_SCALE_TIMEOUT_SECONDS (${timeoutMs / 1000}) reached with ${posted} runs started and ${running} RUNNING; figures below are for those.`,
            ]
          : []),
        `${posted.toLocaleString('en-US')} runs started through POST /v1/onboardings (${concurrency} concurrent) in ${startSeconds.toFixed(0)} s (${(posted / startSeconds).toFixed(0)} runs/s; p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms); all projected RUNNING after ${runningSeconds.toFixed(0)} s, all on their welcome timer (worker idle) after ${settledSeconds.toFixed(0)} s (${(running / settledSeconds).toFixed(1)} runs/s end to end).`,
        cpuLine(cpu0, cpu1),
        `list: ${listRequests} × GET /v1/onboardings?limit=20 (plain, status=RUNNING, techLead=tl-7 in turn), 10 concurrent, from a child process.`,
        `baseline: the same processes and measures with 0 runs.`,
      ],
      table: table(
        ['measure', '0 runs (baseline)', `${running.toLocaleString('en-US')} runs`, '÷ baseline'],
        [
          row('worker RSS (MiB)', mib(before.workerRss), mib(after.workerRss)),
          row('worker peak RSS (MiB)', mib(before.workerPeak), mib(after.workerPeak)),
          row('API RSS (MiB)', mib(before.apiRss), mib(after.apiRss)),
          row('pg_database_size (MiB)', mib(before.dbBytes), mib(after.dbBytes)),
          row(
            'Temporal dev server SQLite (MiB)',
            mib(before.temporalBytes),
            mib(after.temporalBytes),
          ),
          row('list req/s', before.list.rps, after.list.rps),
          row('list p50 ms', before.list.p50, after.list.p50),
          row('list p99 ms', before.list.p99, after.list.p99),
        ],
      ),
    };
  } finally {
    await sut.stop();
    await mail.stop();
    removeDir(dir);
  }
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
  const worker = rss(sut.worker.pid!);
  return {
    workerRss: worker.now,
    workerPeak: worker.peak,
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
