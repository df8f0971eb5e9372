import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emailGallery } from '../../activities/templates/gallery';
import { escapeHtml } from '../../domain/html';
import {
  MailboxServer,
  MailStore,
  archivePreviousMail,
  renderIndex,
  renderMessage,
  type MailDetail,
} from './mailbox';

const EVIL = '<script>alert("x")</script>';

function eml(subject: string, to: string): string {
  return [
    'From: Onboarding <onboarding@digital.gouv.tg>',
    `To: ${to}`,
    `Subject: ${subject}`,
    'Date: Mon, 04 Jan 2027 08:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Bonjour ${EVIL}`,
    '--b',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Bonjour</p>${EVIL}<img src="https://tracker.example/x.png">`,
    '--b--',
    '',
  ].join('\r\n');
}

describe('rendering', () => {
  const detail: MailDetail = {
    id: '00001',
    receivedAt: new Date('2027-01-04T08:00:01Z'),
    from: 'a@b',
    to: `"${EVIL}" <kodjo@example.tg>`,
    cc: '',
    subject: `Bienvenue ${EVIL}`,
    size: 10,
    text: `text ${EVIL}`,
    html: `<p onclick="x()">hi</p>${EVIL}`,
    attachments: [{ filename: `${EVIL}.pdf`, contentType: 'application/pdf', size: 3 }],
  };

  it('escapes every character that matters in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('lists messages with date, recipient and subject, escaped', () => {
    const html = renderIndex([detail], '/repo/.data/mail');
    expect(html).toContain('2027-01-04 08:00:01 UTC');
    expect(html).toContain('href="/m/00001"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Bienvenue &lt;script&gt;');
  });

  it('shows the HTML body only inside a sandboxed srcdoc iframe', () => {
    const html = renderMessage(detail);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<p onclick');
    expect(html).toMatch(/<iframe sandbox="" [^>]*srcdoc="&lt;p onclick=&quot;x\(\)&quot;&gt;hi/);
    expect(html).toContain('<pre>text &lt;script&gt;');
    expect(html).toContain('href="/m/00001/raw"');
  });
});

describe('mail folder', () => {
  it('keeps the files of earlier runs under new names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dfo-mail-'));
    writeFileSync(path.join(dir, '00001.eml'), 'x');
    writeFileSync(path.join(dir, 'keep.txt'), 'x');
    const t = new Date('2027-01-04T08:09:10Z');
    utimesSync(path.join(dir, '00001.eml'), t, t);
    expect(archivePreviousMail(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['20270104-080910-00001.eml', 'keep.txt']);
    expect(archivePreviousMail(path.join(dir, 'new'))).toBe(0);
  });
});

describe('MailboxServer', () => {
  let dir: string;
  let server: MailboxServer;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dfo-mailbox-'));
    writeFileSync(path.join(dir, '00001.eml'), eml('First', 'a@example.tg'));
    writeFileSync(path.join(dir, '00002.eml'), eml('Second', 'b@example.tg'));
    const older = new Date(Date.now() - 60_000);
    utimesSync(path.join(dir, '00001.eml'), older, older);
    server = new MailboxServer(new MailStore(dir));
    await server.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server.close());

  it('lists messages newest first', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await res.text();
    expect(body.indexOf('Second')).toBeLessThan(body.indexOf('First'));
    const list = (await (await fetch(`${base}/api/messages`)).json()) as { id: string }[];
    expect(list.map((m) => m.id)).toEqual(['00002', '00001']);
  });

  it('shows one message and serves its .eml', async () => {
    const page = await (await fetch(`${base}/m/00002`)).text();
    expect(page).toContain('b@example.tg');
    expect(page).toContain('<iframe sandbox=""');
    expect(page).not.toContain('<script>');
    const raw = await fetch(`${base}/m/00002/raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(raw.headers.get('content-disposition')).toBe('attachment; filename="00002.eml"');
    expect(await raw.text()).toContain('Subject: Second');
  });

  it('previews every template in both languages, with the configured brand', async () => {
    const index = await (await fetch(`${base}/previews`)).text();
    for (const entry of emailGallery()) {
      expect(index).toContain(`/previews/${entry.id}/fr`);
      expect(index).toContain(`/previews/${entry.id}/en`);
    }
    const fr = await fetch(`${base}/previews/digest-tech-lead/fr`);
    expect(fr.status).toBe(200);
    const page = await fr.text();
    expect(page).toContain('[Récapitulatif] 2 tâches à traiter, dont 1 en retard');
    expect(page).toContain('<iframe sandbox=""');
    const en = await (await fetch(`${base}/previews/task-confirm-tour/en`)).text();
    expect(en).toContain('Calendar invite');
    expect(en).toContain('Confirm a codebase tour');
    for (const p of ['/previews/nope/fr', '/previews/welcome/de', '/previews/welcome']) {
      expect((await fetch(`${base}${p}`)).status).toBe(404);
    }
  });

  it('refuses unknown ids, path tricks and writes', async () => {
    for (const p of ['/m/nope', '/m/..%2F..%2Fetc%2Fpasswd', '/m/%E0%A4%A', '/m/00001/raw/x']) {
      expect((await fetch(`${base}${p}`)).status).toBe(404);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
