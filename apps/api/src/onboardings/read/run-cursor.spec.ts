import { decodeCursor, encodeCursor } from './run-cursor';

describe('run list cursor', () => {
  const cursor = {
    createdAt: new Date('2026-11-25T10:11:12.345Z'),
    id: '2f0c6f3e-8a4b-4c1d-9e2f-0a1b2c3d4e5f',
  };

  it('round-trips through an opaque base64url string', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'bm9wZQ'],
    ['a wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad id', Buffer.from('["2026-11-25T10:11:12.345Z","x"]').toString('base64url')],
    ['a bad date', Buffer.from(`["yesterday","${cursor.id}"]`).toString('base64url')],
  ])('refuses %s', (_what, text) => {
    expect(decodeCursor(text)).toBeUndefined();
  });
});
