import { maskEmail, redact } from './redact';

describe('maskEmail', () => {
  it.each([
    ['kodjo@example.tg', 'k***@example.tg'],
    ['Kodjo.Mensah+hr@mail.example.tg', 'K***@mail.example.tg'],
    ['a@b.tg', 'a***@b.tg'],
  ])('masks %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each(['', 'no-at-sign', '@example.tg', 'kodjo@'])('hides %p completely', (value) => {
    expect(maskEmail(value)).toBe('***');
  });
});

describe('redact', () => {
  it('masks every email in free text', () => {
    expect(redact('Unique constraint failed for afi@example.tg and kossi.a@example.tg')).toBe(
      'Unique constraint failed for a***@example.tg and k***@example.tg',
    );
  });

  it('removes bearer tokens and bare JWTs', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJociJ9.c2lnbmF0dXJl';
    expect(redact(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact(`token=${jwt} rejected`)).toBe('token=[redacted-token] rejected');
    expect(redact('Basic dXNlcjpwYXNz')).toBe('Basic [redacted]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'POST /v1/onboardings -> 503: PostgreSQL is unavailable at 127.0.0.1:5432';
    expect(redact(text)).toBe(text);
  });
});
