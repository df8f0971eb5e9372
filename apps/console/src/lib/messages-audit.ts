/**
 * The audit trail's actions in words, French first. Typed by the engine's list of actions
 * (domain/audit-actions.ts), so an action added there without a label here fails the type check.
 * An action the console does not know (a newer API) shows as its raw key. The CSV keeps the keys.
 */
import type { AuditAction } from '../../../../domain/audit-actions';
import type { Lang } from './i18n';

const fr: Record<AuditAction, string> = {
  'run.created': 'Parcours créé',
  'run.pending': 'Parcours en attente',
  'run.running': 'Parcours démarré ou repris',
  'run.paused': 'Parcours mis en pause',
  'run.completed': 'Parcours terminé',
  'run.cancelled': 'Parcours annulé',
  'run.failed': 'Parcours en échec',
  'run.phase': 'Changement de phase',
  'run.tech-lead-reassigned': 'Responsable technique changé',
  'run.tech-lead-contact': 'Coordonnées du responsable technique mises à jour',
  'run.start-date-changed': 'Date de début changée',
  'run.calendar-coverage': 'Couverture des jours fériés mise à jour',
  'step.status': 'État d’une étape modifié',
  'task.opened': 'Tâche ouverte',
  'task.completed': 'Tâche accomplie',
  'task.cancelled': 'Tâche annulée',
  'task.reassigned': 'Tâche réattribuée',
  'task.reminded': 'Rappel envoyé',
  'task.escalated': 'Tâche escaladée',
  'checkpoint.decided': 'Décision de point d’étape',
  'tour.guide_assigned': 'Pair guide nommé',
  'access.granted': 'Accès accordé',
  'access.revoked': 'Accès révoqué',
  'access.verified': 'Accès vérifiés',
  'access.discovered': 'Accès existant découvert',
  'access.drift_detected': 'Écart d’accès détecté',
  'access.grant_retried': 'Octroi d’accès relancé',
  'access.credential_sealed': 'Identifiants mis sous scellés',
  'access.credential_link_sent': 'Lien vers les identifiants envoyé',
  'access.credential_revealed': 'Identifiants consultés',
  'trial.decided': 'Décision de fin d’essai',
  'offboarding.started': 'Départ démarré',
  'offboarding.revoke-now': 'Révocation d’urgence des accès',
  'plan.created': 'Plan d’intégration créé',
  'auth.signed-in': 'Connexion',
  'auth.signed-out': 'Déconnexion',
  'auth.sign-in-failed': 'Échec de connexion',
  'auth.session-expired': 'Session expirée',
};

const en: Record<AuditAction, string> = {
  'run.created': 'Run created',
  'run.pending': 'Run pending',
  'run.running': 'Run started or resumed',
  'run.paused': 'Run paused',
  'run.completed': 'Run completed',
  'run.cancelled': 'Run cancelled',
  'run.failed': 'Run failed',
  'run.phase': 'Phase changed',
  'run.tech-lead-reassigned': 'Tech lead changed',
  'run.tech-lead-contact': 'Tech lead’s contact details updated',
  'run.start-date-changed': 'Start date changed',
  'run.calendar-coverage': 'Holiday coverage updated',
  'step.status': 'Step status changed',
  'task.opened': 'Task opened',
  'task.completed': 'Task completed',
  'task.cancelled': 'Task cancelled',
  'task.reassigned': 'Task reassigned',
  'task.reminded': 'Reminder sent',
  'task.escalated': 'Task escalated',
  'checkpoint.decided': 'Checkpoint decided',
  'tour.guide_assigned': 'Peer guide named',
  'access.granted': 'Access granted',
  'access.revoked': 'Access revoked',
  'access.verified': 'Access verified',
  'access.discovered': 'Existing access found',
  'access.drift_detected': 'Access drift found',
  'access.grant_retried': 'Access grant retried',
  'access.credential_sealed': 'Credentials sealed',
  'access.credential_link_sent': 'Credentials link sent',
  'access.credential_revealed': 'Credentials viewed',
  'trial.decided': 'Trial decision',
  'offboarding.started': 'Leaving started',
  'offboarding.revoke-now': 'Emergency access revocation',
  'plan.created': 'Onboarding plan created',
  'auth.signed-in': 'Signed in',
  'auth.signed-out': 'Signed out',
  'auth.sign-in-failed': 'Sign-in failed',
  'auth.session-expired': 'Session expired',
};

const labels: Record<Lang, Record<string, string>> = { fr, en };

/** The action in words in `lang`; the raw key for an action this console does not know. */
export function auditActionLabel(action: string, lang: Lang): string {
  return Object.hasOwn(labels[lang], action) ? labels[lang][action] : action;
}
