/** The masking rules moved to domain/redact.ts so the worker logs with the same ones. */
export { maskEmail, redact } from '../../../../domain/redact';
