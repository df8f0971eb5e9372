import { hasStackTrace } from './checks';

describe('hasStackTrace', () => {
  it.each([
    ['a named frame', 'Error: boom\n    at Foo.bar (/srv/app/dist/x.js:12:5)'],
    ['an anonymous frame', 'at /srv/app/dist/apps/api/main.js:3:9'],
    [
      'a Node.js internal frame',
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ],
    ['an aliased method frame', 'at Object.next [as run] (/srv/x.ts:1:2)'],
    ['a file URL frame', 'at file:///srv/app/index.mjs:10:1'],
    ['an eval frame', 'at eval (<anonymous>:1:1)'],
    ['a build path', '{"detail":"cannot read /srv/node_modules/pg/lib/x"}'],
  ])('sees %s', (_name, body) => {
    expect(hasStackTrace(body)).toBe(true);
  });

  it.each([
    [
      'prose followed by an ISO timestamp',
      '{"reason":"access removed at once","at":"2026-12-04T10:00:00.000Z"}',
    ],
    ['a time of day', 'the checkpoint is at 10:00:00 in Lomé'],
    ['a plain problem', '{"type":"about:blank","title":"Not Found","status":404}'],
  ])('ignores %s', (_name, body) => {
    expect(hasStackTrace(body)).toBe(false);
  });
});
