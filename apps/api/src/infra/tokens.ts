/** Injection tokens for the API's infrastructure. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PRISMA = Symbol('PRISMA');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
