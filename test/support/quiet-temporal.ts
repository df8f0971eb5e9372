/** Test-only: Temporal's worker logs at WARN so test output shows what matters. */
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
