/**
 * Keeps personal data and secrets out of logs. Everything the API and the worker log goes through redact():
 * emails are masked (`k***@example.tg`), bearer tokens and JWTs are removed. Bodies are never logged.
 */
const EMAIL = /([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
const AUTHORIZATION = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi;
// Any JWS/JWT compact serialisation: base64url JSON header starting with `{"` is `eyJ`.
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/** `kodjo.mensah@example.tg` → `k***@example.tg`; anything that is not an email → `***`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return '***';
  return `${email[0]}***@${email.slice(at + 1)}`;
}

/** Masks every email and removes every token found in free text (error messages, stack traces). */
export function redact(text: string): string {
  return text
    .replace(AUTHORIZATION, '$1 [redacted]')
    .replace(JWT, '[redacted-token]')
    .replace(EMAIL, (_match, first: string, domain: string) => `${first}***@${domain}`);
}
