/**
 * kill -9 the worker twice: while the runs are granting access through the ldap connector, and
 * while the completion emails are being sent; each time a new worker starts at once. Activities
 * that were running on the dead worker are retried once their start-to-close timeout expires
 * (provisioning 5 min, emails 1 min: no heartbeats), so this drill is the slowest.
 */
import { verify } from './checks';
import type { Drill } from './drill';
import {
  completeHireTasks,
  startRuns,
  waitCompleted,
  waitForOpenTasks,
  type DrillRun,
} from './runs';
import type { DrillSystem } from './system';
import { log, until } from './wait';

const RUNS = 12;

async function count(sys: DrillSystem, runs: DrillRun[], sql: string): Promise<number> {
  const { rows } = await sys.db.query<{ n: string }>(sql, [runs.map((r) => r.id)]);
  return Number(rows[0].n);
}

/** Kills the worker as soon as `progress` is above zero; returns the progress seen then. */
async function killWhenStarted(sys: DrillSystem, progress: () => Promise<number>): Promise<number> {
  let seen = 0;
  await until('first side effect', 120_000, async () => (seen = await progress()) > 0, 10);
  await sys.killWorker();
  return seen;
}

export const killWorkerDrill: Drill = {
  name: 'kill -9 worker',
  claim: 'a worker killed mid-provisioning and mid-email loses and duplicates nothing',
  async run(sys, ctx) {
    const runs = await startRuns(sys, 'kill', RUNS);
    const grants = () =>
      count(
        sys,
        runs,
        `SELECT count(*) AS n FROM audit_event WHERE run_id = ANY($1::uuid[]) AND action = 'access.granted'`,
      );
    const atGrantKill = await killWhenStarted(sys, grants);
    const grantsAfterKill = await grants();
    log(`worker killed with ${atGrantKill}/${RUNS * 2} grants recorded; starting a new one`);
    const killed1 = Date.now();
    await sys.startWorker();
    await waitForOpenTasks(sys, runs, 420_000);
    const recovered1 = (Date.now() - killed1) / 1000;

    const notices = () =>
      count(
        sys,
        runs,
        `SELECT count(*) AS n FROM email_log WHERE run_id = ANY($1::uuid[]) AND status = 'SENT' AND template = 'notice:journey-completed'`,
      );
    await completeHireTasks(sys, runs, 60_000);
    const atMailKill = await killWhenStarted(sys, notices);
    const mailAfterKill = await notices();
    log(`worker killed with ${atMailKill}/${RUNS * 3} completion emails sent; starting a new one`);
    const killed2 = Date.now();
    await sys.startWorker();
    await waitCompleted(sys, runs, 300_000);
    const recovered2 = (Date.now() - killed2) / 1000;

    const verdict = await verify(sys, runs, ctx.reference);
    const window = (seen: number, total: number) => (seen < total ? 'mid-way' : 'window missed');
    return {
      cases: runs.length,
      detail:
        `${RUNS} runs; kill 1 at ${atGrantKill}/${RUNS * 2} grants (${window(grantsAfterKill, RUNS * 2)}; all granted ${recovered1.toFixed(0)} s later), ` +
        `kill 2 at ${atMailKill}/${RUNS * 3} completion emails (${window(mailAfterKill, RUNS * 3)}; all sent ${recovered2.toFixed(0)} s later); ` +
        `${verdict.emails} emails, ${verdict.auditEvents} audit events checked`,
      problems: verdict.problems,
    };
  },
};
