/**
 * SQL of the run reads (list and detail), one statement each: the hot read paths are served by a
 * single round trip instead of one Prisma query per relation (docs/performance.md). Every value
 * reaches PostgreSQL as a bound parameter through Prisma.sql; nothing is concatenated.
 */
import { Prisma, type RunStatus } from '../../../../../prisma/client';
import type { RunCursor } from './run-cursor';
import type { RunVisibility } from './run-visibility';

export interface RunListFilter {
  status?: RunStatus;
  phase?: string;
  techLeadSub?: string;
  /** true: runs with an open task past due at `now`; false: runs without one. */
  overdue?: boolean;
  startDateFrom?: Date;
  startDateTo?: Date;
  /** Part of the hire's full name, compared without case or accents. */
  nameContains?: string;
  /** Plan key, any version. */
  planKey?: string;
  /** Runs whose trial period is undecided and ends on or before this day (UTC midnight). */
  trialEndingBy?: Date;
}

/** The columns OnboardingResponseDto.map shows, run `r` joined with hire `h`. */
export const RUN_COLUMNS = Prisma.sql`
  r.id, r.workflow_id, r.status::text AS status, r.phase, r.start_date::text AS start_date,
  r.time_zone,
  r.tech_lead_sub, r.tech_lead_email, r.tech_lead_name, r.created_at, r.updated_at,
  r.completed_at, h.id AS hire_id, h.full_name AS hire_full_name, h.email AS hire_email,
  h.locale AS hire_locale`;

/** A row selected with RUN_COLUMNS, as `pg` parses it (a date as text: no local-time Date). */
export interface RunColumns {
  id: string;
  workflow_id: string;
  status: string;
  phase: string;
  start_date: string;
  time_zone: string;
  tech_lead_sub: string | null;
  tech_lead_email: string | null;
  tech_lead_name: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  hire_id: string;
  hire_full_name: string;
  hire_email: string;
  hire_locale: string;
}

/** What the caller may see, from the verified principal only (run-visibility.ts). */
export function visibleTo(v: RunVisibility): Prisma.Sql {
  if (v.all) return Prisma.sql`TRUE`;
  const anyOf: Prisma.Sql[] = [];
  if (v.techLeadSub) anyOf.push(Prisma.sql`r.tech_lead_sub = ${v.techLeadSub}`);
  if (v.hireEmail) anyOf.push(Prisma.sql`h.email = ${v.hireEmail}`);
  return anyOf.length > 0 ? Prisma.sql`(${Prisma.join(anyOf, ' OR ')})` : Prisma.sql`FALSE`;
}

/** Task `t` of run `r` open past its due date at `now` (index task(run_id, status, due_at)). */
export function overdueTaskOfRun(now: Date): Prisma.Sql {
  return Prisma.sql`t.run_id = r.id AND t.status = 'OPEN' AND t.due_at < ${now}::timestamptz`;
}

/** `YYYY-MM-DD` of a UTC-midnight date: compared as a date, whatever the session time zone. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function matching(f: RunListFilter, now: Date, cursor: RunCursor | undefined): Prisma.Sql {
  const all: Prisma.Sql[] = [];
  if (f.status !== undefined) all.push(Prisma.sql`r.status = ${f.status}::"RunStatus"`);
  if (f.phase !== undefined) all.push(Prisma.sql`r.phase = ${f.phase}`);
  if (f.techLeadSub !== undefined) all.push(Prisma.sql`r.tech_lead_sub = ${f.techLeadSub}`);
  if (f.startDateFrom) all.push(Prisma.sql`r.start_date >= ${isoDay(f.startDateFrom)}::date`);
  if (f.startDateTo) all.push(Prisma.sql`r.start_date <= ${isoDay(f.startDateTo)}::date`);
  if (f.nameContains !== undefined) {
    // A contains search served by the trigram index hire_full_name_trgm_idx on lower(full_name);
    // LIKE's wildcards typed in the text are matched literally.
    const pattern = `%${f.nameContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    all.push(Prisma.sql`lower(h.full_name) LIKE ${pattern}`);
  }
  if (f.planKey !== undefined) {
    all.push(Prisma.sql`r.plan_id IN (SELECT p.id FROM plan p WHERE p.key = ${f.planKey})`);
  }
  if (f.trialEndingBy) all.push(trialEndingBy(f.trialEndingBy));
  const overdueTask = Prisma.sql`SELECT 1 FROM task t WHERE ${overdueTaskOfRun(now)}`;
  if (f.overdue === true) all.push(Prisma.sql`EXISTS (${overdueTask})`);
  if (f.overdue === false) all.push(Prisma.sql`NOT EXISTS (${overdueTask})`);
  // Row comparison: the (created_at, id) index serves it as a range, newest first.
  if (cursor) {
    all.push(
      Prisma.sql`(r.created_at, r.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  return all.length > 0 ? Prisma.join(all, ' AND ') : Prisma.sql`TRUE`;
}

/**
 * A trial still to decide (not CONFIRMED nor ENDED: its step is not DONE) whose end date, kept in
 * the step's data by the workflow, is on or before `day` (docs/journey.md).
 */
function trialEndingBy(day: Date): Prisma.Sql {
  // A cancelled run's trial is moot even if its step was left open.
  return Prisma.sql`r.status NOT IN ('CANCELLED', 'FAILED') AND EXISTS (SELECT 1 FROM run_step s WHERE s.run_id = r.id
    AND s.step_id = 'trial-period' AND s.status NOT IN ('DONE', 'CANCELLED')
    AND (s.data->>'endDate')::date <= ${isoDay(day)}::date)`;
}

/** Timestamps inside json_agg arrive as text: back to Date (null stays null). */
export function toDate(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
