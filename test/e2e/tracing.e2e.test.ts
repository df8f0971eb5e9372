/**
 * Traces end to end (docs/operations.md "Traces"): with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an
 * in-process OTLP receiver, one hire started over HTTP gives ONE trace, from the API's
 * `POST /v1/onboardings` server span through the Temporal client's StartWorkflow span and the
 * workflow's spans to the worker's activity that sends the welcome email; no personal data in it.
 */
import request from 'supertest';
import { installTracing } from '../../domain/tracing';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(90_000);

let receiver: OtlpReceiver;
let stack: Stack;

beforeAll(async () => {
  receiver = new OtlpReceiver();
  stack = await startStack({ OTEL_EXPORTER_OTLP_ENDPOINT: await receiver.start() });
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

const START_DATE = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

/** Exports what the process holds until `found` sees what it needs (bounded by the test timeout). */
async function exported<T>(found: (spans: ReceivedSpan[]) => T | undefined): Promise<T> {
  const tracing = installTracing(stack.config.tracing!); // the process's provider, installed by the stack
  for (;;) {
    await tracing.flush();
    const result = found(receiver.spans);
    if (result !== undefined) return result;
    // Workflow spans reach the processor through the worker's sink after their workflow task.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('one trace from the HTTP request to the welcome email', () => {
  it('links the server span, StartWorkflow, the workflow and the email activity', async () => {
    const hr = await stack.token('HR', 'hr-amina');
    const created = await request(stack.app.getHttpServer())
      .post('/v1/onboardings')
      .set('Authorization', `Bearer ${hr}`)
      .send({
        fullName: 'Kodjo Mensah',
        email: 'kodjo.mensah@example.tg',
        startDate: START_DATE,
        locale: 'fr',
        techLead: {
          sub: 'tl-7',
          email: 'akossiwa.lawson@example.tg',
          name: 'Akossiwa Lawson',
        },
      })
      .expect(201);
    const workflowId = (created.body as { workflowId: string }).workflowId;
    await stack.mail.waitFor((m) => m.envelopeTo.includes('kodjo.mensah@example.tg'));

    const spans = await exported((all) => {
      const server = all.find((s) => s.name === 'POST /v1/onboardings');
      const inTrace = all.filter((s) => s.traceId === server?.traceId);
      const activity = inTrace.find((s) => s.name === 'RunActivity:sendWelcomeEmail');
      const scheduled = inTrace.find((s) => s.spanId === activity?.parentSpanId);
      return server && activity && scheduled ? { server, activity, scheduled, inTrace } : undefined;
    });

    // API: the server span is a root (no traceparent was sent), kind SERVER, route and status only.
    expect(spans.server.parentSpanId ?? '').toBe('');
    expect(spans.server.kind).toBe(2);
    expect(spans.server.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/v1/onboardings',
      'http.response.status_code': 201,
    });
    // Client: StartWorkflow is the server span's child and carries the business key.
    const start = spans.inTrace.find((s) => s.name === 'StartWorkflow:onboardHire');
    expect(start?.parentSpanId).toBe(spans.server.spanId);
    expect(start?.attributes).toMatchObject({ temporalWorkflowId: workflowId });
    // Workflow: it scheduled the email activity, in the same trace.
    expect(spans.scheduled.name).toBe('StartActivity:sendWelcomeEmail');
    // Worker: the activity ran as the child of what the workflow scheduled.
    expect(spans.activity.attributes).toMatchObject({ temporalWorkflowId: workflowId });

    // No personal data: neither the hire's nor the tech lead's name or email left the process
    // (workflow spans carry the workflow's info: ids, search attributes, task queue).
    const sent = receiver.bodies.join('\n').toLowerCase();
    for (const pii of ['kodjo', 'mensah', 'akossiwa', 'lawson', '@example.tg'])
      expect(sent).not.toContain(pii);
  });
});
