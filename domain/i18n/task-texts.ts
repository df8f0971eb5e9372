/** Titles and instructions of task emails and notices, French and English. */
import type { Text } from './lang';
import { LEAVING_INSTRUCTIONS, LEAVING_TITLES } from './leaving-texts';

export const TITLES: Record<string, Text> = {
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
  'access-revoked': { fr: 'Accès à retirer', en: 'Access to remove' },
  'access-drift': { fr: 'Écart d’accès détecté', en: 'Access drift detected' },
  ...LEAVING_TITLES,
};

/** What the recipient has to do, per task kind. */
export const INSTRUCTIONS: Record<string, Text> = {
  ACK_DOCUMENT: {
    fr: 'Lisez le document de sécurité, puis confirmez que vous l’avez lu et que vous l’appliquerez.',
    en: 'Read the security document, then confirm that you have read it and will apply it.',
  },
  ATTEND_TOUR: {
    fr: 'Participez à la visite guidée du code avec votre guide, puis partagez en quelques lignes ce que vous en retenez.',
    en: 'Attend the guided codebase tour with your guide, then share in a few lines what you took away.',
  },
  CONFIRM_TOUR: {
    fr: 'Vous guidez cette visite du code : confirmez qu’elle a eu lieu une fois terminée.',
    en: 'You are guiding this codebase tour: confirm it took place once it is over.',
  },
  SELF_ASSESSMENT: {
    fr: 'Avant le point d’étape, décrivez où vous en êtes : réussites, difficultés, besoins.',
    en: 'Before the checkpoint, describe where you stand: successes, difficulties, needs.',
  },
  REVIEW_CHECKPOINT: {
    fr: 'Après l’échange avec la nouvelle recrue, décidez : valider, prolonger (avec une nouvelle date) ou escalader.',
    en: 'After meeting the new hire, decide: approve, extend (with a new date) or escalate.',
  },
  APPROVE_ACCESS: {
    fr: 'Approuvez ou refusez l’accès demandé pour la nouvelle recrue ; un refus doit être motivé.',
    en: 'Approve or reject the access requested for the new hire; a rejection needs a reason.',
  },
  PROVISION_ACCESS: {
    fr: 'Créez l’accès à la main, puis confirmez-le avec la référence du ticket ou du compte.',
    en: 'Create the access by hand, then confirm it with the ticket or account reference.',
  },
  GENERIC: {
    fr: 'Réalisez la tâche décrite dans le plan d’intégration, puis indiquez qu’elle est faite.',
    en: 'Carry out the task described in the onboarding plan, then mark it as done.',
  },
  'provisioning-failed': {
    fr: 'Le provisionnement automatique a échoué. Une tâche manuelle a été ouverte pour l’équipe IT.',
    en: 'Automatic provisioning failed. A manual task has been opened for the IT team.',
  },
  'checkpoint-escalated': {
    fr: 'Un point d’étape a été escaladé : merci d’en prendre connaissance et d’organiser la suite.',
    en: 'A checkpoint was escalated: please review it and organise the next steps.',
  },
  'journey-completed': {
    fr: 'Toutes les étapes du parcours d’intégration sont terminées. Merci à toutes et à tous !',
    en: 'Every step of the onboarding journey is complete. Thank you all!',
  },
  'journey-cancelled': {
    fr: 'Le parcours d’intégration a été annulé ; les accès accordés ont été révoqués.',
    en: 'The onboarding journey was cancelled; the access granted has been revoked.',
  },
  'access-revoked': {
    fr: 'Le parcours a été annulé : vérifiez que cet accès est bien retiré (à la main s’il a été créé à la main).',
    en: 'The journey was cancelled: make sure this access is removed (by hand if it was created by hand).',
  },
  'access-drift': {
    fr: 'Au point d’étape, un système cible ne montre pas les accès que le parcours a accordés (ou montre un accès retiré) : vérifiez et corrigez ; le détail est dans le journal d’audit (access.verified).',
    en: 'At the checkpoint, a target system does not show the access the journey granted (or shows a revoked one): check and fix it; details are in the audit trail (access.verified).',
  },
  ...LEAVING_INSTRUCTIONS,
};

export const PREFIX: Record<'task' | 'reminder' | 'escalation' | 'notice', Text> = {
  task: { fr: 'Nouvelle tâche', en: 'New task' },
  reminder: { fr: 'Rappel', en: 'Reminder' },
  escalation: { fr: 'Escalade', en: 'Escalation' },
  notice: { fr: 'Information', en: 'Notice' },
};

export const LABELS = {
  hire: { fr: 'Nouvelle recrue', en: 'New hire' },
  leaver: { fr: 'Personne qui part', en: 'Leaver' },
  step: { fr: 'Étape', en: 'Step' },
  due: { fr: 'Échéance', en: 'Due' },
  document: { fr: 'Document', en: 'Document' },
  occurrence: { fr: 'Relance n°', en: 'Reminder no.' },
  act: { fr: 'Ouvrir la tâche', en: 'Open the task' },
  view: { fr: 'Voir le parcours', en: 'View the journey' },
  tasksDone: { fr: 'Tâches réalisées', en: 'Tasks completed' },
  acks: { fr: 'Documents signés', en: 'Documents acknowledged' },
  grants: { fr: 'Accès accordés', en: 'Access granted' },
  linkNote: {
    fr: 'Ce lien personnel ne sert qu’une fois et expire dans {h} heures. Ne le transférez pas.',
    en: 'This personal link works once and expires in {h} hours. Do not forward it.',
  },
  reminderLead: {
    fr: 'Cette tâche est toujours en attente.',
    en: 'This task is still waiting for you.',
  },
  escalationLead: {
    fr: 'Cette tâche a dépassé son échéance et vous est signalée pour suivi.',
    en: 'This task is overdue and has been escalated to you for follow-up.',
  },
  footer: {
    fr: 'Message automatique du parcours d’intégration de {brand}. Merci de ne pas y répondre.',
    en: 'Automatic message from the {brand} onboarding journey. Please do not reply.',
  },
} satisfies Record<string, Text>;
