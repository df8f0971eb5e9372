/**
 * Dates and times in the person's language and the Digital Factory's time zone. Only formatting:
 * due dates, working days and lateness come from the API.
 */
import { HOME_TIME_ZONE, LOCALES, readerDay } from '../../../../domain/i18n/dates';

/** The same zone and locales as the emails and action pages (domain/i18n/dates.ts). */
export const TIME_ZONE = HOME_TIME_ZONE;

const tag = (lang: string) => LOCALES[lang === 'en' ? 'en' : 'fr'];

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  // A calendar date (YYYY-MM-DD) is a day, not an instant: format it in UTC so it never shifts.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(tag(lang), {
    dateStyle: 'medium',
    timeZone: dateOnly ? 'UTC' : TIME_ZONE,
  }).format(new Date(dateOnly ? `${iso}T00:00:00Z` : iso));
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(tag(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** What people read for a step: its plan title in their language; the id only when it has none. */
export function stepName(
  step: { id: string; title?: { fr: string; en: string } | null },
  lang: string,
): string {
  return step.title ? (lang === 'en' ? step.title.en : step.title.fr) : step.id;
}

/**
 * The `lang` of a date input: the console's language, not the browser's, for the date picker's
 * format where the browser honours it (Chromium does not: `DateInput` echoes the day in words).
 */
export const dateInputLang = (lang: string): string => tag(lang);

/**
 * A chosen calendar day (YYYY-MM-DD) in words, weekday first: "lundi 7 décembre 2026" (the same
 * `Intl` formatting as the emails, domain/i18n/dates.ts); '' for an empty or partial input.
 */
export function dayInWords(day: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) return '';
  return readerDay(day, lang === 'en' ? 'en' : 'fr');
}
