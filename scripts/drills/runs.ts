/**
 * What the drills do through the API, as its users would: HR starts runs, each hire completes
 * their task. Calls made while a part is down are retried (bounded): the drills test that the
 * system recovers, not that a client gives up.
 */
import { randomBytes } from 'node:crypto';
import { DRILL_PLAN_KEY, drillStartDate } from './plan';
import type { DrillSystem } from './system';
import { sleep, until } from './wait';

export interface DrillRun {
  id: string;
  hireId: string;
  email: string;
}

/** Every run started by this drill session (the LDAP check expects one account per run). */
export const allRuns: DrillRun[] = [];

interface ApiAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

export async function call(
  sys: DrillSystem,
  method: string,
  route: string,
  token: string | undefined,
  body?: unknown,
): Promise<ApiAnswer> {
  const res = await fetch(`${sys.apiUrl}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: parsed };
}

/** Retries 5xx and network errors until `timeoutMs`; any other answer is returned. */
async function callUntilAnswered(
  sys: DrillSystem,
  method: string,
  route: string,
  token: string,
  body: unknown,
  timeoutMs = 60_000,
): Promise<ApiAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call(sys, method, route, token, body).catch((err: Error) => ({
      status: 0,
      contentType: '',
      body: err.message,
    }));
    if (answer.status > 0 && answer.status < 500) return answer;
    if (Date.now() > deadline) {
      throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await sleep(500);
  }
}

/** HR starts `count` runs of the drill plan at once. */
export async function startRuns(
  sys: DrillSystem,
  label: string,
  count: number,
): Promise<DrillRun[]> {
  const hr = await sys.token(['HR'], 'hr-drills');
  const tag = randomBytes(3).toString('hex');
  const runs = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const email = `${label}-${i + 1}-${tag}@drill.example.tg`;
      const answer = await callUntilAnswered(sys, 'POST', '/v1/onboardings', hr, {
        fullName: `Drill ${label} ${i + 1}`,
        email,
        startDate: drillStartDate(),
        locale: i % 2 ? 'en' : 'fr',
        planKey: DRILL_PLAN_KEY,
        techLead: {
          sub: `tl-${label}`,
          email: `tl-${label}-${tag}@drill.example.tg`,
          name: 'Drill Lead',
        },
      });
      if (answer.status !== 201) {
        throw new Error(`start ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      const run = answer.body as { id: string; hire: { id: string } };
      return { id: run.id, hireId: run.hire.id, email };
    }),
  );
  allRuns.push(...runs);
  return runs;
}

/** Resolves once every run has its hire task open (the runs are then in flight, waiting). */
export async function waitForOpenTasks(sys: DrillSystem, runs: DrillRun[], timeoutMs: number) {
  await until(`hire tasks open in ${runs.length} runs`, timeoutMs, async () => {
    const { rows } = await sys.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM task WHERE run_id = ANY($1::uuid[]) AND status = 'OPEN'`,
      [runs.map((r) => r.id)],
    );
    return Number(rows[0].n) === runs.length;
  });
}

/** Each hire lists their tasks and completes the open one, as the task email invites them to. */
export async function completeHireTasks(sys: DrillSystem, runs: DrillRun[], timeoutMs: number) {
  await Promise.all(
    runs.map(async (run) => {
      const token = await sys.token(['HIRE'], `hire-${run.hireId}`, run.email);
      let taskId: string | undefined;
      await until(`task of ${run.email}`, timeoutMs, async () => {
        const mine = await callUntilAnswered(sys, 'GET', '/v1/tasks/mine', token, undefined);
        taskId = (mine.body as { id: string }[])[0]?.id;
        return taskId !== undefined;
      });
      const done = await callUntilAnswered(sys, 'POST', `/v1/tasks/${taskId}/complete`, token, {});
      if (done.status !== 200) {
        throw new Error(
          `complete task of ${run.email}: ${done.status} ${JSON.stringify(done.body)}`,
        );
      }
    }),
  );
}

export async function waitCompleted(sys: DrillSystem, runs: DrillRun[], timeoutMs: number) {
  await until(
    `${runs.length} runs COMPLETED`,
    timeoutMs,
    async () => {
      sys.assertAlive();
      const { rows } = await sys.db.query<{ n: string }>(
        `SELECT count(*) AS n FROM onboarding_run WHERE id = ANY($1::uuid[]) AND status = 'COMPLETED'`,
        [runs.map((r) => r.id)],
      );
      return Number(rows[0].n) === runs.length;
    },
    500,
  );
}
