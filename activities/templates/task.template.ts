/**
 * Task, reminder, escalation and notice emails (completion summary included), in the recipient's
 * language. A task email carries the signed one-click action link when there is one.
 */
import { DEFAULT_BRAND, renderEmail, type Brand, type RenderedEmail } from './layout';
import { INSTRUCTIONS, LABELS, PREFIX, TITLES } from '../../domain/i18n/task-texts';
import { HOME_TIME_ZONE, readerDateTime } from '../../domain/i18n/dates';
import { langOf } from '../../domain/i18n/lang';

export type NoticeKind = 'task' | 'reminder' | 'escalation' | 'notice';

export interface TaskEmailModel {
  locale: string;
  notice: NoticeKind;
  /** Task kind or notification template, e.g. ACK_DOCUMENT, journey-completed. */
  subjectKey: string;
  /** The step's title from the plan, in the recipient's language (never its id). */
  stepTitle?: string;
  /** What to do, one sentence of the step's description in the plan. */
  todo?: string;
  /** A leaving plan task's checklist items, in the recipient's language. */
  checklist?: string[];
  /** A task of the leaving journey: the person is the leaver, the instructions say so. */
  leaving?: boolean;
  hireName: string;
  /** Due instant (ISO-8601), written for the reader in `timeZone` (default Africa/Lome). */
  dueAt?: string;
  timeZone?: string;
  occurrence?: number;
  /** The journey in the admin API (always there; the fallback when there is no action link). */
  link: string;
  /** Signed one-click page for this task and recipient (task and reminder emails). */
  actionUrl?: string;
  actionTtlHours?: number;
  /** Step or document title from the plan, in the recipient's language. */
  detail?: string;
  /** Completion summary figures (journey-completed). */
  summary?: { tasksDone: number; acknowledgements: number; grants: number };
  /** Label/value lines already in the recipient's language (e.g. a checkpoint's access check). */
  extraFacts?: [string, string][];
  brand?: Brand;
}

export function renderTaskEmail(m: TaskEmailModel): RenderedEmail {
  const lang = langOf(m.locale);
  const brand = m.brand ?? DEFAULT_BRAND;
  // A plain task has no title of its own kind: the plan's step title says what it is.
  const kindTitle = m.subjectKey === 'GENERIC' ? undefined : TITLES[m.subjectKey];
  const title = kindTitle?.[lang] ?? m.stepTitle ?? TITLES.GENERIC[lang];
  const subject = `[${PREFIX[m.notice][lang]}] ${title} — ${m.hireName}`;
  const lead =
    m.notice === 'reminder'
      ? LABELS.reminderLead[lang]
      : m.notice === 'escalation'
        ? LABELS.escalationLead[lang]
        : undefined;
  const instructions = (INSTRUCTIONS[
    m.leaving && m.subjectKey === 'GENERIC' ? 'LEAVING_TASK' : m.subjectKey
  ] ?? INSTRUCTIONS.GENERIC)[lang];
  const facts: [string, string][] = [[(m.leaving ? LABELS.leaver : LABELS.hire)[lang], m.hireName]];
  if (m.stepTitle) facts.push([LABELS.step[lang], m.stepTitle]);
  if (m.detail) facts.push([LABELS.document[lang], m.detail]);
  if (m.dueAt) {
    facts.push([LABELS.due[lang], readerDateTime(m.dueAt, lang, m.timeZone ?? HOME_TIME_ZONE)]);
  }
  if (m.occurrence) facts.push([LABELS.occurrence[lang], String(m.occurrence)]);
  if (m.summary) {
    facts.push([LABELS.tasksDone[lang], String(m.summary.tasksDone)]);
    facts.push([LABELS.acks[lang], String(m.summary.acknowledgements)]);
    facts.push([LABELS.grants[lang], String(m.summary.grants)]);
  }
  if (m.extraFacts) facts.push(...m.extraFacts);
  const action = m.actionUrl
    ? {
        label: LABELS.act[lang],
        url: m.actionUrl,
        note: LABELS.linkNote[lang].replace('{h}', String(m.actionTtlHours ?? 168)),
      }
    : { label: LABELS.view[lang], url: m.link };
  return renderEmail(subject, {
    lang,
    brand,
    heading: title,
    preheader: `${title} — ${m.hireName}`,
    paragraphs: [
      lead,
      m.todo,
      ...(m.checklist ?? []).map((item) => `☐ ${item}`),
      instructions,
    ].filter((p): p is string => Boolean(p)),
    facts,
    action,
    footer: LABELS.footer[lang].replace('{brand}', brand.name),
  });
}
