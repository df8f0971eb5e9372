/** Small helpers shared by the drills: bounded waits and one-line progress messages. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function log(message: string): void {
  process.stdout.write(`[drills] ${message}\n`);
}

/**
 * Polls `ready` until it answers true; throws after `timeoutMs` naming `what`. The drills watch
 * other processes (worker, PostgreSQL, Temporal), which leave no event to await in this one.
 */
export async function until(
  what: string,
  timeoutMs: number,
  ready: () => boolean | Promise<boolean>,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s`);
    await sleep(intervalMs);
  }
}
