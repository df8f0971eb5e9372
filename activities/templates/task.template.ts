/**
 * Task, reminder, escalation and notification emails (simple text, French or English).
 * Rich templates and action pages come with the email issue.
 */
import type { RenderedEmail } from './welcome.template';

export type NoticeKind = 'task' | 'reminder' | 'escalation' | 'notice';

export interface TaskEmailModel {
  locale: string;
  notice: NoticeKind;
  /** Task kind or notification template, e.g. ACK_DOCUMENT, journey-completed. */
  subjectKey: string;
  stepId: string;
  hireName: string;
  dueDate?: string;
  occurrence?: number;
  link: string;
}

const TITLES: Record<string, { fr: string; en: string }> = {
  ACK_DOCUMENT: {
    fr: 'Prendre connaissance d’un document de sécurité',
    en: 'Acknowledge a security document',
  },
  ATTEND_TOUR: { fr: 'Visite guidée du code', en: 'Codebase tour' },
  CONFIRM_TOUR: { fr: 'Confirmer une visite guidée', en: 'Confirm a codebase tour' },
  SELF_ASSESSMENT: { fr: 'Auto-évaluation du point d’étape', en: 'Checkpoint self-assessment' },
  REVIEW_CHECKPOINT: { fr: 'Décision de point d’étape', en: 'Checkpoint decision' },
  APPROVE_ACCESS: { fr: 'Approuver une demande d’accès', en: 'Approve an access request' },
  PROVISION_ACCESS: { fr: 'Créer un accès', en: 'Provision an access' },
  GENERIC: { fr: 'Tâche d’intégration', en: 'Onboarding task' },
  'provisioning-failed': {
    fr: 'Échec de provisionnement : action manuelle requise',
    en: 'Provisioning failed: manual action needed',
  },
  'checkpoint-escalated': { fr: 'Point d’étape escaladé', en: 'Checkpoint escalated' },
  'journey-completed': { fr: 'Parcours d’intégration terminé', en: 'Onboarding journey completed' },
  'journey-cancelled': { fr: 'Parcours d’intégration annulé', en: 'Onboarding journey cancelled' },
};

const PREFIX: Record<NoticeKind, { fr: string; en: string }> = {
  task: { fr: 'Nouvelle tâche', en: 'New task' },
  reminder: { fr: 'Rappel', en: 'Reminder' },
  escalation: { fr: 'Escalade', en: 'Escalation' },
  notice: { fr: 'Information', en: 'Notice' },
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderTaskEmail(m: TaskEmailModel): RenderedEmail {
  const lang = m.locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
  const title = (TITLES[m.subjectKey] ?? TITLES.GENERIC)[lang];
  const subject = `[${PREFIX[m.notice][lang]}] ${title} — ${m.hireName}`;
  const lines =
    lang === 'en'
      ? [
          `${title} (${m.stepId}) for the onboarding of ${m.hireName}.`,
          m.dueDate ? `Due: ${m.dueDate}.` : '',
          `Open: ${m.link}`,
        ]
      : [
          `${title} (${m.stepId}) pour l’intégration de ${m.hireName}.`,
          m.dueDate ? `Échéance : ${m.dueDate}.` : '',
          `Ouvrir : ${m.link}`,
        ];
  const text = lines.filter(Boolean).join('\n');
  const html = `<!doctype html><html lang="${lang}"><body>${lines
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}</body></html>`;
  return { subject, text, html };
}
