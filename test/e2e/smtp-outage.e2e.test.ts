/**
 * SMTP down, then back: the welcome email's activity fails and retries with backoff; once the
 * relay answers again the email is delivered exactly once (one SMTP delivery, one SENT log row).
 */
import request from 'supertest';
import { MailCatcher } from '../../scripts/mail-catcher';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(90_000);

let stack: Stack;
let relay: MailCatcher | undefined;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await relay?.stop();
  await stack?.stop();
});

/** Bounded wait on the read model (the failure leaves no other event to await). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not reached');
}

it('delivers the welcome email once after the relay comes back', async () => {
  const { port } = stack.mail.address;
  await stack.mail.stop(); // the relay goes down
  const hr = await stack.token('HR', 'hr-amina');
  const created = await request(stack.app.getHttpServer())
    .post('/v1/onboardings')
    .set('Authorization', `Bearer ${hr}`)
    .send({
      fullName: 'Abla Dossou',
      email: 'abla.dossou@example.tg',
      startDate: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10),
      locale: 'fr',
      techLead: { sub: 'tl-akossiwa', email: 'akossiwa@example.tg', name: 'Akossiwa Lawson' },
    })
    .expect(201);
  const runId = (created.body as { id: string }).id;

  const failed = await until(
    () => stack.prisma.emailLog.findFirst({ where: { runId, template: 'welcome' } }),
    (log) => log?.status === 'FAILED',
  );
  expect(failed?.error).toBeTruthy();

  relay = new MailCatcher({ port }); // the relay comes back on the same address
  await relay.start();
  const mail = await relay.waitFor((m) => m.envelopeTo.includes('abla.dossou@example.tg'));
  const sent = await until(
    () => stack.prisma.emailLog.findFirstOrThrow({ where: { runId, template: 'welcome' } }),
    (log) => log.status === 'SENT',
  );
  expect(sent.attempts).toBeGreaterThanOrEqual(2);
  expect(sent.messageId).toBe(mail.parsed.messageId);
  const welcomes = relay
    .to('abla.dossou@example.tg')
    .filter((m) => m.parsed.subject?.startsWith('Bienvenue'));
  expect(welcomes).toHaveLength(1);
});
