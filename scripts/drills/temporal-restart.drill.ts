/**
 * Restart the Temporal dev server (SQLite state kept with --db-filename) while runs are in
 * flight: some waiting for their hire, some just started (activities running). The worker and
 * the API keep their connections and reconnect; every run then completes.
 */
import { verify } from './checks';
import type { Drill } from './drill';
import { completeHireTasks, startRuns, waitCompleted, waitForOpenTasks } from './runs';
import { log } from './wait';

export const temporalRestartDrill: Drill = {
  name: 'Temporal restart',
  claim: 'runs in flight survive a Temporal server restart; the worker reconnects',
  async run(sys, ctx) {
    const waiting = await startRuns(sys, 'temporal-waiting', 6);
    await waitForOpenTasks(sys, waiting, 60_000);
    const fresh = await startRuns(sys, 'temporal-fresh', 6);
    const { downMs } = await sys.restartTemporal();
    log(`Temporal restarted (${downMs} ms without a server)`);
    const runs = [...waiting, ...fresh];
    await waitForOpenTasks(sys, runs, 180_000);
    await completeHireTasks(sys, runs, 120_000);
    await waitCompleted(sys, runs, 180_000);
    sys.assertAlive(); // the same worker and API processes, reconnected
    const verdict = await verify(sys, runs, ctx.reference);
    return {
      cases: runs.length,
      detail: `${waiting.length} runs waiting + ${fresh.length} just started; server down ${(downMs / 1000).toFixed(1)} s; same worker reconnected; ${verdict.emails} emails checked`,
      problems: verdict.problems,
    };
  },
};
