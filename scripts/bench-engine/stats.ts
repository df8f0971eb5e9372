/** Percentiles, a bounded-concurrency runner and Markdown tables for the engine benchmarks. */

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);

/**
 * Runs `task(0..count-1)` with at most `concurrency` in flight; returns each call's latency in ms.
 * A failed call rejects the whole run (a benchmark of failures measures nothing); `stop` ends it
 * early (a time bound). Latencies of calls not made are left out.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count && !stop()) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return latencies;
}

export type Cell = string | number;

export function table(headers: string[], rows: Cell[][]): string {
  const fmt = (c: Cell) => (typeof c === 'number' ? formatNumber(c) : c);
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(fmt).join(' | ')} |`),
  ].join('\n');
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export const mib = (bytes: number) => bytes / 2 ** 20;

/** Reads a positive integer from the environment, with the figure as the default. */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer: ${raw}`);
  return n;
}
