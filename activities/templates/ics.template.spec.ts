import { inviteUid, lomeLocal, renderCalendar, renderInvite } from './ics.template';

const base = {
  runId: 'run-1',
  stepId: 'checkpoint-30',
  sequence: 0,
  start: new Date('2027-02-03T16:00:00Z'),
  end: new Date('2027-02-03T17:00:00Z'),
  summary: 'Point d’étape, jour 30; Afi, Kossi',
  description: 'Ligne 1\nLigne 2 — '.repeat(8),
  organizer: 'onboarding@digital.gouv.tg',
  attendee: 'afi@example.tg',
  now: new Date('2027-01-01T00:00:00Z'),
};

describe('renderInvite', () => {
  it('places the event in Africa/Lome with a stable UID and the sequence', () => {
    const ics = renderInvite({ ...base, sequence: 2 });
    expect(ics).toContain('DTSTART;TZID=Africa/Lome:20270203T160000\r\n');
    expect(ics).toContain('DTEND;TZID=Africa/Lome:20270203T170000\r\n');
    expect(ics).toContain('TZID:Africa/Lome');
    expect(ics).toContain('UID:run-1-checkpoint-30@df-onboarding\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('METHOD:REQUEST');
    expect(inviteUid('r', 's')).toBe('r-s@df-onboarding');
  });

  it('escapes text and folds long lines at 75 octets', () => {
    const ics = renderInvite(base);
    expect(ics).toContain('SUMMARY:Point d’étape\\, jour 30\\; Afi\\, Kossi');
    expect(ics).toContain('Ligne 1\\nLigne 2');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('converts instants to Lomé wall-clock time (GMT all year)', () => {
    expect(lomeLocal(new Date('2027-07-14T09:30:05Z'))).toBe('20270714T093005');
  });
});

describe('renderCalendar', () => {
  const tour = {
    runId: 'run-1',
    stepId: 'tour-architecture',
    start: new Date('2027-02-03T16:00:00Z'),
    end: new Date('2027-02-03T17:00:00Z'),
    summary: 'Visite: architecture, services',
    description: 'Avec Kossi; apportez vos questions.\nSalle 2',
  };

  it('publishes one event per tour, same UID as the invite, in Africa/Lome', () => {
    const ics = renderCalendar('Mes visites', [
      tour,
      { ...tour, stepId: 'tour-ci', cancelled: true },
    ]);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('METHOD:PUBLISH\r\n');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain(`UID:${inviteUid('run-1', 'tour-architecture')}\r\n`);
    expect(ics).toContain('DTSTART;TZID=Africa/Lome:20270203T160000\r\n');
    expect(ics).toContain('SUMMARY:Visite: architecture\\, services\r\n');
    expect(ics).toContain('DESCRIPTION:Avec Kossi\\; apportez vos questions.\\nSalle 2\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('is a valid empty calendar without tours', () => {
    const ics = renderCalendar('Mes visites', []);
    expect(ics).not.toContain('BEGIN:VEVENT');
    expect(ics).toContain('END:VCALENDAR\r\n');
  });
});
