import { ProblemException } from '../http/problem';
import { TourGuidesService } from './tour-guides.service';

const peer = (stepId: string, sub: string) => ({
  stepId,
  sub,
  name: `Peer ${sub}`,
  email: `${sub}@example.tg`,
  locale: 'fr' as const,
});

describe('tour guides of the start payload', () => {
  it('keys the list by step id, without the step id in the contact', () => {
    expect(TourGuidesService.byStep([peer('tour-a', 'p1'), peer('tour-b', 'p2')])).toEqual({
      'tour-a': { sub: 'p1', name: 'Peer p1', email: 'p1@example.tg', locale: 'fr' },
      'tour-b': { sub: 'p2', name: 'Peer p2', email: 'p2@example.tg', locale: 'fr' },
    });
    expect(TourGuidesService.byStep(undefined)).toEqual({});
  });

  it('refuses a step named twice, naming the entry', () => {
    let thrown: unknown;
    try {
      TourGuidesService.byStep([peer('tour-a', 'p1'), peer('tour-a', 'p2')]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    expect((thrown as ProblemException).problem).toMatchObject({
      status: 400,
      errors: [{ name: 'tourGuides[1].stepId', reason: 'tour-a is named twice' }],
    });
  });
});
