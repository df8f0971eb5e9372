import { renderDigestEmail, type DigestModel } from './digest.template';

const model = (over: Partial<DigestModel> = {}): DigestModel => ({
  locale: 'fr',
  day: '2026-11-24',
  recipientName: 'Mawuli Adjo',
  actionTtlHours: 168,
  tasks: [
    {
      kind: 'APPROVE_ACCESS',
      hireName: 'Sena <Kpodar>',
      dueDate: '2026-11-20',
      overdue: true,
      actionUrl: 'https://df.example/actions/a.b',
      runUrl: 'https://df.example/v1/onboardings/r1',
    },
    {
      kind: 'CONFIRM_TOUR',
      hireName: 'Yao Agbeko',
      overdue: false,
      runUrl: 'https://df.example/v1/onboardings/r2',
    },
  ],
  runs: [
    {
      hireName: 'Yao Agbeko',
      phase: 'ACCESS',
      phaseTitle: { fr: 'Accès', en: 'Access' },
      progressPercent: 40,
      overdueTasks: 2,
      runUrl: 'https://df.example/v1/onboardings/r2',
    },
  ],
  ...over,
});

describe('renderDigestEmail', () => {
  it('lists the tasks (overdue flagged, each with its link) and the runs, in French', () => {
    const email = renderDigestEmail(model());
    expect(email.subject).toBe('[Récapitulatif] 2 tâches à traiter, dont 1 en retard');
    expect(email.text).toContain('Bonjour Mawuli Adjo,');
    expect(email.text).toContain(
      '- [En retard] Approuver une demande d’accès — Sena <Kpodar>, échéance vendredi 20 novembre 2026',
    );
    expect(email.text).toContain('  Ouvrir la tâche : https://df.example/actions/a.b');
    // Without an action link, the run in the admin API.
    expect(email.text).toContain('  Voir le parcours : https://df.example/v1/onboardings/r2');
    expect(email.text).toContain('Yao Agbeko, phase « Accès », 40 % réalisé, 2 tâche(s) en retard');
    expect(email.text).toContain('valable 168 heures');
    expect(email.html).toContain('<strong>En retard</strong>');
    expect(email.html).toContain('Sena &lt;Kpodar&gt;');
    expect(email.html).not.toContain('<Kpodar>');
    expect(email.html).toContain('<html lang="fr">');
  });

  it('speaks English to an English locale and counts the tasks beyond the limit', () => {
    const email = renderDigestEmail(model({ locale: 'en-GB', moreTasks: 3 }));
    expect(email.subject).toBe('[Digest] 5 tasks to do, 1 overdue');
    expect(email.text).toContain('- [Overdue] Approve an access request — Sena <Kpodar>, due');
    expect(email.text).toContain('… and 3 more task(s)');
    expect(email.html).toContain('<html lang="en">');
  });

  it('omits the overdue count and the runs section when there is nothing to say', () => {
    const email = renderDigestEmail(
      model({ tasks: [{ ...model().tasks[1] }], runs: [], recipientName: undefined }),
    );
    expect(email.subject).toBe('[Récapitulatif] 1 tâche à traiter');
    expect(email.text).not.toContain('Vos recrues');
    expect(email.text).not.toContain('Bonjour');
  });
});
