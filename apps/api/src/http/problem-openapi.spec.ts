import type { OpenAPIObject } from '@nestjs/swagger';
import { documentProblems } from './problem-openapi';

const problem = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

function doc(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/health/live': { get: { responses: { '200': { description: 'up' } } } },
      '/v1/things/{id}': {
        put: {
          security: [{ bearer: [] }],
          parameters: [{ name: 'id', in: 'path', required: true }],
          requestBody: { content: { 'application/json': { schema: {} } } },
          responses: {
            '200': { description: 'ok' },
            '409': { description: 'Closed' },
            '410': {
              description: 'Gone',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

describe('documentProblems', () => {
  it('gives every operation the error statuses the pipeline can answer, as problem+json', () => {
    const d = doc();
    documentProblems(d);
    const live = d.paths['/health/live'].get!.responses;
    expect(Object.keys(live).sort()).toEqual(['200', '500', '503']);
    const put = d.paths['/v1/things/{id}'].put!.responses;
    expect(Object.keys(put).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '410', '413', '415', '429', '500', '503'].sort(),
    );
    expect(put['409']).toEqual({ description: 'Closed', content: problem }); // kept, with a body
    expect(put['401']).toMatchObject({ content: problem });
    expect(put['410']).toMatchObject({ content: { 'text/html': {} } }); // own content kept
    expect(put['200']).toEqual({ description: 'ok' });
  });

  it('adds the Problem schema, open to extension members', () => {
    const d = doc();
    documentProblems(d);
    expect(d.components?.schemas?.Problem).toMatchObject({
      required: ['type', 'title', 'status'],
      additionalProperties: true,
    });
    expect(d.components?.schemas?.InvalidParam).toMatchObject({ required: ['name', 'reason'] });
  });
});
