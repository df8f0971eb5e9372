/**
 * Credential hand-over on real parts: the postgres-role connector on the local PostgreSQL (the
 * stack's database doubles as the target), the real grant activity mailing through real SMTP, and
 * the API's retrieval pages booted like main.ts. A link is shown by GET without being burned
 * (scanners prefetch), reveals once on POST, and every other path reveals nothing.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { signActionToken } from '../../../domain/action-tokens';
import { createPostgresRoleConnector } from '../../../activities/connectors/postgres-role.connector';
import { createMailer } from '../../../activities/mailer';
import { createProvisioningActivities } from '../../../activities/provisioning.activities';
import type { CaughtMail } from '../../../scripts/mail-catcher';
import { startStack, type Stack } from '../../support/stack';
import { recordGrant, seedRun } from '../connectors/harness';

jest.setTimeout(60_000);

const SYSTEM = 'postgres-staging';
let stack: Stack;
let connector: ReturnType<typeof createPostgresRoleConnector>;
let mailer: ReturnType<typeof createMailer>;

beforeAll(async () => {
  stack = await startStack();
  const admin = new Client({ connectionString: stack.db.url });
  await admin.connect();
  await admin.query('CREATE SCHEMA prod_like; CREATE SCHEMA staging');
  await admin.end();
  connector = createPostgresRoleConnector({
    connector: 'postgres-role',
    url: stack.db.url,
    readOnlySchemas: ['prod_like'],
    readWriteSchemas: ['staging'],
    credentialKey: randomBytes(32),
    connectionLimit: 2,
    timeoutMs: 5_000,
  });
  mailer = createMailer(stack.config.smtp);
});

afterAll(async () => {
  mailer?.close();
  await connector?.close();
  await stack?.stop();
});

const activities = () =>
  createProvisioningActivities(
    stack.prisma,
    { [SYSTEM]: connector },
    {
      prisma: stack.prisma,
      mailer,
      from: stack.config.smtp.from,
      publicBaseUrl: stack.config.api.publicBaseUrl,
      brand: stack.config.journey.brand,
      actionLinks: stack.config.journey.actionLinks,
    },
  );

const http = () => request(stack.app.getHttpServer());

async function linkIn(to: string, nth: number): Promise<{ mail: CaughtMail; path: string }> {
  const mail = await stack.mail.waitFor(
    (m) => m.envelopeTo.includes(to) && stack.mail.to(to).indexOf(m) === nth - 1,
  );
  const url = /\/credentials\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '');
  if (!url) throw new Error('no credential link in the email');
  return { mail, path: url[0] };
}

const passwordOf = (html: string) => /<code id="password">([^<]+)<\/code>/.exec(html)?.[1];

async function canLogIn(role: string, password: string): Promise<boolean> {
  const url = new URL(stack.db.url);
  url.username = role;
  url.password = password;
  const c = new Client({ connectionString: url.toString() });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function granted(locale = 'fr') {
  const { hire, run } = await seedRun(stack.prisma);
  await stack.prisma.hire.update({ where: { id: hire.id }, data: { locale } });
  const req = { runId: run.id, stepId: 'grant-postgres-staging', system: SYSTEM, scope: 'rw' };
  const result = await activities().grantAccess(req);
  return { hire, run, req, result };
}

it('mails a one-time link that GET shows without burning and POST reveals exactly once', async () => {
  const { hire, run, result } = await granted('en');
  expect(result).toEqual({
    mode: 'AUTOMATIC',
    externalRef: `postgres-role:h${hire.id.replace(/-/g, '').slice(0, 12)}`,
  });
  const { mail, path } = await linkIn(hire.email, 1);
  expect(mail.parsed.subject).toBe(`Your ${SYSTEM} account: collect your password`);

  // Link scanners and the hire's first look: the page explains and offers a button, nothing more.
  for (let i = 0; i < 2; i += 1) {
    const shown = await http().get(path).expect(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.text).toContain('<form method="post"');
    expect(shown.text).toContain('Show my password');
    expect(passwordOf(shown.text)).toBeUndefined();
  }
  const link = await stack.prisma.credentialLink.findFirstOrThrow({ where: { runId: run.id } });
  expect(link.revealedAt).toBeNull();

  const revealed = await http().post(path).type('form').send({ reveal: 'yes' }).expect(200);
  expect(revealed.headers['cache-control']).toBe('no-store');
  expect(revealed.headers['content-security-policy']).toContain("default-src 'none'");
  expect(revealed.text).toContain('lang="en"');
  const password = passwordOf(revealed.text)!;
  const role = result.externalRef!.replace('postgres-role:', '');
  expect(revealed.text).toContain(`<code>${role}</code>`);
  expect(await canLogIn(role, password)).toBe(true);

  // Burned: a second POST, a later GET and two racing POSTs elsewhere reveal nothing.
  const again = await http().post(path).type('form').send({ reveal: 'yes' }).expect(410);
  expect(passwordOf(again.text)).toBeUndefined();
  expect((await http().get(path).expect(410)).text).toContain('Link already used');
  const burned = await stack.prisma.credentialLink.findFirstOrThrow({ where: { runId: run.id } });
  expect(burned.sealed).toBeNull();
  expect(burned.revealedAt).not.toBeNull();

  // Audited without the secret; the secret is in no email, no email log, no audit event.
  const audit = await stack.prisma.auditEvent.findMany({
    where: { runId: run.id },
    orderBy: { id: 'asc' },
    select: { action: true, actor: true, before: true, after: true },
  });
  expect(audit.map((a) => a.action)).toEqual([
    'access.credential_sealed',
    'access.credential_link_sent',
    'access.credential_revealed',
  ]);
  expect(audit[2].actor).toBe(`hire:${hire.id}`);
  const logs = await stack.prisma.emailLog.findMany({ where: { runId: run.id } });
  expect(logs.map((l) => [l.template, l.status])).toEqual([['credential-link', 'SENT']]);
  for (const stored of [JSON.stringify(audit), JSON.stringify(logs), mail.raw.toString('utf8')])
    expect(stored).not.toContain(password);
});

it('lets exactly one of two racing reveals through', async () => {
  const { hire } = await granted();
  const { path } = await linkIn(hire.email, 1);
  const answers = await Promise.all([1, 2].map(() => http().post(path).type('form').send({})));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
  expect(answers.filter((a) => passwordOf(a.text))).toHaveLength(1);
});

it('refuses tampered, unknown and expired links with a friendly page', async () => {
  const { hire, run } = await granted();
  const { path } = await linkIn(hire.email, 1);
  expect(path).toMatch(/^\/credentials\//);
  const mail = await stack.mail.waitFor((m) => m.envelopeTo.includes(hire.email));
  expect(mail.parsed.subject).toBe(`Votre compte ${SYSTEM} : récupérez votre mot de passe`);

  const at = path.indexOf('.') + 5; // inside the MAC (the last character has padding bits)
  const flipped = path.slice(0, at) + (path[at] === 'A' ? 'B' : 'A') + path.slice(at + 1);
  const tampered = await http().post(flipped).type('form').send({}).expect(404);
  expect(tampered.text).toContain('Lien invalide');
  const foreign = `/credentials/${signActionToken(stack.config.journey.actionLinks.secret)}`;
  await http().get(foreign).expect(404); // well signed, but no such link
  await http().get('/credentials/not-a-token').expect(404);

  await stack.prisma.credentialLink.updateMany({
    where: { runId: run.id },
    data: { expiresAt: new Date(Date.now() - 1_000) },
  });
  const expired = await http().post(path).type('form').send({}).expect(410);
  expect(expired.text).toContain('Lien expiré');
  expect(passwordOf(expired.text)).toBeUndefined();
});

it('supersedes a sent link when a retried grant resets the password', async () => {
  const { hire, run, req, result } = await granted();
  const first = await linkIn(hire.email, 1);
  // The worker died after the email but before the activity completed: Temporal retries it.
  await activities().grantAccess(req);
  const second = await linkIn(hire.email, 2);
  expect(second.path).not.toBe(first.path);
  await http().get(first.path).expect(410);
  const revealed = await http().post(second.path).type('form').send({}).expect(200);
  const role = result.externalRef!.replace('postgres-role:', '');
  expect(await canLogIn(role, passwordOf(revealed.text)!)).toBe(true);
  expect(await stack.prisma.credentialLink.count({ where: { runId: run.id } })).toBe(2);
});

it('withdraws the link when the grant is revoked', async () => {
  const { hire, req, result } = await granted();
  const { path } = await linkIn(hire.email, 1);
  await recordGrant(stack.prisma, { ...req, externalRef: result.externalRef });
  await activities().revokeAccess(req);
  const page = await http().post(path).type('form').send({}).expect(410);
  expect(page.text).toContain('Accès retiré');
  const link = await stack.prisma.credentialLink.findFirstOrThrow({ where: { runId: req.runId } });
  expect(link.sealed).toBeNull();
});
