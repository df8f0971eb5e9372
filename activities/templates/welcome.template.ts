/** Welcome email to the hire before the first day, French (the agency's default) or English. */
import { DEFAULT_BRAND, renderEmail, type Brand, type RenderedEmail } from './layout';
import { LABELS } from '../../domain/i18n/task-texts';
import { readerDay } from '../../domain/i18n/dates';
import { langOf } from '../../domain/i18n/lang';

export type { RenderedEmail } from './layout';

export interface WelcomeEmailModel {
  fullName: string;
  locale: string;
  startDate: Date;
  runUrl: string;
  brand?: Brand;
}

export function renderWelcomeEmail(m: WelcomeEmailModel): RenderedEmail {
  const lang = langOf(m.locale);
  const brand = m.brand ?? DEFAULT_BRAND;
  // The start date is a calendar day (stored at 00:00 UTC): written out in the reader's language.
  const date = readerDay(m.startDate.toISOString().slice(0, 10), lang);
  const en = lang === 'en';
  const subject = en ? `Welcome to the ${brand.name}` : `Bienvenue à la ${brand.name}`;
  return renderEmail(subject, {
    lang,
    brand,
    heading: subject,
    greeting: en ? `Hello ${m.fullName},` : `Bonjour ${m.fullName},`,
    preheader: en ? `Your first day is ${date}` : `Votre premier jour est le ${date}`,
    paragraphs: en
      ? [
          `Welcome to the ${brand.name} of Agence Togo Digital. Your first day is ${date}.`,
          'Over the coming weeks you will receive your access, sign the security guidelines, take guided tours of our codebases and meet your tech lead at days 30, 60 and 90.',
          'Each task reaches you by email with a personal link: one click, no account needed.',
          `See you soon, the ${brand.name}`,
        ]
      : [
          `Bienvenue à la ${brand.name} de l'Agence Togo Digital. Votre premier jour est le ${date}.`,
          'Dans les semaines à venir, vous recevrez vos accès, signerez les consignes de sécurité, découvrirez nos bases de code et ferez le point avec votre tech lead à 30, 60 et 90 jours.',
          'Chaque tâche vous parviendra par email avec un lien personnel : un clic, sans compte à créer.',
          `À très bientôt, la ${brand.name}`,
        ],
    facts: [[en ? 'First day' : 'Premier jour', date]],
    footer: LABELS.footer[lang].replace('{brand}', brand.name),
  });
}
