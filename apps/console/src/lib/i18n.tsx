/**
 * French first, English second. The choice is kept in localStorage; the person's locale from the
 * session is the default when nothing was chosen. Labels of API enums (statuses, phases, task
 * kinds) fall back to the raw value, so a new value shows up instead of disappearing.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Lang } from '../../../../domain/i18n/lang';
import { en, fr, type MessageKey } from './messages';

/** The languages of the whole product (domain/i18n/lang.ts), the console's included. */
export type { Lang };
const STORAGE_KEY = 'dfo.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { fr, en };

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** Label of an API value (`status.RUNNING`, `kind.APPROVE_ACCESS`…), else the value itself. */
  label: (group: string, value: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'fr' ? saved : 'fr';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
      dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
    const label = (group: string, value: string) =>
      (dict as Record<string, string>)[`${group}.${value}`] ??
      value.replace(/_/g, ' ').toLowerCase();
    return { lang, setLang, t, label };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
