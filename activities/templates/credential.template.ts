/**
 * The hand-over of a generated credential (docs/connectors.md, "Credential hand-over"): the email
 * carries a one-time link, never the credential itself. French by default, English on request.
 */
import { DEFAULT_BRAND, renderEmail, type Brand, type RenderedEmail } from './layout';
import { LABELS } from '../../domain/i18n/task-texts';
import { langOf } from '../../domain/i18n/lang';

export interface CredentialEmailModel {
  fullName: string;
  locale: string;
  /** The system the account was created in (e.g. `postgres-staging`). */
  system: string;
  url: string;
  ttlHours: number;
  brand?: Brand;
}

export function renderCredentialEmail(m: CredentialEmailModel): RenderedEmail {
  const lang = langOf(m.locale);
  const brand = m.brand ?? DEFAULT_BRAND;
  const en = lang === 'en';
  const subject = en
    ? `Your ${m.system} account: collect your password`
    : `Votre compte ${m.system} : récupérez votre mot de passe`;
  return renderEmail(subject, {
    lang,
    brand,
    heading: subject,
    greeting: en ? `Hello ${m.fullName},` : `Bonjour ${m.fullName},`,
    preheader: en
      ? 'A one-time link to your password'
      : 'Un lien à usage unique vers votre mot de passe',
    paragraphs: en
      ? [
          `Your account in ${m.system} is ready. For your security its password is not in this email.`,
          'Open the link below, then press the button on the page: the password is shown once, and the link stops working. Store it in your password manager straight away.',
          'If the link says it was already used and you did not open it, tell IT at once: they will reset the password.',
        ]
      : [
          `Votre compte ${m.system} est prêt. Pour votre sécurité, son mot de passe ne figure pas dans cet email.`,
          'Ouvrez le lien ci-dessous puis appuyez sur le bouton de la page : le mot de passe s’affiche une seule fois et le lien cesse de fonctionner. Enregistrez-le aussitôt dans votre gestionnaire de mots de passe.',
          'Si le lien indique qu’il a déjà servi alors que vous ne l’avez pas ouvert, prévenez immédiatement l’équipe IT : elle réinitialisera le mot de passe.',
        ],
    facts: [[en ? 'System' : 'Système', m.system]],
    action: {
      label: en ? 'Collect my password' : 'Récupérer mon mot de passe',
      url: m.url,
      note: LABELS.linkNote[lang].replace('{h}', String(m.ttlHours)),
    },
    footer: LABELS.footer[lang].replace('{brand}', brand.name),
  });
}
