/**
 * Runs autocannon in a child process so that the load generator does not share the event loop of
 * the servers it measures (autocannon treats a worker thread as one of its own workers, so a
 * process it is). Input: the first IPC message (url, connections, duration, headers, paths).
 */
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  paths?: string[];
}

async function run(spec: LoadSpec): Promise<void> {
  let i = 0;
  const paths = spec.paths;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.duration,
    headers: spec.headers,
    requests: paths
      ? [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }]
      : undefined,
  });
  process.send?.({
    rps: Math.round(result.requests.average),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  });
}

process.once('message', (spec: LoadSpec) => {
  void run(spec).then(() => process.disconnect?.());
});
