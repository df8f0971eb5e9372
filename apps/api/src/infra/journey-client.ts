/**
 * Sends Updates and Signals to a run's workflow and turns Temporal's answers into problems:
 * a validator's refusal becomes 422 (`Invalid:` — the payload is wrong) or 409 (any other refusal:
 * task not open, already completed, caller not allowed in the run's current state); a workflow
 * that no longer runs becomes 409; an unknown workflow 404.
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { ProblemException, ProblemType } from '../http/problem';
import { TEMPORAL_CLIENT } from './tokens';

/** The validator messages start with a code: `Invalid:`, `NotAllowed:`, `TaskNotOpen:`, `AlreadyCompleted:`. */
export function refusalToProblem(message: string): ProblemException {
  const [code] = /^[A-Za-z]+(?=:)/.exec(message) ?? ['Refused'];
  const detail = message.replace(/^[A-Za-z]+:\s*/, '');
  if (code === 'Invalid') {
    return new ProblemException({
      type: ProblemType.UNPROCESSABLE,
      title: 'Unprocessable request',
      status: 422,
      detail,
      code,
    });
  }
  return ProblemException.conflict(detail, { code });
}

@Injectable()
export class JourneyClient {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /** The workflow identity of a verified caller; hires act as `hire:<hireId>` (see workflows/definitions.ts). */
  static actor(principal: Principal, hireActorSub?: string): Actor {
    return { sub: hireActorSub ?? principal.sub, roles: principal.roles };
  }

  async update<Ret, Args extends [unknown, ...unknown[]]>(
    workflowId: string,
    def: UpdateDefinition<Ret, Args>,
    ...args: Args
  ): Promise<Ret> {
    const handle: WorkflowHandle = this.client.workflow.getHandle(workflowId);
    try {
      return await handle.executeUpdate(def, { args });
    } catch (err) {
      throw this.translate(err);
    }
  }

  async signal<Args extends unknown[]>(
    workflowId: string,
    def: SignalDefinition<Args>,
    ...args: Args
  ): Promise<void> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(def, ...args);
    } catch (err) {
      throw this.translate(err);
    }
  }

  private translate(err: unknown): unknown {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause as { message?: string } | undefined;
      return refusalToProblem(cause?.message ?? err.message);
    }
    if (err instanceof WorkflowNotFoundError) {
      // Not found, or already closed (completed/cancelled): the run no longer takes messages.
      return ProblemException.conflict('The run is not running any more', { code: 'RunClosed' });
    }
    return err;
  }
}
