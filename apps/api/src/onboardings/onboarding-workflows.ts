/** Starts onboarding workflows. The workflow id is the business key: starting twice is harmless. */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { AppConfig } from '../../../../config/env';
import type { OnboardHireInput } from '../../../../workflows/definitions';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../infra/tokens';

@Injectable()
export class OnboardingWorkflows {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(workflowId: string, input: OnboardHireInput): Promise<void> {
    try {
      await this.client.workflow.start('onboardHire', {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return; // already ran to its end: fine
      throw err;
    }
  }
}
