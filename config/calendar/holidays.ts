/**
 * Public holidays: `config/holidays/<country>.json` (one file per country, e.g. `tg.json`) plus
 * extra dates supplied by the operator (decreed bridge days, a lunar holiday moved by a day).
 * The result's `dates` is what the working-day functions take.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  holidays: Holiday[];
  /** Every non-working date: the file's holidays and the extra dates. */
  dates: ReadonlySet<string>;
}

/** The repository root, found from this file both in the sources and in `dist/`. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const HOLIDAYS_DIR = join(projectRoot(), 'config', 'holidays');

/** Validates the content of a holiday file; `source` prefixes the error messages. */
export function parseHolidayFile(input: unknown, source: string): Omit<HolidayCalendar, 'dates'> {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new HolidayConfigError(`${source}: ${problems.join('; ')}`);
  }
  const { country, timeZone, holidays } = parsed.data;
  return { country, timeZone, holidays };
}

/**
 * Loads `<dir>/<country>.json` and adds `extraDates` (YYYY-MM-DD, e.g. from a comma-separated
 * environment variable already split; blanks are ignored).
 */
export function loadHolidays(
  country = 'TG',
  extraDates: readonly string[] = [],
  dir = HOLIDAYS_DIR,
): HolidayCalendar {
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
  return { ...calendar, dates: new Set([...calendar.holidays.map((h) => h.date), ...extra]) };
}
