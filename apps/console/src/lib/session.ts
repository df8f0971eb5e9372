/**
 * The signed-in person, from the API's backend-for-frontend session (`GET /auth/me`). No token
 * lives in the browser: the session is an HttpOnly cookie; the CSRF token comes with /auth/me.
 */
import { queryOptions } from '@tanstack/react-query';
import { setCsrfToken } from '../api/client';

export type Role = 'HR' | 'TECH_LEAD' | 'HEAD_OF_DF' | 'IT' | 'HIRE' | 'ADMIN';

export interface Session {
  sub: string;
  name?: string;
  email?: string;
  roles: Role[];
  locale?: string;
  csrfToken: string;
}

export class SignedOut extends Error {}

export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<Session> => {
    const res = await fetch('/auth/me', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (res.status === 401) throw new SignedOut('signed out');
    if (!res.ok) throw new Error(`/auth/me answered ${res.status}`);
    const session = (await res.json()) as Session;
    setCsrfToken(session.csrfToken);
    return session;
  },
  staleTime: 60_000,
  retry: false,
});

/** Sends the browser to the provider, back to where it was. */
export function signIn(returnTo = window.location.pathname + window.location.search): void {
  window.location.assign(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
}

export async function signOut(csrfToken: string): Promise<void> {
  const res = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
  });
  const body = res.ok ? ((await res.json()) as { logoutUrl?: string }) : {};
  window.location.assign(body.logoutUrl ?? '/console/');
}

export const hasRole = (session: Session, ...roles: Role[]) =>
  session.roles.some((r) => roles.includes(r));
