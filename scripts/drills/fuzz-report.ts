/**
 * What the fuzzing drill reads and writes besides schemathesis itself: the document it fuzzes
 * (the served one, with the drill's real ids as parameter examples so generated requests reach
 * past the 404 of a random id) and the coverage per operation, counted from the HAR files.
 * Pure, unit-tested in fuzz-report.spec.ts.
 */

export interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; content?: { text?: string } };
}

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: Record<string, unknown>;
}

type Paths = Record<string, Record<string, { parameters?: Parameter[] }>>;

export interface OpenApiDocument {
  paths: Paths;
  [key: string]: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `METHOD /path/{param}` for every operation of the document. */
export function operationsOf(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${p}`),
  );
}

/** A copy of the document whose path parameters named in `examples` have that example. */
export function withExamples(
  doc: OpenApiDocument,
  examples: Record<string, string | number>,
): OpenApiDocument {
  const copy = structuredClone(doc);
  for (const item of Object.values(copy.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      for (const p of op.parameters ?? []) {
        if (p.in === 'path' && p.name in examples) p.example = examples[p.name];
      }
    }
  }
  return copy;
}

export interface OperationCoverage {
  operation: string;
  requests: number;
  /** 2xx answers: the request went through validation, authorization and the service. */
  ok: number;
  statuses: Map<number, number>;
}

/** Matches a request to its operation; a literal segment wins over a parameter (tasks/mine). */
export function coverageOf(operations: string[], entries: HarEntry[]): OperationCoverage[] {
  const matchers = operations
    .map((operation) => {
      const [method, template] = operation.split(' ');
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template
        .split(/\{[^}]+\}/)
        .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      return { operation, method, params, re: new RegExp(`^${source}$`) };
    })
    .sort((a, b) => a.params - b.params);
  const rows = new Map<string, OperationCoverage>(
    operations.map((operation) => [
      operation,
      { operation, requests: 0, ok: 0, statuses: new Map() },
    ]),
  );
  for (const e of entries) {
    const url = new URL(e.request.url);
    const match = matchers.find(
      (m) => m.method === e.request.method.toUpperCase() && m.re.test(url.pathname),
    );
    if (!match) continue;
    const row = rows.get(match.operation)!;
    row.requests += 1;
    if (e.response.status >= 200 && e.response.status < 300) row.ok += 1;
    row.statuses.set(e.response.status, (row.statuses.get(e.response.status) ?? 0) + 1);
  }
  return [...rows.values()];
}

/** A fixed-width table, one line per operation. */
export function coverageTable(rows: OperationCoverage[]): string {
  const width = Math.max(...rows.map((r) => r.operation.length));
  const statuses = (r: OperationCoverage) =>
    [...r.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(' ');
  return rows
    .map(
      (r) =>
        `${r.operation.padEnd(width)} ${String(r.requests).padStart(5)} requests ${String(r.ok).padStart(4)} 2xx  ${statuses(r)}`,
    )
    .join('\n');
}

/**
 * Exit status 1 means failures (checks broken by an answer) or errors. An error is either the
 * API's (a network error: no answer in time) or schemathesis's own crash while generating a case
 * ("Runtime Error"; seen with 4.32.5 on the examples of POST /v1/plans/{key}/versions, a cache
 * KeyError inside its JSON Schema generator, flaky). Only the first two fail the drill.
 */
export function classify(
  status: number | null,
  output: string,
): { failed: boolean; toolErrors: number } {
  const counts = [...output.matchAll(/🚫 ([A-Za-z ]+): (\d+)/g)].map(([, kind, n]) => ({
    kind: kind.trim(),
    n: Number(n),
  }));
  const toolErrors = counts.filter((c) => c.kind === 'Runtime Error').reduce((a, c) => a + c.n, 0);
  const otherErrors = counts.filter((c) => c.kind !== 'Runtime Error').length;
  const failures = /^=+ FAILURES =+$/m.test(output);
  return { failed: status !== 0 && (failures || otherErrors > 0 || toolErrors === 0), toolErrors };
}
