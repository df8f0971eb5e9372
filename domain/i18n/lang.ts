/**
 * The two languages people read: French (the agency's default) and English. Every text table
 * (emails, action pages, credential pages) is a `Record<key, Text>`.
 */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];

/** One text in both languages. */
export type Text = Record<Lang, string>;

/** French is the agency's default; any English locale (en, en-GB…) gets English. */
export function langOf(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
