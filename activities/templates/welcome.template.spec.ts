import { renderWelcomeEmail } from './welcome.template';

const base = {
  fullName: 'Kodjo <Mensah>',
  startDate: new Date('2027-01-04T00:00:00Z'),
  runUrl: 'http://x',
};

describe('renderWelcomeEmail', () => {
  it('writes French by default, with the start date', () => {
    const mail = renderWelcomeEmail({ ...base, locale: 'fr' });
    expect(mail.subject).toBe('Bienvenue à la Digital Factory');
    expect(mail.text).toContain('Votre premier jour est le lundi 4 janvier 2027');
  });

  it('writes English for an English locale', () => {
    expect(renderWelcomeEmail({ ...base, locale: 'en-GB' }).subject).toBe(
      'Welcome to the Digital Factory',
    );
  });

  it('escapes the name in HTML', () => {
    const { html } = renderWelcomeEmail({ ...base, locale: 'fr' });
    expect(html).toContain('Kodjo &lt;Mensah&gt;');
    expect(html).not.toContain('<Mensah>');
  });
});

describe('renderWelcomeEmail layout', () => {
  it('is a responsive page with a plain-text twin and the brand', () => {
    const mail = renderWelcomeEmail({
      ...base,
      locale: 'fr',
      brand: { name: 'Lab', color: '#222222' },
    });
    expect(mail.subject).toBe('Bienvenue à la Lab');
    expect(mail.html).toContain('name="viewport"');
    expect(mail.html).toContain('role="presentation"');
    expect(mail.text).toContain('Premier jour : lundi 4 janvier 2027');
    expect(mail.text).not.toContain('<p');
  });
});
