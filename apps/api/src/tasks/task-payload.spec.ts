import { ProblemException } from '../http/problem';
import { validatePayload } from './task-payload';

describe('validatePayload', () => {
  it.each(['GENERIC', 'CONFIRM_TOUR'] as const)('accepts an empty body for %s', async (kind) => {
    await expect(validatePayload(kind, {})).resolves.toEqual({});
    await expect(validatePayload(kind, undefined)).resolves.toEqual({});
  });

  it('refuses a field on a task that takes none, naming it', async () => {
    const err = await validatePayload('GENERIC', { note: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemException);
    expect((err as ProblemException).problem).toMatchObject({
      status: 400,
      errors: [{ name: 'note', reason: 'is not an accepted field' }],
    });
  });

  it('refuses a body that is not an object', async () => {
    await expect(validatePayload('GENERIC', ['x'])).rejects.toBeInstanceOf(ProblemException);
  });

  it('still validates the fields of the other kinds', async () => {
    await expect(validatePayload('PROVISION_ACCESS', {})).rejects.toBeInstanceOf(ProblemException);
    await expect(validatePayload('PROVISION_ACCESS', { externalRef: 'it-1' })).resolves.toEqual({
      externalRef: 'it-1',
    });
  });
});
