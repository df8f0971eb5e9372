/** Titles and instructions of the trial period's and the leaving journey's emails (fr, en). */
import type { Text } from './lang';

export const LEAVING_TITLES: Record<string, Text> = {
  TRIAL_DECISION: { fr: 'Décision de fin de période d’essai', en: 'End of trial decision' },
  COSIGN_TRIAL_END: {
    fr: 'Cosigner une fin de période d’essai',
    en: 'Co-sign an end of trial',
  },
  'trial-confirm': { fr: 'Période d’essai confirmée', en: 'Trial period confirmed' },
  'trial-renew': { fr: 'Période d’essai renouvelée', en: 'Trial period renewed' },
  'trial-end': { fr: 'Fin de période d’essai décidée', en: 'End of trial decided' },
  'trial-lapsed': {
    fr: 'Période d’essai échue sans décision',
    en: 'Trial period lapsed without a decision',
  },
  'offboarding-started': { fr: 'Départ programmé', en: 'Leaving scheduled' },
  'offboarding-revoked': {
    fr: 'Départ : tous les accès retirés et vérifiés',
    en: 'Leaving: all access removed and verified',
  },
};

export const LEAVING_INSTRUCTIONS: Record<string, Text> = {
  LEAVING_TASK: {
    fr: 'Cette tâche fait partie du départ de la personne nommée ci-dessous (plan de départ) : réalisez-la avant l’échéance, puis indiquez qu’elle est faite.',
    en: 'This task is part of the leaving journey of the person named below (leaving plan): carry it out before it is due, then mark it as done.',
  },
  TRIAL_DECISION: {
    fr: 'La période d’essai se termine bientôt : confirmez-la, renouvelez-la (une fois, avec la nouvelle date de fin) ou mettez-y fin (motif et dernier jour requis). Les points d’étape 30/60/90 sont joints.',
    en: 'The trial period ends soon: confirm it, renew it (once, with the new end date) or end it (reason and last day required). The 30/60/90 checkpoint outcomes are attached.',
  },
  COSIGN_TRIAL_END: {
    fr: 'Le ou la Tech Lead a décidé de mettre fin à la période d’essai : cosignez ou refusez, avec un motif.',
    en: 'The tech lead decided to end the trial period: co-sign or refuse, with a reason.',
  },
};
