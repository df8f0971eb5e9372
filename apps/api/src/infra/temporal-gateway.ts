/**
 * The API's one way to Temporal: one Client on one lazy Connection, built from the configuration,
 * traced when tracing is on (OpenTelemetry client interceptor: the workflow continues the HTTP
 * request's trace), closed on shutdown. Every module starts, executes, updates, signals and
 * queries workflows through it, and gets Temporal's refusals back as problems:
 * a validator's refusal becomes 422 (`Invalid:` — the payload is wrong) or 409 (any other refusal:
 * task not open, already completed, caller not allowed in the run's current state); a workflow
 * that no longer runs becomes 409.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Duration,
  type QueryDefinition,
  type SignalDefinition,
  type UpdateDefinition,
  type Workflow,
  type WorkflowResultType,
} from '@temporalio/common';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { AppConfig } from '../../../../config/env';
import { temporalConnectionOptions } from '../../../../config/temporal';
import type { Actor } from '../../../../workflows/definitions';
import type { Principal } from '../auth/roles';
import { ProblemException, ProblemType } from '../http/problem';
import { APP_CONFIG } from './tokens';

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

/**
 * A second start of a business key: `USE_EXISTING` answers the running workflow (a retried POST),
 * `FAIL` reports it; a closed one is never started again (`REJECT_DUPLICATE`).
 */
export type WhenRunning = 'USE_EXISTING' | 'FAIL';

/** How a short workflow run by `execute` ended. */
export type Executed<T> =
  | { outcome: 'COMPLETED'; result: T }
  | { outcome: 'FAILED'; reason: string }
  | { outcome: 'ALREADY_RUNNING' };

@Injectable()
export class TemporalGateway implements OnApplicationShutdown {
  private readonly client: Client;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = new Client({
      // Connection.lazy: the API boots even when Temporal is down, and answers 503 meanwhile.
      connection: Connection.lazy(temporalConnectionOptions(config.temporal)),
      namespace: config.temporal.namespace,
      interceptors: config.tracing
        ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] }
        : undefined,
    });
  }

  /** The workflow identity of a verified caller; hires act as `hire:<hireId>` (see workflows/definitions.ts). */
  static actor(principal: Principal, hireActorSub?: string): Actor {
    return { sub: hireActorSub ?? principal.sub, roles: principal.roles };
  }

  /**
   * Starts `workflowType` under its business key on the task queue. Resolves to the new run's id,
   * or to undefined when that key was already started (running under `FAIL`, or closed).
   */
  async start<W extends Workflow>(
    workflowType: string,
    workflowId: string,
    args: Parameters<W>,
    whenRunning: WhenRunning,
  ): Promise<string | undefined> {
    try {
      const handle = await this.client.workflow.start(workflowType, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: args as unknown[],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy[whenRunning],
      });
      return handle.firstExecutionRunId;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      throw err;
    }
  }

  /**
   * Runs a short workflow to its end. Its failure comes back as the innermost cause's message
   * (e.g. the connector's error); an id already taken by a run in progress as `ALREADY_RUNNING`.
   */
  async execute<W extends Workflow>(
    workflowType: string,
    workflowId: string,
    args: Parameters<W>,
    timeout: Duration,
  ): Promise<Executed<WorkflowResultType<W>>> {
    try {
      const result = (await this.client.workflow.execute(workflowType, {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: args as unknown[],
        workflowExecutionTimeout: timeout,
      })) as WorkflowResultType<W>;
      return { outcome: 'COMPLETED', result };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        return { outcome: 'ALREADY_RUNNING' };
      if (!(err instanceof WorkflowFailedError)) throw err;
      const inner: unknown = err.cause?.cause ?? err.cause;
      return { outcome: 'FAILED', reason: inner instanceof Error ? inner.message : 'failed' };
    }
  }

  async update<Ret, Args extends [unknown, ...unknown[]]>(
    workflowId: string,
    def: UpdateDefinition<Ret, Args>,
    ...args: Args
  ): Promise<Ret> {
    try {
      return await this.client.workflow.getHandle(workflowId).executeUpdate(def, { args });
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

  /** A query's answer as the workflow gives it; errors are the caller's to interpret. */
  query<Ret>(workflowId: string, def: QueryDefinition<Ret, []>): Promise<Ret> {
    return this.client.workflow.getHandle(workflowId).query(def);
  }

  /**
   * Answers when Temporal answers within `timeoutMs`. Not connection.ensureConnected(): it caches
   * its first failure, so readiness would stay down after Temporal comes back.
   */
  async ping(timeoutMs: number): Promise<void> {
    await this.client.connection.withDeadline(Date.now() + timeoutMs, () =>
      this.client.workflowService.getSystemInfo({}),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
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
