/** Texts of the credential retrieval pages, French (default) and English. */
import type { Lang, Text } from './lang';

export const CT = {
  showTitle: { fr: 'Récupérer votre mot de passe', en: 'Collect your password' },
  showIntro: {
    fr: 'Votre compte {system} est prêt. Le mot de passe ne s’affichera qu’une seule fois, quand vous appuierez sur le bouton : préparez votre gestionnaire de mots de passe.',
    en: 'Your {system} account is ready. The password is shown only once, when you press the button: have your password manager ready.',
  },
  reveal: { fr: 'Afficher mon mot de passe', en: 'Show my password' },
  system: { fr: 'Système', en: 'System' },
  username: { fr: 'Identifiant', en: 'Username' },
  password: { fr: 'Mot de passe', en: 'Password' },
  revealedTitle: { fr: 'Votre mot de passe', en: 'Your password' },
  revealedNext: {
    fr: 'Copiez-le maintenant dans votre gestionnaire de mots de passe : cette page ne pourra plus l’afficher, et le lien ne fonctionne plus.',
    en: 'Copy it into your password manager now: this page cannot show it again, and the link no longer works.',
  },
  invalidTitle: { fr: 'Lien invalide', en: 'Invalid link' },
  invalidBody: {
    fr: 'Ce lien n’est pas reconnu : il est peut-être incomplet. Copiez l’adresse complète depuis l’email, ou contactez l’équipe IT.',
    en: 'This link is not recognised: it may be incomplete. Copy the full address from the email, or contact IT.',
  },
  usedTitle: { fr: 'Lien déjà utilisé', en: 'Link already used' },
  usedBody: {
    fr: 'Ce mot de passe a déjà été affiché et ne peut plus l’être. Si ce n’était pas vous, prévenez immédiatement l’équipe IT : elle réinitialisera le mot de passe.',
    en: 'This password has already been shown and cannot be shown again. If it was not you, tell IT at once: they will reset the password.',
  },
  expiredTitle: { fr: 'Lien expiré ou remplacé', en: 'Link expired or replaced' },
  expiredBody: {
    fr: 'Ce lien n’est plus valable : il a expiré, ou un email plus récent vous a apporté un nouveau lien. Sinon, contactez l’équipe IT.',
    en: 'This link is no longer valid: it has expired, or a more recent email brought you a new link. Otherwise, contact IT.',
  },
  revokedTitle: { fr: 'Accès retiré', en: 'Access withdrawn' },
  revokedBody: {
    fr: 'Cet accès a été retiré : il n’y a plus de mot de passe à récupérer.',
    en: 'This access has been withdrawn: there is no password left to collect.',
  },
} satisfies Record<string, Text>;

export type CredentialTextKey = keyof typeof CT;
export const ct = (key: CredentialTextKey, lang: Lang, system = ''): string =>
  CT[key][lang].replace('{system}', system);
