/**
 * OpenAPI facts about request bodies and query fields, matching what the class-validator rules
 * beside the DTOs enforce (route parameters: params.ts).
 */
import type { OpenAPIObject } from '@nestjs/swagger';

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
