/**
 * Signed one-click action links (docs/emails.md, "Action links"). A token is 32 random bytes and
 * their HMAC-SHA256 under ACTION_LINK_SECRET, both base64url: `<nonce>.<mac>`. Forged or altered
 * tokens fail the MAC check before any database read; only sha256(token) is stored, so a database
 * leak yields no usable link. Binding (run, task, recipient), expiry and single use live in the
 * `action_token` row. Shared by the worker (mints) and the API (redeems): Node crypto only.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const B64URL = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;

function mac(secret: string, nonce: Buffer): Buffer {
  return createHmac('sha256', secret).update(nonce).digest();
}

/** A new token: 32 random bytes, signed. */
export function signActionToken(secret: string): string {
  const nonce = randomBytes(32);
  return `${nonce.toString('base64url')}.${mac(secret, nonce).toString('base64url')}`;
}

/** True when the token is well formed and its MAC is ours (constant-time comparison). */
export function verifyActionToken(secret: string, token: string): boolean {
  if (!B64URL.test(token)) return false;
  const [nonce, given] = token.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (nonce.length !== 32 || given.length !== 32) return false;
  return timingSafeEqual(mac(secret, nonce), given);
}

/** What the database stores and looks up: never the token itself. */
export function hashActionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The role a link acts as and the workflow subject it acts with. */
export interface ActionRecipient {
  role: string;
  sub: string;
}

export const formatRecipient = (r: ActionRecipient): string => `${r.role} ${r.sub}`;

export function parseRecipient(value: string): ActionRecipient {
  const at = value.indexOf(' ');
  return { role: value.slice(0, at), sub: value.slice(at + 1) };
}
