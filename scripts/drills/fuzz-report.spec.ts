import { coverageOf, coverageTable, operationsOf, withExamples } from './fuzz-report';

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
