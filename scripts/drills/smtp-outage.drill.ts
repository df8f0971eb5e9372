/**
 * The SMTP relay is down while runs start: the emails fail and are retried with backoff. Once it
 * is back every email is delivered, each exactly once.
 */
import { verify } from './checks';
import type { Drill } from './drill';
import { completeHireTasks, startRuns, waitCompleted, waitForOpenTasks } from './runs';
import { log, sleep, until } from './wait';

const RUNS = 6;
const OUTAGE_MS = 15_000;

export const smtpOutageDrill: Drill = {
  name: 'SMTP outage',
  claim: 'emails sent while the relay is down are delivered once after it returns',
  async run(sys, ctx) {
    await sys.stopSmtp();
    const down = Date.now();
    const runs = await startRuns(sys, 'smtp', RUNS);
    const failures = async () => {
      const { rows } = await sys.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM email_log WHERE run_id = ANY($1::uuid[]) AND status = 'FAILED'`,
        [runs.map((r) => r.id)],
      );
      return Number(rows[0].n);
    };
    await until('welcome emails failing', 60_000, async () => (await failures()) >= RUNS);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - down)));
    const failedDuringOutage = await failures();
    await sys.startSmtp();
    const outage = Date.now() - down;
    log(
      `relay back after ${(outage / 1000).toFixed(1)} s; ${failedDuringOutage} emails were waiting`,
    );
    await waitForOpenTasks(sys, runs, 120_000);
    await completeHireTasks(sys, runs, 60_000);
    await waitCompleted(sys, runs, 120_000);
    const { rows } = await sys.db.query<{ max: number }>(
      'SELECT max(attempts) AS max FROM email_log WHERE run_id = ANY($1::uuid[])',
      [runs.map((r) => r.id)],
    );
    const verdict = await verify(sys, runs, ctx.reference);
    return {
      cases: runs.length,
      detail: `${RUNS} runs; relay down ${(outage / 1000).toFixed(1)} s, ${failedDuringOutage} emails failing meanwhile (up to ${rows[0].max} attempts); ${verdict.emails} emails delivered once`,
      problems: verdict.problems,
    };
  },
};
