/**
 * The date rule (domain/calendar/date-rules.ts, docs/api.md "Dates people send") on the real
 * stack, for the start and the reschedule: today, the late window's last day and the day before
 * it, a weekend, a Togolese holiday, 29 February, the horizon. Dates are computed from today with
 * the same calendar as the API, so the edges hold whatever day the suite runs.
 */
import request from 'supertest';
import { localDate } from '../../domain/calendar/date-rules';
import { loadHolidays } from '../../domain/calendar/holidays';
import { addCalendarDays, addWorkingDays, isWorkingDay } from '../../domain/calendar/working-days';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

const HORIZON = 1500; // reaches the next 29 February whatever today is
let stack: Stack;
const server = () => stack.app.getHttpServer();
const togo = loadHolidays('TG').dates;
const today = localDate(new Date(), 'Africa/Lome');
const windowLast = addWorkingDays(today, -5, togo);
const beforeWindow = addCalendarDays(windowLast, -1);
/** The first day from `from` on (within the horizon) that satisfies `pred`. */
function firstFrom(from: string, pred: (d: string) => boolean): string {
  for (let d = from; d <= addCalendarDays(today, HORIZON); d = addCalendarDays(d, 1)) {
    if (pred(d)) return d;
  }
  throw new Error(`no such day after ${from}`);
}
// Past the welcome (5 days before the start), so a reschedule is still allowed.
const saturday = firstFrom(addCalendarDays(today, 10), (d) => new Date(d).getUTCDay() === 6);
const holiday = firstFrom(addCalendarDays(today, 10), (d) => togo.has(d) && !isWeekend(d));
const leapDay = firstFrom(addCalendarDays(today, 10), (d) => d.endsWith('-02-29'));
function isWeekend(d: string): boolean {
  return [0, 6].includes(new Date(d).getUTCDay());
}

beforeAll(async () => {
  stack = await startStack({
    START_DATE_LATE_WINDOW_WORKING_DAYS: '5',
    DATE_HORIZON_DAYS: String(HORIZON),
  });
});
afterAll(() => stack?.stop());

const hr = () => stack.token('HR', 'hr-amina');
let n = 0;
async function start(startDate: string, status?: number) {
  n += 1;
  const res = await request(server())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${await hr()}`)
    .send({
      fullName: 'Yawa Adjo',
      email: `yawa.${n}@example.tg`,
      startDate,
      locale: 'fr',
      techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
    });
  if (status !== undefined)
    expect([startDate, res.status, res.body]).toMatchObject([startDate, status, {}]);
  return res;
}
async function reschedule(runId: string, startDate: string, status: number) {
  const res = await request(server())
    .put(`/v1/onboardings/${runId}/start-date`)
    .set('Authorization', `Bearer ${await hr()}`)
    .send({ startDate });
  expect([startDate, res.status, res.body]).toMatchObject([startDate, status, {}]);
  return res;
}
const refusal = (earliest: string, latest: string) => ({
  type: 'urn:df-onboarding:problem:validation',
  errors: [
    {
      name: 'startDate',
      reason: expect.stringContaining(`from ${earliest} to ${latest}`) as unknown,
    },
  ],
  allowedRange: { earliest, latest },
});
const latest = addCalendarDays(today, HORIZON);

describe('POST /v1/onboardings: startDate', () => {
  it('accepts today, the window’s last day, a weekend, a holiday and 29 February', async () => {
    expect(isWorkingDay(holiday, togo)).toBe(false);
    for (const date of [today, windowLast, saturday, holiday, leapDay]) {
      const res = await start(date);
      expect([date, res.status]).toEqual([date, 201]);
      expect(res.body).toMatchObject({ startDate: date });
    }
  });

  it('refuses the day before the window and the day after the horizon, naming the range', async () => {
    const early = await start(beforeWindow, 400);
    expect(early.body).toMatchObject(refusal(windowLast, latest));
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    const far = await start(addCalendarDays(latest, 1), 400);
    expect(far.body).toMatchObject(refusal(windowLast, latest));
    // 29 February of a common year is not a date at all.
    const notADate = await start(`${Number(leapDay.slice(0, 4)) + 1}-02-29`, 400);
    expect(notADate.body).toMatchObject({ errors: [{ name: 'startDate' }] });
  });

  it('opens the already-late steps at once, shown overdue', async () => {
    const res = await start(windowLast, 201);
    const id = (res.body as { id: string }).id;
    const deadline = Date.now() + 30_000;
    let overdue: unknown[] = [];
    while (overdue.length === 0) {
      if (Date.now() > deadline) throw new Error('no overdue task shown for a late start');
      const detail = await request(server())
        .get(`/v1/onboardings/${id}`)
        .set('Authorization', `Bearer ${await hr()}`)
        .expect(200);
      overdue = (detail.body as { overdueTasks: unknown[] }).overdueTasks;
      if (overdue.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(overdue.length).toBeGreaterThan(0);
  });
});

describe('PUT /v1/onboardings/{id}/start-date', () => {
  it('applies the same rule', async () => {
    const run = (await start(addCalendarDays(today, 60), 201)).body as { id: string };
    expect((await reschedule(run.id, beforeWindow, 400)).body).toMatchObject(
      refusal(windowLast, latest),
    );
    expect((await reschedule(run.id, addCalendarDays(latest, 1), 400)).body).toMatchObject(
      refusal(windowLast, latest),
    );
    // Still in pre-boarding after each of these (each start date is past the welcome).
    for (const date of [saturday, holiday, leapDay]) {
      expect((await reschedule(run.id, date, 200)).body).toMatchObject({ startDate: date });
    }
    // The window's last day ends pre-boarding (the welcome goes at once): last.
    expect((await reschedule(run.id, windowLast, 200)).body).toMatchObject({
      startDate: windowLast,
    });
  });

  it('accepts today', async () => {
    const run = (await start(addCalendarDays(today, 60), 201)).body as { id: string };
    expect((await reschedule(run.id, today, 200)).body).toMatchObject({ startDate: today });
  });
});
