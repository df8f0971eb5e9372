import { renderTaskEmail, type TaskEmailModel } from './task.template';

const base: TaskEmailModel = {
  locale: 'fr',
  notice: 'task',
  subjectKey: 'ACK_DOCUMENT',
  stepTitle: 'Signer la charte de sécurité',
  todo: 'Lisez la charte informatique de l’Agence avant votre premier accès.',
  hireName: 'Kodjo <Mensah> & "Co"',
  dueAt: '2027-01-08T17:00:00.000Z',
  link: 'http://api.test/v1/onboardings/r1',
};

describe('renderTaskEmail', () => {
  it('writes French by default, with what to do, the due date and the action link', () => {
    const mail = renderTaskEmail({
      ...base,
      actionUrl: 'http://api.test/actions/abc.def',
      actionTtlHours: 72,
    });
    expect(mail.subject).toBe(
      '[Nouvelle tâche] Prendre connaissance d’un document de sécurité — Kodjo <Mensah> & "Co"',
    );
    expect(mail.text).toContain('Lisez le document de sécurité');
    expect(mail.text).toContain('Étape : Signer la charte de sécurité');
    expect(mail.text).toContain(
      'Lisez la charte informatique de l’Agence avant votre premier accès.',
    );
    expect(mail.text).toContain('Échéance : vendredi 8 janvier 2027 à 17:00');
    expect(mail.text).not.toMatch(/security-charter|\d{4}-\d{2}-\d{2}/);
    expect(mail.text).toContain('Ouvrir la tâche: http://api.test/actions/abc.def');
    expect(mail.text).toContain('expire dans 72 heures');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('href="http://api.test/actions/abc.def"');
  });

  it('writes English for an English locale, per task kind', () => {
    const mail = renderTaskEmail({
      ...base,
      locale: 'en-GB',
      subjectKey: 'REVIEW_CHECKPOINT',
      stepTitle: 'Day-30 checkpoint',
      timeZone: 'Africa/Nairobi',
    });
    expect(mail.text).toContain('Step: Day-30 checkpoint');
    expect(mail.text).toContain('Due: Friday, 8 January 2027 at 20:00');
    expect(mail.subject).toBe('[New task] Checkpoint decision — Kodjo <Mensah> & "Co"');
    expect(mail.text).toContain('decide: approve, extend (with a new date) or escalate');
    expect(mail.html).toContain('<html lang="en">');
    // Without an action link, the email points to the journey.
    expect(mail.text).toContain('View the journey: http://api.test/v1/onboardings/r1');
  });

  it('escapes every interpolated value in HTML', () => {
    const { html } = renderTaskEmail({ ...base, actionUrl: 'http://x/actions/a"b<c>' });
    expect(html).toContain('Kodjo &lt;Mensah&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<Mensah>');
    expect(html).toContain('href="http://x/actions/a&quot;b&lt;c&gt;"');
  });

  it('renders reminders, escalations and the completion summary', () => {
    const reminder = renderTaskEmail({ ...base, notice: 'reminder', occurrence: 2 });
    expect(reminder.subject.startsWith('[Rappel]')).toBe(true);
    expect(reminder.text).toContain('Relance n° : 2');
    const escalation = renderTaskEmail({ ...base, locale: 'en', notice: 'escalation' });
    expect(escalation.text).toContain('This task is overdue');
    const summary = renderTaskEmail({
      ...base,
      locale: 'en',
      notice: 'notice',
      subjectKey: 'journey-completed',
      stepTitle: undefined,
      summary: { tasksDone: 12, acknowledgements: 3, grants: 4 },
    });
    expect(summary.subject).toBe('[Notice] Onboarding journey completed — Kodjo <Mensah> & "Co"');
    expect(summary.text).toContain('Tasks completed: 12');
    expect(summary.text).not.toContain('Step:');
  });

  it('uses the configured brand (name, colour, logo)', () => {
    const { html, text } = renderTaskEmail({
      ...base,
      brand: { name: 'ATD <Lab>', color: '#123456', logoUrl: 'https://cdn.test/logo.png' },
    });
    expect(html).toContain('background:#123456');
    expect(html).toContain('<img src="https://cdn.test/logo.png" alt="ATD &lt;Lab&gt;"');
    expect(text).toContain('ATD <Lab>');
  });
});
