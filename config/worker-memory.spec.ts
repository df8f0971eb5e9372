import { memoryFlags, relaunchFor, type ProcessState } from './worker-memory';

const bounds = { heapMiB: 96, semiSpaceMiB: 8, mallocArenaMax: 2 };
const started = (over: Partial<ProcessState> = {}): ProcessState => ({
  execPath: '/opt/node/bin/node',
  execArgv: [],
  argv: ['/srv/dist/apps/worker/src/main.js'],
  env: { NODE_ENV: 'production' },
  ...over,
});

describe('worker memory bounds', () => {
  it('restarts a worker started without them, with the flags and MALLOC_ARENA_MAX', () => {
    expect(relaunchFor(bounds, started())).toEqual({
      file: '/opt/node/bin/node',
      args: [
        '/opt/node/bin/node',
        '--max-old-space-size=96',
        '--max-semi-space-size=8',
        '/srv/dist/apps/worker/src/main.js',
      ],
      env: {
        NODE_ENV: 'production',
        MALLOC_ARENA_MAX: '2',
        DFO_WORKER_MEMORY_RELAUNCHED: '1',
      },
    });
  });

  it('leaves a worker that has them as it is', () => {
    const bounded = started({
      execArgv: memoryFlags(bounds),
      env: { MALLOC_ARENA_MAX: '2' },
    });
    expect(relaunchFor(bounds, bounded)).toBeUndefined();
  });

  it('replaces other values of its own flags and keeps the other flags', () => {
    const plan = relaunchFor(
      bounds,
      started({ execArgv: ['--enable-source-maps', '--max-old-space-size=4096'] }),
    );
    expect(plan?.args.slice(1, -1)).toEqual([
      '--enable-source-maps',
      '--max-old-space-size=96',
      '--max-semi-space-size=8',
    ]);
  });

  it('sets nothing for a bound at 0 (the runtime default)', () => {
    const none = { heapMiB: 0, semiSpaceMiB: 0, mallocArenaMax: 0 };
    expect(memoryFlags(none)).toEqual([]);
    expect(relaunchFor(none, started())).toBeUndefined();
    const arenaOnly = relaunchFor({ ...none, mallocArenaMax: 4 }, started());
    expect(arenaOnly?.args).toEqual(['/opt/node/bin/node', '/srv/dist/apps/worker/src/main.js']);
    expect(arenaOnly?.env.MALLOC_ARENA_MAX).toBe('4');
  });

  it('never restarts twice, whatever the restarted process finds', () => {
    const env = { DFO_WORKER_MEMORY_RELAUNCHED: '1' };
    expect(relaunchFor(bounds, started({ env }))).toBeUndefined();
  });
});
