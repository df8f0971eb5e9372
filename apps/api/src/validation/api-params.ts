/**
 * OpenAPI descriptions of the path parameters, matching what their pipes enforce
 * (onboardings/run-id.pipe.ts, tasks/params.ts): the document states the real contract, so
 * clients and fuzzers (npm run drills -- fuzz) send well-formed ids.
 */
import { ApiParam, type OpenAPIObject } from '@nestjs/swagger';

/** Plan ids (keys, steps, documents): kebab-case, at most 64 characters. */
export const PLAN_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const PLAN_ID_MAX_LENGTH = 64;

/** A UUID path parameter; anything else answers 400 problem+json naming it. */
export const ApiUuidParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({
    name,
    required: true,
    description: `${description ?? name} (UUID; anything else answers 400 problem+json)`,
    schema: { type: 'string', format: 'uuid' },
  });

/** A plan id path parameter (kebab-case, 1–64 characters); anything else answers 400. */
export const ApiPlanIdParam = (name: string, description?: string): MethodDecorator =>
  ApiParam({
    name,
    required: true,
    description: `${description ?? name} (kebab-case plan id; anything else answers 400)`,
    schema: {
      type: 'string',
      pattern: PLAN_ID_PATTERN,
      minLength: 1,
      maxLength: PLAN_ID_MAX_LENGTH,
    },
  });

/** Body and query fields (the class-validator rules beside them enforce the same). */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const SHA256_PATTERN = '^[0-9a-f]{64}$';
/** What IsTimeZone accepts, by its canonical names (aliases such as Etc/GMT+1 also pass). */
export const TIME_ZONES: string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];

type SchemaNode = Record<string, unknown>;

/**
 * Marks every component schema a request body refers to (directly, nested, or through
 * `oneOf`/`items`) `additionalProperties: false`: the global ValidationPipe refuses unknown fields
 * (`forbidNonWhitelisted`), and the document should say so. Inline schemas are left as declared.
 */
export function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaNode>;
  const closed = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const ref = (node as SchemaNode).$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      const target = schemas[name];
      if (target && !closed.has(name)) {
        closed.add(name);
        target.additionalProperties = false;
        visit(target);
      }
      return;
    }
    Object.values(node).forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as { requestBody?: unknown }[]) {
      if (op && typeof op === 'object' && 'requestBody' in op) visit(op.requestBody);
    }
  }
}
