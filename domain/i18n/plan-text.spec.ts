import { firstSentence, stepText } from './plan-text';
import { readerDateTime, readerDay } from './dates';

describe('reader text', () => {
  it('writes dates in the reader language and the run time zone', () => {
    // 17:00 in Lomé (UTC+0) on Monday 7 December 2026.
    expect(readerDateTime('2026-12-07T17:00:00Z', 'fr', 'Africa/Lome')).toBe(
      'lundi 7 décembre 2026 à 17:00',
    );
    expect(readerDateTime('2026-12-07T17:00:00Z', 'en', 'Africa/Lome')).toBe(
      'Monday, 7 December 2026 at 17:00',
    );
    // Late in the evening in Lomé is already the next day in Nairobi.
    expect(readerDateTime('2026-12-07T22:30:00Z', 'fr', 'Africa/Nairobi')).toBe(
      'mardi 8 décembre 2026 à 01:30',
    );
    expect(readerDay('2027-01-15', 'fr')).toBe('vendredi 15 janvier 2027');
    expect(readerDay('2027-01-15', 'en')).toBe('Friday, 15 January 2027');
  });

  it('keeps one sentence of a description', () => {
    expect(firstSentence('Créer le compte. Puis prévenir la recrue.')).toBe('Créer le compte.');
    expect(firstSentence('Sans point final')).toBe('Sans point final');
    expect(firstSentence('  ')).toBeUndefined();
    expect(firstSentence(undefined)).toBeUndefined();
  });

  it('finds the title and the sentence of a step in a plan snapshot', () => {
    const plan = {
      phases: [
        {
          steps: [
            {
              id: 'assign-onboarding-buddy',
              title: { fr: 'Désigner un pair référent', en: 'Assign an onboarding buddy' },
              description: { fr: 'Un pair guide les visites. Il est volontaire.', en: 'A peer.' },
            },
          ],
        },
      ],
    };
    expect(stepText(plan, 'assign-onboarding-buddy', 'fr')).toEqual({
      title: 'Désigner un pair référent',
      todo: 'Un pair guide les visites.',
    });
    expect(stepText(plan, 'unknown', 'fr')).toBeUndefined();
    expect(stepText(null, 'assign-onboarding-buddy', 'en')).toBeUndefined();
  });
});
