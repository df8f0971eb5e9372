/**
 * The one stack launcher: what the tests (test/support), the drills (scripts/drills/system.ts) and
 * the engine benchmarks (scripts/bench-engine/) start their real parts with. A throwaway
 * PostgreSQL database, a headless Temporal dev server (in memory, or persisted and restartable),
 * the API and the worker as processes, and tokens signed for the stack. The launch primitives
 * underneath (Temporal arguments and binaries, free ports, PostgreSQL binaries, slapd) are in
 * scripts/dev/, shared with `npm run up`.
 */
export { startApps, StackProcess, type AppsOptions, type RunningApps } from './apps';
export { adminDatabaseUrl, scratchDatabase, type ScratchDatabase } from './database';
export {
  startTemporalServer,
  stopProcess,
  type TemporalServer,
  type TemporalServerOptions,
} from './temporal';
export { stackTokenSigner, type SignStackToken } from './tokens';
