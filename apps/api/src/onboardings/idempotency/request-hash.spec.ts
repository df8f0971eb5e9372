import { requestHash } from './idempotency.service';

describe('requestHash', () => {
  it('ignores key order and undefined fields, and tells different bodies apart', () => {
    const a = requestHash({
      email: 'a@b.tg',
      techLead: { sub: 's', name: 'N' },
      planKey: undefined,
    });
    expect(requestHash({ techLead: { name: 'N', sub: 's' }, email: 'a@b.tg' })).toBe(a);
    expect(requestHash({ techLead: { name: 'N', sub: 's' }, email: 'c@b.tg' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
