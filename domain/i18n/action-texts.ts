/** Labels of the action pages, French (default) and English. */
import type { Lang, Text } from './lang';

export const T = {
  submit: { fr: 'Envoyer', en: 'Submit' },
  hire: { fr: 'Nouvelle recrue', en: 'New hire' },
  step: { fr: 'Étape', en: 'Step' },
  due: { fr: 'Échéance', en: 'Due' },
  required: { fr: '(obligatoire)', en: '(required)' },
  errorsTitle: { fr: 'Merci de corriger le formulaire', en: 'Please correct the form' },
  refusedTitle: { fr: 'Action refusée', en: 'Action refused' },
  refusedNext: {
    fr: 'Rien n’a été enregistré et votre lien reste valable. Corrigez puis renvoyez, ou contactez les RH.',
    en: 'Nothing was recorded and your link still works. Correct and submit again, or contact HR.',
  },
  unavailableTitle: {
    fr: 'Service momentanément indisponible',
    en: 'Service temporarily unavailable',
  },
  unavailableNext: {
    fr: 'Rien n’a été enregistré et votre lien reste valable : réessayez dans quelques minutes.',
    en: 'Nothing was recorded and your link still works: try again in a few minutes.',
  },
  doneTitle: { fr: 'Merci, c’est enregistré', en: 'Thank you, it is recorded' },
  doneBody: {
    fr: 'Votre réponse a été transmise au parcours d’intégration. Vous pouvez fermer cette page.',
    en: 'Your answer was passed on to the onboarding journey. You may close this page.',
  },
  invalidTitle: { fr: 'Lien invalide', en: 'Invalid link' },
  invalidBody: {
    fr: 'Ce lien n’est pas reconnu : il est peut-être incomplet. Copiez l’adresse complète depuis l’email, ou demandez un nouveau lien aux RH.',
    en: 'This link is not recognised: it may be incomplete. Copy the full address from the email, or ask HR for a new link.',
  },
  usedTitle: { fr: 'Lien déjà utilisé', en: 'Link already used' },
  usedBody: {
    fr: 'Ce lien a déjà servi : votre réponse a été enregistrée. Pour toute correction, contactez les RH.',
    en: 'This link has already been used: your answer was recorded. For any correction, contact HR.',
  },
  expiredTitle: { fr: 'Lien expiré', en: 'Link expired' },
  expiredBody: {
    fr: 'Ce lien a expiré. Un rappel vous apportera un nouveau lien ; sinon, contactez les RH.',
    en: 'This link has expired. A reminder will bring you a new link; otherwise, contact HR.',
  },
  closedTitle: { fr: 'Tâche déjà close', en: 'Task already closed' },
  closedBody: {
    fr: 'Cette tâche n’est plus ouverte (terminée ou annulée). Rien d’autre à faire ici.',
    en: 'This task is no longer open (done or cancelled). Nothing else to do here.',
  },
  // Per-kind fields
  docTitle: { fr: 'Document', en: 'Document' },
  docVersion: { fr: 'Version', en: 'Version' },
  docOpen: { fr: 'Lire le document (nouvel onglet)', en: 'Read the document (new tab)' },
  ackConfirm: {
    fr: 'J’ai lu ce document dans cette version et je m’engage à l’appliquer.',
    en: 'I have read this version of the document and commit to applying it.',
  },
  attended: { fr: 'J’ai participé à la visite guidée.', en: 'I attended the guided tour.' },
  reflection: {
    fr: 'Ce que je retiens de la visite',
    en: 'What I took away from the tour',
  },
  tourConfirm: { fr: 'La visite guidée a bien eu lieu.', en: 'The guided tour took place.' },
  assessment: {
    fr: 'Mon auto-évaluation (réussites, difficultés, besoins)',
    en: 'My self-assessment (successes, difficulties, needs)',
  },
  decision: { fr: 'Décision', en: 'Decision' },
  APPROVE: { fr: 'Valider', en: 'Approve' },
  EXTEND: { fr: 'Prolonger jusqu’à une nouvelle date', en: 'Extend to a new date' },
  ESCALATE: { fr: 'Escalader', en: 'Escalate' },
  newDate: {
    fr: 'Nouvelle date (si prolongation, AAAA-MM-JJ)',
    en: 'New date (when extending, YYYY-MM-DD)',
  },
  notes: { fr: 'Notes', en: 'Notes' },
  CONFIRM: { fr: 'Confirmer la période d’essai', en: 'Confirm the trial period' },
  RENEW: {
    fr: 'Renouveler (une fois) jusqu’à une nouvelle date',
    en: 'Renew (once) to a new date',
  },
  END: { fr: 'Mettre fin à la période d’essai', en: 'End the trial period' },
  trialNewDate: {
    fr: 'Nouvelle date de fin (si renouvellement, AAAA-MM-JJ)',
    en: 'New end date (when renewing, YYYY-MM-DD)',
  },
  lastDay: {
    fr: 'Dernier jour travaillé (si fin, AAAA-MM-JJ)',
    en: 'Last working day (when ending, YYYY-MM-DD)',
  },
  trialReason: { fr: 'Motif (obligatoire en cas de fin)', en: 'Reason (required to end)' },
  cosign: { fr: 'Fin de période d’essai', en: 'End of the trial period' },
  access: { fr: 'Demande d’accès', en: 'Access request' },
  approve: { fr: 'Approuver', en: 'Approve' },
  reject: { fr: 'Refuser', en: 'Reject' },
  reason: { fr: 'Motif (obligatoire en cas de refus)', en: 'Reason (required to reject)' },
  externalRef: {
    fr: 'Référence (ticket ou identifiant du compte créé)',
    en: 'Reference (ticket or id of the account created)',
  },
  genericDone: { fr: 'La tâche est faite.', en: 'The task is done.' },
  // Validation messages
  mustConfirm: { fr: 'Cochez la case pour confirmer.', en: 'Tick the box to confirm.' },
  mustFill: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  mustChoose: { fr: 'Choisissez une option.', en: 'Choose an option.' },
  badDate: {
    fr: 'Indiquez une date au format AAAA-MM-JJ.',
    en: 'Enter a date as YYYY-MM-DD.',
  },
  dateOutOfRange: {
    fr: 'Choisissez une date après aujourd’hui, dans la limite autorisée.',
    en: 'Choose a date after today, within the allowed range.',
  },
  tooLong: {
    fr: 'Texte trop long (2000 caractères au plus).',
    en: 'Too long (2,000 characters at most).',
  },
} satisfies Record<string, Text>;

export type TextKey = keyof typeof T;
export const t = (key: TextKey, lang: Lang): string => T[key][lang];
