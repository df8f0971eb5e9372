/** "/" sends each person to their own start page. */
import { Navigate } from '@tanstack/react-router';
import { hasRole } from '../lib/session';
import { useSession } from '../lib/session-context';

export function Home() {
  const session = useSession();
  if (hasRole(session, 'HEAD_OF_DF')) return <Navigate to="/oversight" replace />;
  if (hasRole(session, 'HR', 'ADMIN')) return <Navigate to="/runs" replace />;
  if (hasRole(session, 'HIRE')) return <Navigate to="/journey" replace />;
  if (hasRole(session, 'IT')) return <Navigate to="/provisioning" replace />;
  return <Navigate to="/inbox" replace />;
}
