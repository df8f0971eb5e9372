/**
 * A run's codebase tours and their calendar. The dates are the worker's: the same schedule
 * (toJourneySchedule on the run's plan snapshot, start date, time zone and holidays) for the tours
 * not opened yet, the projected step (run_step) once the workflow has opened it. Each tour is the
 * one-hour slot ending at its due instant, as in the invite emailed with the tour's task, and has
 * the invite's UID: a downloaded calendar updates the emailed event instead of adding a second.
 */
import { Inject, Injectable } from '@nestjs/common';
import { toJourneySchedule } from '../../../../activities/schedule.activities';
import { renderCalendar } from '../../../../activities/templates/ics.template';
import { loadHolidays } from '../../../../domain/calendar/holidays';
import type { AppConfig } from '../../../../config/env';
import { parsePlan } from '../../../../domain/plans/plan.schema';
import type { Principal } from '../auth/roles';
import { APP_CONFIG } from '../infra/tokens';
import { canSee, visibilityOf } from '../onboardings/read/run-visibility';
import { ProblemException } from '../http/problem';
import { TourResponseDto } from './dto/tour-response.dto';
import { ToursRepository, type TourRun } from './tours.repository';

const SLOT_MS = 60 * 60_000;
const CLOSED = new Set(['DONE', 'CANCELLED', 'REVOKED', 'REJECTED']);

export type TourLang = 'fr' | 'en';

@Injectable()
export class ToursService {
  private readonly calendars = new Map<number, ReadonlySet<string>>();

  constructor(
    private readonly runs: ToursRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The hire of the run, its tech lead, HR and ADMIN (the guard checks the roles); others 404. */
  async list(id: string, caller: Principal, now = new Date()): Promise<TourResponseDto[]> {
    return this.toursOf(await this.visibleRun(id, caller), now);
  }

  async calendar(
    id: string,
    caller: Principal,
    lang: TourLang,
    now = new Date(),
  ): Promise<{ filename: string; body: string }> {
    const run = await this.visibleRun(id, caller);
    const cancelled = run.status === 'CANCELLED';
    const shown = this.toursOf(run, now).filter(
      (t) => t.upcoming || (cancelled && Date.parse(t.endsAt) > +now),
    );
    const events = shown.map((t) => ({
      runId: run.id,
      stepId: t.stepId,
      start: new Date(t.startsAt),
      end: new Date(t.endsAt),
      summary: `${t.title[lang]} — ${run.hire.fullName}`,
      description: [
        t.guideName ? `Guide : ${t.guideName}` : undefined,
        t.topics.length ? `${lang === 'fr' ? 'Sujets' : 'Topics'} : ${t.topics.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      cancelled,
    }));
    const name = lang === 'fr' ? 'Visites du code' : 'Codebase tours';
    return {
      filename: `tours-${run.id}.ics`,
      body: renderCalendar(`${name} — ${run.hire.fullName}`, events, now),
    };
  }

  private async visibleRun(id: string, caller: Principal): Promise<TourRun> {
    const run = await this.runs.findRunWithTours(id);
    const hireEmail = run?.hire.email.toLowerCase() ?? '';
    if (!run || !canSee(visibilityOf(caller), { techLeadSub: run.techLeadSub, hireEmail }))
      throw ProblemException.notFound(`Onboarding run ${id}`);
    return run;
  }

  private toursOf(run: TourRun, now: Date): TourResponseDto[] {
    if (!run.plan) return [];
    const plan = parsePlan(run.plan.definition);
    const startDate = run.startDate.toISOString().slice(0, 10);
    const schedule = toJourneySchedule(plan, startDate, run.timeZone, this.holidays(startDate));
    const planSteps = new Map(plan.phases.flatMap((p) => p.steps.map((s) => [s.id, s] as const)));
    const projected = new Map(run.steps.map((s) => [s.stepId, s]));
    return schedule.steps
      .filter((s) => s.kind === 'CODEBASE_TOUR')
      .map((s) => {
        const step = projected.get(s.id);
        const dueAt = step?.dueAt ?? new Date(s.dueAt);
        const status = run.status === 'CANCELLED' ? 'CANCELLED' : (step?.status ?? 'PENDING');
        const planStep = planSteps.get(s.id);
        return {
          stepId: s.id,
          title: planStep!.title,
          topics: planStep?.kind === 'CODEBASE_TOUR' ? planStep.tour.topics : [],
          startsAt: new Date(dueAt.getTime() - SLOT_MS).toISOString(),
          endsAt: dueAt.toISOString(),
          status,
          // A peer tour is guided by the tech lead until HR names the peer.
          guideName: run.guides.get(s.id) ?? run.techLeadName,
          upcoming: !CLOSED.has(status) && dueAt > now,
        };
      })
      .sort((a, b) => a.endsAt.localeCompare(b.endsAt));
  }

  /**
   * The worker's calendar: same country, extra dates and coverage (two years past the start).
   * Kept per year reached (about 8 ms to build; the journey page polls the tours).
   */
  private holidays(startDate: string): ReadonlySet<string> {
    const throughYear = Number(startDate.slice(0, 4)) + 2;
    const { holidaysCountry, extraHolidays } = this.config.journey;
    let dates = this.calendars.get(throughYear);
    if (!dates) {
      dates = loadHolidays(holidaysCountry, extraHolidays, { throughYear }).dates;
      this.calendars.set(throughYear, dates);
    }
    return dates;
  }
}
