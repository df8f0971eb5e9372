import { enginePlaceholder } from '../prisma/engine-placeholder';

describe('prisma.config.ts engine placeholder', () => {
  const argv = (...args: string[]) => ['node', '/repo/node_modules/prisma/build/index.js', ...args];

  it('is set only for commands that never run the schema engine', () => {
    expect(enginePlaceholder(argv('generate'), '/repo/package.json')).toBe('/repo/package.json');
    expect(enginePlaceholder(argv('validate'), '/p')).toBe('/p');
    expect(enginePlaceholder(argv('--version'), '/p')).toBe('/p');
  });

  it('leaves migrate status/deploy to the real engine (a JSON file cannot run)', () => {
    expect(enginePlaceholder(argv('migrate', 'status'), '/p')).toBeUndefined();
    expect(enginePlaceholder(argv('migrate', 'deploy'), '/p')).toBeUndefined();
    expect(enginePlaceholder(argv('db', 'pull'), '/p')).toBeUndefined();
  });
});
