/** Welcome email, French (the agency's default) and English. Richer templates come with the email issue. */
export interface WelcomeEmailModel {
  fullName: string;
  locale: string;
  startDate: Date;
  runUrl: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderWelcomeEmail(m: WelcomeEmailModel): RenderedEmail {
  const english = m.locale.toLowerCase().startsWith('en');
  const date = m.startDate.toISOString().slice(0, 10);
  const subject = english ? 'Welcome to the Digital Factory' : 'Bienvenue à la Digital Factory';
  const lines = english
    ? [
        `Hello ${m.fullName},`,
        '',
        `Welcome to the Digital Factory of Agence Togo Digital. Your first day is ${date}.`,
        'Over the coming weeks you will receive your access, sign the security guidelines,',
        'take guided tours of our codebases and meet your tech lead at days 30, 60 and 90.',
        '',
        'See you soon,',
        'The Digital Factory',
      ]
    : [
        `Bonjour ${m.fullName},`,
        '',
        `Bienvenue à la Digital Factory de l'Agence Togo Digital. Votre premier jour est le ${date}.`,
        'Dans les semaines à venir, vous recevrez vos accès, signerez les consignes de sécurité,',
        'découvrirez nos bases de code et ferez le point avec votre tech lead à 30, 60 et 90 jours.',
        '',
        'À très bientôt,',
        'La Digital Factory',
      ];
  const text = lines.join('\n');
  const html = `<!doctype html><html lang="${english ? 'en' : 'fr'}"><body>${lines
    .map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
    .join('')}</body></html>`;
  return { subject, text, html };
}
