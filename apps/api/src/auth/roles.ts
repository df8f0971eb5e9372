/** Roles of the engine and the decorators that declare who may call an endpoint. */
import { SetMetadata } from '@nestjs/common';

export const ROLES = ['HR', 'TECH_LEAD', 'HEAD_OF_DF', 'IT', 'HIRE', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable subject identifier from the token (`sub`). */
  sub: string;
  roles: Role[];
  email?: string;
  /** Display name and locale: known for people signed in with a browser session. */
  name?: string;
  locale?: string;
}

export const ROLES_KEY = 'df:roles';
export const PUBLIC_KEY = 'df:public';

/** Only callers holding one of these roles may call the endpoint. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const SIGNED_IN_KEY = 'df:signed-in';

/** Any signed-in caller, whatever their roles (who am I, sign out). */
export const SignedIn = () => SetMetadata(SIGNED_IN_KEY, true);

/** No authentication (health probes, API docs, signed action links). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
