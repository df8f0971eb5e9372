import { Writable } from 'node:stream';
import { loadConfig } from '../../../config/env';
import { createWorkerLogger, runtimeOptions, SdkLogger } from './observability';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, sink };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('worker logs', () => {
  it('writes JSON lines with the API masking and LOG_LEVEL', async () => {
    const { lines, sink } = capture();
    const logger = createWorkerLogger('info', sink);
    logger.debug('not shown');
    logger.info({ to: 'kodjo.mensah@example.tg', n: 3 }, 'sent to kodjo.mensah@example.tg');
    logger.warn('Authorization: Bearer abc.def.ghi');
    await tick();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'sent to k***@example.tg',
      to: 'k***@example.tg',
      n: 3,
    });
    expect(typeof lines[0].time).toBe('string');
    expect(JSON.stringify(lines)).not.toContain('kodjo.mensah');
    expect(lines[1].msg).toBe('Authorization: Bearer [redacted]');
  });

  it('carries the Temporal SDK logs through the same logger', async () => {
    const { lines, sink } = capture();
    const sdk = new SdkLogger(createWorkerLogger('debug', sink));
    sdk.log('WARN', 'Activity failed for ama@example.tg', { activityType: 'sendEmail' });
    sdk.trace('below debug');
    await tick();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Activity failed for a***@example.tg',
        activityType: 'sendEmail',
        source: 'temporal',
      }),
    ]);
  });
});

describe('worker runtime options', () => {
  const logger = createWorkerLogger('error', capture().sink);

  it('exports the SDK metrics to Prometheus only when WORKER_METRICS_ADDRESS is set', () => {
    const off = runtimeOptions(loadConfig({ DFO_DEV_MODE: '1' }, 'worker'), logger);
    expect(off.telemetryOptions?.metrics).toBeUndefined();
    const on = runtimeOptions(
      loadConfig({ DFO_DEV_MODE: '1', WORKER_METRICS_ADDRESS: '127.0.0.1:9464' }, 'worker'),
      logger,
    );
    expect(on.telemetryOptions?.metrics).toEqual({
      prometheus: { bindAddress: '127.0.0.1:9464' },
    });
    expect(on.telemetryOptions?.logging).toMatchObject({ forward: {} });
    expect(() => loadConfig({ DFO_DEV_MODE: '1', WORKER_METRICS_ADDRESS: '9464' })).toThrow(
      /WORKER_METRICS_ADDRESS: must be host:port/,
    );
  });
});
