/**
 * PostgreSQL (the drills' private cluster) stops while runs are in flight, then starts again.
 * Meanwhile every API call that needs it answers 503 application/problem+json without internals;
 * afterwards the API answers again by itself and the worker's retried activities write every
 * projection and audit event once.
 */
import { hasStackTrace, verify } from './checks';
import type { Drill } from './drill';
import { drillStartDate } from './plan';
import { call, completeHireTasks, startRuns, waitCompleted, waitForOpenTasks } from './runs';
import { log, sleep, until } from './wait';

const OUTAGE_MS = 12_000;

export const postgresRestartDrill: Drill = {
  name: 'PostgreSQL restart',
  claim:
    'the API answers 503 problem+json while PostgreSQL is down, then recovers; no audit event lost',
  async run(sys, ctx) {
    const waiting = await startRuns(sys, 'pg-waiting', 6);
    await waitForOpenTasks(sys, waiting, 60_000);
    const fresh = await startRuns(sys, 'pg-fresh', 4);
    const runs = [...waiting, ...fresh];
    const hr = await sys.token(['HR'], 'hr-drills');
    const hire = await sys.token(['HIRE'], `hire-${waiting[0].hireId}`, waiting[0].email);
    const probes: [string, string, string, unknown?][] = [
      ['GET', '/health/ready', hr],
      ['GET', '/v1/onboardings', hr],
      ['GET', `/v1/onboardings/${waiting[0].id}`, hr],
      ['GET', `/v1/onboardings/${waiting[0].id}/audit`, hr],
      ['GET', '/v1/tasks/mine', hire],
      [
        'POST',
        '/v1/onboardings',
        hr,
        {
          fullName: 'Drill Outage',
          email: 'pg-outage@drill.example.tg',
          // Allowed by the date rule, so the start reaches PostgreSQL (and answers 503).
          startDate: drillStartDate(),
          locale: 'fr',
          techLead: { sub: 'tl-x', email: 'tl-x@drill.example.tg', name: 'X' },
        },
      ],
    ];

    await sys.stopPostgres();
    const down = Date.now();
    const problems: string[] = [];
    let answers = 0;
    let slowest = 0;
    while (Date.now() - down < OUTAGE_MS) {
      for (const [method, route, token, body] of probes) {
        const t0 = Date.now();
        const a = await call(sys, method, route, token, body).catch((err: Error) => ({
          status: 0,
          contentType: '',
          body: err.message,
        }));
        slowest = Math.max(slowest, Date.now() - t0);
        answers++;
        const text = JSON.stringify(a.body);
        if (a.status !== 503)
          problems.push(`${method} ${route} answered ${a.status} while PostgreSQL was down`);
        else if (!a.contentType.startsWith('application/problem+json'))
          problems.push(`${method} ${route}: 503 as ${a.contentType}`);
        if (hasStackTrace(text)) problems.push(`${method} ${route}: stack trace in the answer`);
      }
      await sleep(500);
    }
    await sys.startPostgres();
    const up = Date.now();
    await until(
      'API answers again',
      60_000,
      async () => (await call(sys, 'GET', '/v1/onboardings', hr)).status === 200,
    );
    const recoveryMs = Date.now() - up;
    log(
      `PostgreSQL down ${((up - down) / 1000).toFixed(1)} s; ${answers} API answers meanwhile; API back ${recoveryMs} ms after restart`,
    );

    await waitForOpenTasks(sys, runs, 180_000);
    await completeHireTasks(sys, runs, 60_000);
    await waitCompleted(sys, runs, 180_000);
    const verdict = await verify(sys, runs, ctx.reference);
    return {
      cases: runs.length,
      detail:
        `${runs.length} runs (${fresh.length} just started); down ${((up - down) / 1000).toFixed(1)} s: ` +
        `${answers} API calls, all 503 problem+json expected (slowest ${slowest} ms); API back ${recoveryMs} ms after restart; ` +
        `${verdict.auditEvents} audit events checked`,
      problems: [...new Set(problems), ...verdict.problems],
    };
  },
};
