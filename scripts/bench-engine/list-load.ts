/**
 * Child process of the scale benchmark: GETs the given paths round-robin, `requests` in all with
 * `concurrency` in flight, so the load generator does not share an event loop with what it
 * measures. Input: the first IPC message; output: one IPC message with the latencies' summary.
 */
import { percentile, runPool } from './stats';

export interface ListLoadSpec {
  baseUrl: string;
  token: string;
  paths: string[];
  requests: number;
  concurrency: number;
}

export interface ListLoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function run(spec: ListLoadSpec): Promise<ListLoadResult> {
  let non2xx = 0;
  const t0 = performance.now();
  const latencies = await runPool(spec.requests, spec.concurrency, async (i) => {
    const res = await fetch(spec.baseUrl + spec.paths[i % spec.paths.length], {
      headers: { authorization: `Bearer ${spec.token}` },
    });
    await res.arrayBuffer();
    if (res.status < 200 || res.status > 299) non2xx++;
  });
  return {
    requests: spec.requests,
    rps: (spec.requests / (performance.now() - t0)) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx,
  };
}

process.once('message', (spec: ListLoadSpec) => {
  void run(spec).then((result) => {
    process.send?.(result);
    process.disconnect?.();
  });
});
