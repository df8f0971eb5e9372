/** Shows the page only to the roles the API serves it to; others get the "may not see" page. */
import type { ReactNode } from 'react';
import { ForbiddenPage } from '../components/pages';
import { hasRole, type Role } from '../lib/session';
import { useSession } from '../lib/session-context';

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const session = useSession();
  return hasRole(session, ...roles) ? children : <ForbiddenPage />;
}
