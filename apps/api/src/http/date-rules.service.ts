/**
 * The API's side of the date rule (domain/calendar/date-rules.ts): today in the run's time zone,
 * the configured window and horizon, the holidays the worker schedules with. A refused date is a
 * 400 validation problem naming the field, with the allowed range as `allowedRange`.
 */
import { Inject, Injectable } from '@nestjs/common';
import { loadHolidays } from '../../../../domain/calendar/holidays';
import {
  checkLaterDate,
  checkStartDate,
  localDate,
  type DateVerdict,
} from '../../../../domain/calendar/date-rules';
import type { HolidaySet } from '../../../../domain/calendar/working-days';
import type { AppConfig } from '../../../../config/env';
import { APP_CONFIG } from '../infra/tokens';
import { ProblemException } from './problem';

@Injectable()
export class DateRulesService {
  private holidays?: HolidaySet;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A hire's first day (start, reschedule): within the late window and the horizon. */
  assertStartDate(field: string, date: string, timeZone: string, now = new Date()): void {
    const policy = this.config.journey.dateRules;
    this.assert(field, checkStartDate(date, localDate(now, timeZone), this.calendar(), policy));
  }

  /** A date still ahead: a checkpoint extension, the last day of a leaving journey. */
  assertLaterDate(field: string, date: string, timeZone: string, now = new Date()): void {
    const policy = this.config.journey.dateRules;
    this.assert(field, checkLaterDate(date, localDate(now, timeZone), policy));
  }

  /** The same rule without throwing, for HTML forms that show their own field errors. */
  isLaterDateAllowed(date: string, timeZone: string, now = new Date()): boolean {
    const policy = this.config.journey.dateRules;
    return checkLaterDate(date, localDate(now, timeZone), policy).ok;
  }

  private assert(field: string, verdict: DateVerdict): void {
    if (verdict.ok) return;
    throw ProblemException.validation([{ name: field, reason: verdict.reason }], {
      allowedRange: verdict.range,
    });
  }

  /** Loaded once, on first use: the same country and extra dates as the worker's schedule. */
  private calendar(): HolidaySet {
    const { holidaysCountry, extraHolidays } = this.config.journey;
    this.holidays ??= loadHolidays(holidaysCountry, extraHolidays).dates;
    return this.holidays;
  }
}
