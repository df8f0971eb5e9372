import { emailGallery, GALLERY_LANGS } from './gallery';

describe('emailGallery', () => {
  const entries = emailGallery();

  it('has one entry per email the engine sends, with unique ids', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'welcome',
        'task-ack-document',
        'reminder-review-checkpoint',
        'escalation-approve-access',
        'notice-journey-completed',
        'digest-tech-lead',
        'credential-link',
      ]),
    );
  });

  it.each(entries.flatMap((e) => GALLERY_LANGS.map((lang) => [e.id, lang, e] as const)))(
    '%s renders in %s with no placeholder left',
    (_id, lang, entry) => {
      const email = entry.render(lang);
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toMatch(/\{[a-z]+\}|undefined|\[object Object\]/);
      }
      expect(email.html).toContain(`<html lang="${lang}">`);
    },
  );

  it.each(entries.map((e) => [e.id, e] as const))('%s is translated', (_id, entry) => {
    const [fr, en] = GALLERY_LANGS.map((lang) => entry.render(lang));
    expect(fr.subject).not.toBe(en.subject);
    expect(fr.text).not.toBe(en.text);
  });

  it('carries a calendar invite for tours and checkpoints', () => {
    const invite = entries.find((e) => e.id === 'task-confirm-tour')!.render('fr').icalEvent;
    expect(invite?.content).toContain('BEGIN:VEVENT');
    expect(invite?.content).toContain('TZID=Africa/Lome');
    expect(
      entries.find((e) => e.id === 'task-ack-document')!.render('fr').icalEvent,
    ).toBeUndefined();
  });
});
