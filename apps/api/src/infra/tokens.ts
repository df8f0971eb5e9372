/** Injection tokens for the API's infrastructure (Temporal is reached through TemporalGateway). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PRISMA = Symbol('PRISMA');
