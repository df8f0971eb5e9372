/**
 * Public holidays, in three layers (docs/plans.md, "Holidays"):
 * 1. the maintained `date-holidays` data for the country: the baseline for any year;
 * 2. `config/holidays/<country>.json`, the reviewed list: for each year it has entries for, it
 *    replaces the library (the Islamic holidays announced each year, one-off days, corrections);
 * 3. extra dates supplied by the operator (HOLIDAYS_EXTRA: decreed bridge days, a moved holiday).
 * A year with no reviewed entries is "unreviewed": schedules reaching it are flagged, not trusted.
 * The result's `dates` is what the working-day functions take. Runs in activities and the API,
 * never in workflow code (schedules reach workflows as computed dates).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { formatPath } from '../plans/plan.rules';
import { isIsoDate } from './working-days';

export class HolidayConfigError extends Error {
  override readonly name = 'HolidayConfigError';
}

const isoDate = z.string().refine(isIsoDate, 'must be an existing YYYY-MM-DD date');
const fileSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code, e.g. TG'),
  timeZone: z.string().min(1),
  note: z.string().optional(),
  holidays: z.array(
    z.strictObject({
      date: isoDate,
      name: z.strictObject({ fr: z.string().min(1), en: z.string().min(1) }),
      approximate: z.boolean().default(false),
      note: z.string().optional(),
    }),
  ),
});

export type Holiday = z.output<typeof fileSchema>['holidays'][number];

export interface HolidayCalendar {
  country: string;
  /** The country's default run time zone (`Africa/Lome` for TG). */
  timeZone: string;
  /** The reviewed list (the repository file). */
  holidays: Holiday[];
  /** Years the file has entries for: there it replaces the library. */
  reviewedYears: ReadonlySet<number>;
  /** Years covered by `dates` (the library fills those not reviewed). */
  years: { from: number; to: number };
  /** Every non-working date of `years`: reviewed, else library, plus the extra dates. */
  dates: ReadonlySet<string>;
}

export interface HolidayOptions {
  /** Cover at least up to this year (default: the last reviewed year + 3). */
  throughYear?: number;
  dir?: string;
}

/** The repository root, found from this file both in the sources and in `dist/`. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const HOLIDAYS_DIR = join(projectRoot(), 'config', 'holidays');

/** Validates the content of a holiday file; `source` prefixes the error messages. */
export function parseHolidayFile(
  input: unknown,
  source: string,
): Pick<HolidayCalendar, 'country' | 'timeZone' | 'holidays'> {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new HolidayConfigError(`${source}: ${problems.join('; ')}`);
  }
  const { country, timeZone, holidays } = parsed.data;
  return { country, timeZone, holidays };
}

/** The library's public holidays of `country` in `year`, as YYYY-MM-DD (local dates). */
export function libraryHolidays(
  country: string,
  year: number,
): { date: string; name: { fr: string; en: string } }[] {
  const fr = new Holidays(country, { languages: ['fr'] });
  const en = new Holidays(country, { languages: ['en'] });
  const english = new Map(en.getHolidays(year).map((h) => [h.date, h.name]));
  return fr
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({
      date: h.date.slice(0, 10),
      name: { fr: h.name, en: english.get(h.date) ?? h.name },
    }));
}

// Computing a year of library dates takes a few milliseconds: once per process and key.
const cache = new Map<string, HolidayCalendar>();

/**
 * The calendar of `country`: the reviewed file `<dir>/<country>.json`, the library for the other
 * years up to `throughYear`, and `extraDates` (YYYY-MM-DD, e.g. from a comma-separated
 * environment variable already split; blanks are ignored).
 */
export function loadHolidays(
  country = 'TG',
  extraDates: readonly string[] = [],
  options: HolidayOptions = {},
): HolidayCalendar {
  const dir = options.dir ?? HOLIDAYS_DIR;
  if (!/^[A-Za-z]{2}$/.test(country)) {
    throw new HolidayConfigError(`country '${country}': expected a two-letter code such as TG`);
  }
  const file = join(dir, `${country.toLowerCase()}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HolidayConfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const calendar = parseHolidayFile(raw, file);
  if (calendar.country !== country.toUpperCase()) {
    throw new HolidayConfigError(`${file}: country: must be ${country.toUpperCase()}`);
  }
  const extra = extraDates.map((d) => d.trim()).filter((d) => d !== '');
  const invalid = extra.filter((d) => !isIsoDate(d));
  if (invalid.length > 0) {
    throw new HolidayConfigError(
      `extra holiday dates: not YYYY-MM-DD dates: ${invalid.join(', ')}`,
    );
  }
  const reviewedYears = new Set(calendar.holidays.map((h) => Number(h.date.slice(0, 4))));
  const from = Math.min(...reviewedYears);
  const to = Math.max(options.throughYear ?? 0, Math.max(...reviewedYears) + 3);
  const key = JSON.stringify([file, from, to, extra]);
  const cached = cache.get(key);
  if (cached) return cached;
  const library: string[] = [];
  for (let year = from; year <= to; year++) {
    if (!reviewedYears.has(year)) {
      library.push(...libraryHolidays(calendar.country, year).map((h) => h.date));
    }
  }
  const result: HolidayCalendar = {
    ...calendar,
    reviewedYears,
    years: { from, to },
    dates: new Set([...calendar.holidays.map((h) => h.date), ...library, ...extra]),
  };
  cache.set(key, result);
  return result;
}

/** Years between two YYYY-MM-DD dates (inclusive) that the reviewed file does not cover. */
export function unreviewedYears(
  calendar: Pick<HolidayCalendar, 'reviewedYears'>,
  fromDate: string,
  toDate: string,
): number[] {
  const years: number[] = [];
  for (let y = Number(fromDate.slice(0, 4)); y <= Number(toDate.slice(0, 4)); y++) {
    if (!calendar.reviewedYears.has(y)) years.push(y);
  }
  return years;
}
