import { classify, coverageOf, coverageTable, operationsOf, withExamples } from './fuzz-report';

const doc = {
  openapi: '3.0.0',
  paths: {
    '/v1/tasks/mine': { get: {} },
    '/v1/tasks/{taskId}/complete': {
      post: { parameters: [{ name: 'taskId', in: 'path', schema: { type: 'string' } }] },
    },
    '/v1/tasks/{taskId}': {
      get: { parameters: [{ name: 'taskId', in: 'path', schema: { type: 'string' } }] },
    },
    '/v1/onboardings/{runId}/audit.csv': {
      get: { parameters: [{ name: 'runId', in: 'path' }] },
    },
  },
};
const entry = (method: string, path: string, status: number) => ({
  request: { method, url: `http://127.0.0.1:3000${path}?x=1` },
  response: { status },
});

describe('fuzzing report', () => {
  it('lists the operations', () => {
    expect(operationsOf(doc)).toEqual([
      'GET /v1/tasks/mine',
      'POST /v1/tasks/{taskId}/complete',
      'GET /v1/tasks/{taskId}',
      'GET /v1/onboardings/{runId}/audit.csv',
    ]);
  });

  it('counts requests per operation, a literal segment before a parameter', () => {
    const rows = coverageOf(operationsOf(doc), [
      entry('GET', '/v1/tasks/mine', 200),
      entry('GET', '/v1/tasks/abc', 404),
      entry('post', '/v1/tasks/abc/complete', 200),
      entry('POST', '/v1/tasks/abc/complete', 400),
      entry('GET', '/v1/onboardings/r1/auditXcsv', 404), // the dot is literal
      entry('DELETE', '/v1/tasks/mine', 404), // no such operation
    ]);
    expect(rows.map((r) => [r.operation, r.requests, r.ok])).toEqual([
      ['GET /v1/tasks/mine', 1, 1],
      ['POST /v1/tasks/{taskId}/complete', 2, 1],
      ['GET /v1/tasks/{taskId}', 1, 0],
      ['GET /v1/onboardings/{runId}/audit.csv', 0, 0],
    ]);
    expect(coverageTable(rows).split('\n')[1]).toBe(
      'POST /v1/tasks/{taskId}/complete          2 requests    1 2xx  200:1 400:1',
    );
  });

  it('gives path parameters the drill’s real ids as examples, on a copy', () => {
    const fuzzed = withExamples(doc, { taskId: 't-1' });
    expect(fuzzed.paths['/v1/tasks/{taskId}'].get.parameters?.[0]).toMatchObject({
      example: 't-1',
    });
    expect(doc.paths['/v1/tasks/{taskId}'].get.parameters[0]).not.toHaveProperty('example');
  });
});

describe('classify (schemathesis exit status and output)', () => {
  const summary = (errors: string) => `Test Phases:\n  🚫 Examples\n\nErrors:\n${errors}\n`;
  it('passes a clean run', () => {
    expect(classify(0, 'Test cases:\n  10 generated, 10 passed')).toEqual({
      failed: false,
      toolErrors: 0,
    });
  });
  it('fails on a failure or an API error, not on the tool’s own runtime error', () => {
    expect(classify(1, '=== FAILURES ===\n- ST103 Undocumented status code')).toMatchObject({
      failed: true,
    });
    expect(classify(1, summary('  🚫 Network Error: 1'))).toEqual({ failed: true, toolErrors: 0 });
    expect(classify(1, summary('  🚫 Runtime Error: 2'))).toEqual({ failed: false, toolErrors: 2 });
    expect(classify(1, summary('  🚫 Runtime Error: 1\n  🚫 Network Error: 1'))).toEqual({
      failed: true,
      toolErrors: 1,
    });
    expect(classify(2, 'Usage: st run [OPTIONS]')).toEqual({ failed: true, toolErrors: 0 });
  });
});
