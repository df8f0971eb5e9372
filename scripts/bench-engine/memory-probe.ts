/**
 * Preloaded into the worker by the scale stage (NODE_OPTIONS=--require): every second, one JSON
 * line to BENCH_MEMORY_PROBE_FILE with where the worker's memory is: the main thread's V8 heap,
 * each worker thread's V8 heap (the SDK runs workflows in one), and the process RSS. What RSS
 * holds beyond the heaps is native (the SDK's Rust core, malloc, code).
 */
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
// The module object itself (an import namespace is read-only): the SDK reads `Worker` from it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const threads = require('node:worker_threads') as typeof import('node:worker_threads');
type ThreadWorker = import('node:worker_threads').Worker;

const file = process.env.BENCH_MEMORY_PROBE_FILE;
if (file && threads.isMainThread) {
  const workers: ThreadWorker[] = [];
  const Original = threads.Worker;
  // Patched before the SDK creates its workflow thread, so that its heap can be read.
  class Tracked extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      workers.push(this);
      this.once('exit', () => workers.splice(workers.indexOf(this), 1));
    }
  }
  threads.Worker = Tracked;
  const mib = (n: number) => Math.round(n / 2 ** 20);
  setInterval(() => {
    void Promise.all(workers.map((w) => w.getHeapStatistics().catch(() => undefined))).then(
      (stats) => {
        const main = getHeapStatistics();
        const m = process.memoryUsage();
        appendFileSync(
          file,
          `${JSON.stringify({
            t: Date.now(),
            rss: mib(m.rss),
            mainHeapUsed: mib(main.used_heap_size),
            mainHeapTotal: mib(main.total_heap_size),
            external: mib(m.external),
            threads: stats.map((s) =>
              s ? { used: mib(s.used_heap_size), total: mib(s.total_heap_size) } : null,
            ),
          })}\n`,
        );
      },
    );
  }, 1_000).unref();
}
