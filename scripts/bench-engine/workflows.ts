/**
 * Baseline workflows for the engine benchmarks (bundled by the benchmark's own workers): the
 * least a start can cost, and one long timer on the time-skipping server.
 */
import { sleep } from '@temporalio/workflow';

export async function emptyWorkflow(): Promise<void> {
  // Nothing: the cost of a start, one workflow task and the completion.
}

export async function sleepWorkflow(ms: number): Promise<void> {
  await sleep(ms);
}
