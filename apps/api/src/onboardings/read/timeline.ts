/**
 * The audit trail as the API shows it: no email addresses. Fields named like an email are
 * dropped and any address inside free text (notes, reasons, actors) is replaced by `[email]`.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const EMAIL_FIELD = /e-?mail|recipient/i;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function withoutEmails(value: unknown): Json {
  if (typeof value === 'string') return value.replace(EMAIL, '[email]');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(withoutEmails);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !EMAIL_FIELD.test(key))
        .map(([key, v]) => [key, withoutEmails(v)]),
    );
  }
  return null;
}
