/**
 * Dates as people read them, in their language (`Intl`): never an ISO date. Instants are shown in
 * a time zone (the run's, else the agency's, Africa/Lome); calendar days (YYYY-MM-DD, already
 * local) are formatted in UTC so that they never shift. Emails, action pages and the console share
 * these (the console imports this file by a relative path: keep it free of runtime imports).
 */

import type { Lang } from './lang';

/** The Digital Factory's time zone: the default of runs, digests, invites and the console. */
export const HOME_TIME_ZONE = 'Africa/Lome';

/** The `Intl` locale of each language. */
export const LOCALES: Readonly<Record<Lang, string>> = { fr: 'fr-FR', en: 'en-GB' };

/** An instant as a full date and time in `timeZone`: "lundi 7 décembre 2026 à 17:00". */
export function readerDateTime(at: Date | string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(at));
}

/** A calendar day (YYYY-MM-DD, already local) as a full date: "vendredi 15 janvier 2027". */
export function readerDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}
