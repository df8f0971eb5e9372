import { randomBytes } from 'node:crypto';
import { signActionToken } from './action-tokens';
import { generatePassword, linkKey, sealCredential, unsealCredential } from './sealed-credential';

describe('sealed credentials', () => {
  const credential = { username: 'h0123456789ab', password: generatePassword() };

  it('opens only under the key it was sealed with, and never shows the password sealed', () => {
    const key = randomBytes(32);
    const sealed = sealCredential(credential, key);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(credential.password);
    expect(unsealCredential(sealed, key)).toEqual(credential);
    expect(() => unsealCredential(sealed, randomBytes(32))).toThrow();
  });

  it('derives a link key from the token alone: the same token opens, another one does not', () => {
    const token = signActionToken('a-secret-of-at-least-thirty-two-characters');
    const sealed = sealCredential(credential, linkKey(token));
    expect(linkKey(token)).toHaveLength(32);
    expect(unsealCredential(sealed, linkKey(token))).toEqual(credential);
    const other = signActionToken('a-secret-of-at-least-thirty-two-characters');
    expect(() => unsealCredential(sealed, linkKey(other))).toThrow();
  });

  it('generates 192-bit url-safe passwords', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generatePassword()).not.toBe(generatePassword());
  });
});
