/**
 * The one configured API client (bulletproof-react "api layer"): typed from the OpenAPI document
 * (schema.d.ts, generated), same-origin with the session cookie, and the CSRF header on every
 * mutation. Errors come back as RFC 9457 problems and are thrown as ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Run = Schemas['OnboardingResponseDto'];
export type RunDetail = Schemas['OnboardingDetailResponseDto'];
export type Task = Schemas['TaskResponseDto'];

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { name: string; reason: string }[];
  existing?: string;
  run?: Run;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let csrfToken = '';
/** Set once /auth/me answered: the session's token, echoed on every mutation. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function getCsrfToken(): string {
  return csrfToken;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});
api.use(csrf);

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the problem. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem =
      result.error && typeof result.error === 'object' ? (result.error as Problem) : {};
    throw new ApiError(result.response.status, problem);
  }
  return result.data as T;
}

/** The field errors of a 400 problem, by JSON path (`techLead.email`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.problem.errors ?? []).map((e) => [e.name, e.reason]));
}
