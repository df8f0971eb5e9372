import { JsonLogger } from './json-logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(level, (line) =>
    lines.push(JSON.parse(line) as Record<string, unknown>),
  );
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per event with time, level and message', () => {
    const { logger, lines } = capture('info');
    logger.write('info', 'request', {
      status: 201,
      durationMs: 12.5,
      sub: 'hr-amina',
      skip: undefined,
    });
    expect(lines).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        level: 'info',
        msg: 'request',
        status: 201,
        durationMs: 12.5,
        sub: 'hr-amina',
      },
    ]);
  });

  it('drops events below its level', () => {
    const { logger, lines } = capture('error');
    logger.write('info', 'request');
    logger.warn('slow');
    logger.error('boom');
    expect(lines.map((l) => l.msg)).toEqual(['boom']);
  });

  it('masks emails and removes tokens in messages, fields and stacks', () => {
    const { logger, lines } = capture('debug');
    logger.error('duplicate afi@example.tg', 'Error: at Bearer abc.def.ghi', 'ProblemFilter');
    expect(lines[0]).toMatchObject({
      msg: 'duplicate a***@example.tg',
      stack: 'Error: at Bearer [redacted]',
      context: 'ProblemFilter',
    });
  });

  it("demotes Nest's start-up messages to debug", () => {
    const { logger, lines } = capture('info');
    logger.log('Mapped {/v1/onboardings, POST} route', 'RouterExplorer');
    logger.log('API listening', 'bootstrap');
    expect(lines.map((l) => l.msg)).toEqual(['API listening']);
  });
});
