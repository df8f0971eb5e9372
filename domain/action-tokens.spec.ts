import {
  formatRecipient,
  hashActionToken,
  parseRecipient,
  signActionToken,
  verifyActionToken,
} from './action-tokens';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

describe('action tokens', () => {
  it('verifies a token it signed, and each token is new', () => {
    const token = signActionToken(SECRET);
    expect(verifyActionToken(SECRET, token)).toBe(true);
    expect(signActionToken(SECRET)).not.toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a tampered nonce or MAC, another secret and garbage', () => {
    const token = signActionToken(SECRET);
    const flip = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(verifyActionToken(SECRET, flip(token, 3))).toBe(false);
    expect(verifyActionToken(SECRET, flip(token, 50))).toBe(false);
    expect(verifyActionToken('another-secret-of-at-least-32-characters', token)).toBe(false);
    expect(verifyActionToken(SECRET, '')).toBe(false);
    expect(verifyActionToken(SECRET, `${token}x`)).toBe(false);
    expect(verifyActionToken(SECRET, '../../etc/passwd')).toBe(false);
  });

  it('stores a hash, not the token', () => {
    const token = signActionToken(SECRET);
    expect(hashActionToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashActionToken(token)).not.toContain(token.slice(0, 10));
  });

  it('round-trips a recipient whose subject contains spaces or colons', () => {
    const r = { role: 'IT', sub: 'it:devops@digital.gouv.tg' };
    expect(parseRecipient(formatRecipient(r))).toEqual(r);
  });
});
