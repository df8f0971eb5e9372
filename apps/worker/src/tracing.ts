/**
 * The worker's part of tracing (docs/operations.md "Traces"), installed only when configured:
 * activity spans continue the workflow's trace from the activity headers, workflow spans (made in
 * the sandbox by the OpenTelemetry workflow interceptors) leave through the `exporter` sink into
 * the process's span processor (domain/tracing.ts). The workflow interceptors are part of the
 * workflow code: bundled at boot from sources, or the traced prebuilt bundle (workflow-source.ts).
 */
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import type { TracingConfig } from '../../../config/env';
import { installTracing } from '../../../domain/tracing';

/** The module that installs the OpenTelemetry interceptors in every workflow. */
export const TRACING_WORKFLOW_MODULES = [
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
];

/** `bundledAtBoot`: the workflow code is bundled now (a prebuilt bundle has its interceptors). */
export function tracedWorkerOptions(
  config: TracingConfig,
  bundledAtBoot: boolean,
): Pick<WorkerOptions, 'interceptors' | 'sinks'> & { flush: () => Promise<void> } {
  const tracing = installTracing(config);
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      workflowModules: bundledAtBoot ? TRACING_WORKFLOW_MODULES : [],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
    flush: tracing.flush,
  };
}
