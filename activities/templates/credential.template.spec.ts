import { renderCredentialEmail } from './credential.template';

const base = {
  fullName: 'Kodjo <Mensah>',
  system: 'postgres-staging',
  url: 'https://onboarding.example/credentials/abc.def',
  ttlHours: 72,
};

describe('renderCredentialEmail', () => {
  it('writes French by default, with the link and its lifetime but no credential', () => {
    const mail = renderCredentialEmail({ ...base, locale: 'fr' });
    expect(mail.subject).toBe('Votre compte postgres-staging : récupérez votre mot de passe');
    expect(mail.text).toContain(base.url);
    expect(mail.text).toContain('expire dans 72 heures');
    expect(mail.html).toContain(`href="${base.url}"`);
    expect(mail.text).toContain('ne figure pas dans cet email');
  });

  it('writes English for an English locale and escapes the name in HTML', () => {
    const mail = renderCredentialEmail({ ...base, locale: 'en-GB' });
    expect(mail.subject).toBe('Your postgres-staging account: collect your password');
    expect(mail.text).toContain('works once and expires in 72 hours');
    expect(mail.html).toContain('Kodjo &lt;Mensah&gt;');
    expect(mail.html).not.toContain('<Mensah>');
  });
});
