import { loadLeavingPlan } from '../../domain/plans/leaving.schema';
import { loadPlans } from '../../domain/plans/load-plans';
import { emailGallery, GALLERY_LANGS } from './gallery';

const STEP_IDS = loadPlans()[0].plan.phases.flatMap((p) => p.steps.map((s) => s.id));
/** Text a person reads: the plain-text part, and the HTML without its attributes (links). */
const readable = (email: { subject: string; text: string; html: string }) => [
  email.subject,
  email.text.replace(/https?:\/\/\S+/g, ''),
  email.html.replace(/<[^>]*>/g, ' '),
];

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

  it('shows each leaving task with its title and checklist from the leaving plan, fr and en', () => {
    const plan = loadLeavingPlan();
    for (const task of plan.tasks)
      for (const lang of GALLERY_LANGS) {
        const email = entries.find((e) => e.id === `task-leaving-${task.id}`)!.render(lang);
        expect(email.subject).toContain(task.title[lang]);
        expect(email.subject).not.toContain(task.id);
        for (const item of task.checklist ?? []) expect(email.text).toContain(item[lang]);
      }
    const escalation = entries.find((e) => e.id === 'escalation-leaving-handover')!.render('en');
    expect(escalation.subject).toBe('[Escalation] Handover of ongoing work — Kodjo Mensah');
    expect(escalation.text).toContain('Leaver');
  });

  it('carries a calendar invite for tours and checkpoints', () => {
    const invite = entries.find((e) => e.id === 'task-confirm-tour')!.render('fr').icalEvent;
    expect(invite?.content).toContain('BEGIN:VEVENT');
    expect(invite?.content).toContain('TZID=Africa/Lome');
    expect(
      entries.find((e) => e.id === 'task-ack-document')!.render('fr').icalEvent,
    ).toBeUndefined();
  });

  it.each(entries.flatMap((e) => GALLERY_LANGS.map((lang) => [e.id, lang, e] as const)))(
    '%s in %s shows plan titles and written-out dates, never a step id or an ISO date',
    (_id, lang, entry) => {
      for (const part of readable(entry.render(lang))) {
        for (const id of STEP_IDS) expect(part).not.toContain(id);
        expect(part).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      }
    },
  );

  it('writes the step title, what to do and the due date in the reader language', () => {
    const task = entries.find((e) => e.id === 'task-generic')!;
    const fr = task.render('fr').text;
    expect(fr).toContain('Étape : Désigner un pair référent');
    expect(fr).toContain("Un·e développeur·se backend de l'équipe");
    expect(fr).toContain('Échéance : vendredi 15 janvier 2027 à 17:00');
    const en = task.render('en').text;
    expect(en).toContain('Step: Assign an onboarding buddy');
    expect(en).toContain('A backend engineer of the team who guides the tours given by a peer.');
    expect(en).toContain('Due: Friday, 15 January 2027 at 17:00');
    const welcome = entries.find((e) => e.id === 'welcome')!;
    expect(welcome.render('fr').text).toContain('Votre premier jour est le lundi 4 janvier 2027');
    const digest = entries.find((e) => e.id === 'digest-tech-lead')!;
    expect(digest.render('en').text).toContain('Tuesday, 12 January 2027');
    expect(digest.render('fr').text).toContain('phase « Accès »');
    expect(digest.render('fr').text).not.toContain('ACCESS');
    // A plain task is named by its step in the subject and the heading.
    expect(task.render('fr').subject).toBe(
      '[Nouvelle tâche] Désigner un pair référent — Kodjo Mensah',
    );
  });
});
