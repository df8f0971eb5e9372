/**
 * CSRF defence of cookie-authenticated changes (bearer requests cannot be forged cross-site):
 * the request must come from this site (Origin equal to PUBLIC_BASE_URL's origin, or, without an
 * Origin header, `Sec-Fetch-Site: same-origin`) and carry the session's token in X-CSRF-Token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const CSRF_HEADER = 'x-csrf-token';

/** Undefined when the request passes, else why it does not. */
export function csrfRefusal(
  headers: IncomingHttpHeaders,
  csrfToken: string,
  siteOrigin: string,
): string | undefined {
  const origin = headers.origin;
  const sameSite = origin ? origin === siteOrigin : headers['sec-fetch-site'] === 'same-origin';
  if (!sameSite) return 'A change with a session cookie must come from this site (Origin)';
  const sent = headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !equal(sent, csrfToken)) {
    return 'A change with a session cookie needs the X-CSRF-Token header (from GET /auth/me)';
  }
  return undefined;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
