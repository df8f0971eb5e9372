/**
 * RFC 9457 problem details. Every error leaves the API as `application/problem+json` with a
 * stable `type` per kind of error (listed in docs/errors.md).
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemType = {
  VALIDATION: 'urn:df-onboarding:problem:validation',
  MALFORMED_REQUEST: 'urn:df-onboarding:problem:malformed-request',
  PAYLOAD_TOO_LARGE: 'urn:df-onboarding:problem:payload-too-large',
  UNSUPPORTED_MEDIA_TYPE: 'urn:df-onboarding:problem:unsupported-media-type',
  UNAUTHENTICATED: 'urn:df-onboarding:problem:unauthenticated',
  FORBIDDEN: 'urn:df-onboarding:problem:forbidden',
  CSRF: 'urn:df-onboarding:problem:csrf',
  SIGN_IN_FAILED: 'urn:df-onboarding:problem:sign-in-failed',
  NOT_FOUND: 'urn:df-onboarding:problem:not-found',
  METHOD_NOT_ALLOWED: 'urn:df-onboarding:problem:method-not-allowed',
  CONFLICT: 'urn:df-onboarding:problem:conflict',
  UNPROCESSABLE: 'urn:df-onboarding:problem:unprocessable',
  RATE_LIMITED: 'urn:df-onboarding:problem:rate-limited',
  DEPENDENCY_UNAVAILABLE: 'urn:df-onboarding:problem:dependency-unavailable',
  SHUTTING_DOWN: 'urn:df-onboarding:problem:shutting-down',
  INTERNAL: 'urn:df-onboarding:problem:internal',
} as const;

export interface InvalidParam {
  /** JSON path of the offending field, e.g. `hire.email`. */
  name: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: InvalidParam[];
  [extension: string]: unknown;
}

/** Thrown anywhere in the API; the filter turns it into the response as is. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemBody) {
    super(problem.detail ?? problem.title);
  }

  static validation(
    errors: InvalidParam[],
    extensions: Record<string, unknown> = {},
  ): ProblemException {
    return new ProblemException({
      type: ProblemType.VALIDATION,
      title: 'The request is invalid',
      status: 400,
      detail: errors.map((e) => `${e.name}: ${e.reason}`).join('; '),
      errors,
      ...extensions,
    });
  }

  static notFound(what: string): ProblemException {
    return new ProblemException({
      type: ProblemType.NOT_FOUND,
      title: 'Not found',
      status: 404,
      detail: `${what} was not found`,
    });
  }

  static conflict(detail: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({
      type: ProblemType.CONFLICT,
      title: 'Conflict',
      status: 409,
      detail,
      ...extensions,
    });
  }

  static unavailable(dependency: string): ProblemException {
    return new ProblemException({
      type: ProblemType.DEPENDENCY_UNAVAILABLE,
      title: 'A dependency is unavailable',
      status: 503,
      detail: `${dependency} is unavailable; retry later`,
      dependency,
    });
  }

  static rateLimited(retryAfterSeconds: number): ProblemException {
    return new ProblemException({
      type: ProblemType.RATE_LIMITED,
      title: 'Too many requests',
      status: 429,
      detail: `Too many changes from this caller; retry in ${retryAfterSeconds} s`,
      retryAfter: retryAfterSeconds,
    });
  }

  /** This instance is draining before it stops; another instance (or a retry) will answer. */
  static shuttingDown(): ProblemException {
    return new ProblemException({
      type: ProblemType.SHUTTING_DOWN,
      title: 'The service is shutting down',
      status: 503,
      detail: 'This instance is shutting down; retry the request',
    });
  }

  static unauthenticated(detail: string): ProblemException {
    return new ProblemException({
      type: ProblemType.UNAUTHENTICATED,
      title: 'Authentication required',
      status: 401,
      detail,
    });
  }

  static forbidden(detail: string): ProblemException {
    return new ProblemException({
      type: ProblemType.FORBIDDEN,
      title: 'Forbidden',
      status: 403,
      detail,
    });
  }

  /** A cookie-authenticated change without the session's CSRF token or from another site. */
  static csrf(detail: string): ProblemException {
    return new ProblemException({
      type: ProblemType.CSRF,
      title: 'Cross-site request refused',
      status: 403,
      detail,
    });
  }

  /** A sign-in callback that failed a check (state, code, ID token): nothing was created. */
  static signInFailed(detail: string): ProblemException {
    return new ProblemException({
      type: ProblemType.SIGN_IN_FAILED,
      title: 'Sign-in failed',
      status: 400,
      detail,
    });
  }
}
