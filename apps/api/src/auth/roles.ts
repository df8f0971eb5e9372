/** Roles of the engine and the decorators that declare who may call an endpoint. */
import { SetMetadata } from '@nestjs/common';

export const ROLES = ['HR', 'TECH_LEAD', 'HEAD_OF_DF', 'IT', 'HIRE', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable subject identifier from the token (`sub`). */
  sub: string;
  roles: Role[];
  email?: string;
}

export const ROLES_KEY = 'df:roles';
export const PUBLIC_KEY = 'df:public';

/** Only callers holding one of these roles may call the endpoint. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No authentication (health probes, API docs, signed action links). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
