/**
 * Who sees which runs, decided from the verified principal only (never from request filters):
 * HR, ADMIN and HEAD_OF_DF see every run; a tech lead the runs they lead; a hire their own run,
 * matched by the token's email (emails are stored lower-cased, so both sides are compared so).
 */
import type { Principal } from '../../auth/roles';

export type RunVisibility =
  { all: true } | { all: false; techLeadSub?: string; hireEmail?: string };

export function visibilityOf(principal: Principal): RunVisibility {
  const roles = principal.roles;
  if (roles.includes('HR') || roles.includes('ADMIN') || roles.includes('HEAD_OF_DF')) {
    return { all: true };
  }
  return {
    all: false,
    techLeadSub: roles.includes('TECH_LEAD') ? principal.sub : undefined,
    hireEmail: roles.includes('HIRE') ? principal.email?.trim().toLowerCase() : undefined,
  };
}

/** The same rule as visibleTo() in SQL, for a run already in memory (the read cache). */
export function canSee(
  v: RunVisibility,
  run: { techLeadSub: string | null; hireEmail: string },
): boolean {
  if (v.all) return true;
  return (
    (v.techLeadSub !== undefined && run.techLeadSub === v.techLeadSub) ||
    (v.hireEmail !== undefined && run.hireEmail === v.hireEmail)
  );
}
