/**
 * The tech lead's daily digest: what waits for them (oldest due first, overdue flagged, each with
 * a fresh one-click link) and the journeys they lead. French by default, English on request.
 */
import {
  DEFAULT_BRAND,
  renderEmail,
  type Brand,
  type EmailItem,
  type RenderedEmail,
} from './layout';
import { LABELS, TITLES } from '../../domain/i18n/task-texts';
import { langOf } from '../../domain/i18n/lang';
import { readerDay } from '../../domain/i18n/dates';

export interface DigestTask {
  kind: string;
  hireName: string;
  /** YYYY-MM-DD in the run's time zone, when the task has a due date. */
  dueDate?: string;
  overdue: boolean;
  /** Signed one-click page; the run in the admin API when absent. */
  actionUrl?: string;
  runUrl: string;
}

export interface DigestRun {
  hireName: string;
  phase: string;
  /** The phase's title from the plan, shown instead of its id when known. */
  phaseTitle?: { fr: string; en: string };
  progressPercent: number;
  overdueTasks: number;
  runUrl: string;
}

export interface DigestModel {
  locale: string;
  /** The day the digest is for (YYYY-MM-DD, in the digest's time zone). */
  day: string;
  recipientName?: string;
  tasks: DigestTask[];
  /** Open tasks not listed (beyond the digest's limit). */
  moreTasks?: number;
  runs: DigestRun[];
  actionTtlHours: number;
  brand?: Brand;
}

const T = {
  subject: {
    fr: (n: number, late: number) =>
      `[Récapitulatif] ${n} tâche${n > 1 ? 's' : ''} à traiter${late ? `, dont ${late} en retard` : ''}`,
    en: (n: number, late: number) =>
      `[Digest] ${n} task${n > 1 ? 's' : ''} to do${late ? `, ${late} overdue` : ''}`,
  },
  heading: { fr: 'Votre récapitulatif du jour', en: 'Your daily digest' },
  hello: { fr: 'Bonjour {name},', en: 'Hello {name},' },
  lead: {
    fr: 'Voici ce qui attend votre action dans les parcours d’intégration que vous encadrez, au {day}.',
    en: 'Here is what waits for you in the onboarding journeys you lead, as of {day}.',
  },
  tasks: { fr: 'À traiter', en: 'To do' },
  runs: { fr: 'Vos recrues', en: 'Your new hires' },
  overdue: { fr: 'En retard', en: 'Overdue' },
  due: { fr: 'échéance', en: 'due' },
  progress: { fr: '{p} % réalisé', en: '{p}% done' },
  lateTasks: { fr: '{n} tâche(s) en retard', en: '{n} overdue task(s)' },
  phase: { fr: 'phase', en: 'phase' },
  more: {
    fr: '… et {n} autre(s) tâche(s) : voir GET /v1/tasks/mine dans l’API.',
    en: '… and {n} more task(s): see GET /v1/tasks/mine in the API.',
  },
  linkNote: {
    fr: 'Chaque lien « Ouvrir la tâche » est personnel, à usage unique et valable {h} heures.',
    en: 'Each “Open the task” link is personal, single-use and valid for {h} hours.',
  },
  footer: {
    fr: 'Vous recevez ce récapitulatif les jours ouvrés où une tâche vous attend — {brand}.',
    en: 'You receive this digest on working days when a task waits for you — {brand}.',
  },
} as const;

export function renderDigestEmail(m: DigestModel): RenderedEmail {
  const lang = langOf(m.locale);
  const brand = m.brand ?? DEFAULT_BRAND;
  const late = m.tasks.filter((t) => t.overdue).length;
  const subject = T.subject[lang](m.tasks.length + (m.moreTasks ?? 0), late);
  const taskItem = (t: DigestTask): EmailItem => ({
    flag: t.overdue ? T.overdue[lang] : undefined,
    text: [
      `${(TITLES[t.kind] ?? TITLES.GENERIC)[lang]} — ${t.hireName}`,
      t.dueDate ? `${T.due[lang]} ${readerDay(t.dueDate, lang)}` : '',
    ]
      .filter(Boolean)
      .join(', '),
    link: t.actionUrl
      ? { label: LABELS.act[lang], url: t.actionUrl }
      : { label: LABELS.view[lang], url: t.runUrl },
  });
  const runItem = (r: DigestRun): EmailItem => ({
    text: [
      r.hireName,
      `${T.phase[lang]} « ${r.phaseTitle?.[lang] ?? r.phase} »`,
      T.progress[lang].replace('{p}', String(r.progressPercent)),
      r.overdueTasks ? T.lateTasks[lang].replace('{n}', String(r.overdueTasks)) : '',
    ]
      .filter(Boolean)
      .join(', '),
    link: { label: LABELS.view[lang], url: r.runUrl },
  });
  const more = m.moreTasks ? [{ text: T.more[lang].replace('{n}', String(m.moreTasks)) }] : [];
  return renderEmail(subject, {
    lang,
    brand,
    heading: T.heading[lang],
    preheader: subject,
    greeting: m.recipientName ? T.hello[lang].replace('{name}', m.recipientName) : undefined,
    paragraphs: [T.lead[lang].replace('{day}', readerDay(m.day, lang))],
    sections: [
      { heading: T.tasks[lang], items: [...m.tasks.map(taskItem), ...more] },
      ...(m.runs.length ? [{ heading: T.runs[lang], items: m.runs.map(runItem) }] : []),
    ],
    footer: [
      T.linkNote[lang].replace('{h}', String(m.actionTtlHours)),
      T.footer[lang].replace('{brand}', brand.name),
    ].join(' '),
  });
}
