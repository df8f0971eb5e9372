/**
 * The worker's memory bounds (docs/operations.md, "Worker memory"): V8's heap limits, which apply
 * to each isolate (the main thread and the SDK's workflow thread), and glibc's count of malloc
 * arenas, which bounds how much freed native memory the Rust core's and Node's threads keep.
 * Both are read when a process starts (node flags; MALLOC_ARENA_MAX at glibc's first malloc), so a
 * worker started without them replaces itself once, same pid, through `process.execve`: every way
 * of starting it (`npm run start:worker`, `node dist/apps/worker/src/main.js`, the dev stack, the
 * drills, the bench) runs with the bounds of WORKER_HEAP_MIB, WORKER_SEMI_SPACE_MIB and
 * WORKER_MALLOC_ARENA_MAX.
 */
import { getHeapStatistics } from 'node:v8';

export interface WorkerMemoryBounds {
  /** --max-old-space-size per isolate, MiB; 0: V8's default (from the host's memory). */
  heapMiB: number;
  /** --max-semi-space-size per isolate, MiB; 0: V8's default. */
  semiSpaceMiB: number;
  /** MALLOC_ARENA_MAX; 0: glibc's default (8 per core). */
  mallocArenaMax: number;
}

/** Set in the replaced process: it never replaces itself twice, whatever it finds. */
const RELAUNCHED = 'DFO_WORKER_MEMORY_RELAUNCHED';

export interface ProcessState {
  execPath: string;
  execArgv: string[];
  /** The script and its arguments (process.argv without the Node.js binary). */
  argv: string[];
  env: NodeJS.ProcessEnv;
}

export interface Relaunch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function memoryFlags(b: WorkerMemoryBounds): string[] {
  return [
    ...(b.heapMiB ? [`--max-old-space-size=${b.heapMiB}`] : []),
    ...(b.semiSpaceMiB ? [`--max-semi-space-size=${b.semiSpaceMiB}`] : []),
  ];
}

/**
 * How to restart this process with the bounds, or undefined when it already has them (or has
 * been restarted once already). Our flags replace any of the same name on the command line; a
 * NODE_OPTIONS value is overridden by them (Node reads NODE_OPTIONS first).
 */
export function relaunchFor(b: WorkerMemoryBounds, p: ProcessState): Relaunch | undefined {
  if (p.env[RELAUNCHED]) return undefined;
  const flags = memoryFlags(b);
  const arena = b.mallocArenaMax ? String(b.mallocArenaMax) : undefined;
  const flagsSet = flags.every((f) => p.execArgv.includes(f));
  const arenaSet = !arena || p.env.MALLOC_ARENA_MAX === arena;
  if (flagsSet && arenaSet) return undefined;
  const names = flags.map((f) => f.slice(0, f.indexOf('=') + 1));
  const kept = p.execArgv.filter((a) => !names.some((n) => a.startsWith(n)));
  return {
    file: p.execPath,
    args: [p.execPath, ...kept, ...flags, ...p.argv],
    env: { ...p.env, ...(arena ? { MALLOC_ARENA_MAX: arena } : {}), [RELAUNCHED]: '1' },
  };
}

/**
 * Replaces this process with one that has the bounds, unless it has them already. Call it first
 * thing (nothing open yet: no handle survives). Returns only when nothing was to be done, or when
 * the platform has no execve (then the process runs without the bounds it lacks).
 */
export function applyWorkerMemoryBounds(b: WorkerMemoryBounds): void {
  const plan = relaunchFor(b, {
    execPath: process.execPath,
    execArgv: process.execArgv,
    argv: process.argv.slice(1),
    env: process.env,
  });
  if (plan && typeof process.execve === 'function') process.execve(plan.file, plan.args, plan.env);
}

/** What the process runs with, for its start line. */
export function describeWorkerMemory(): {
  heapLimitMiB: number;
  mallocArenaMax: string;
} {
  return {
    // V8's limit per isolate: old space plus the young generation (3 semi-spaces).
    heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
    mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? 'glibc default',
  };
}
