/**
 * The development mailbox: a read-only web page over the .eml files the MailCatcher writes to
 * .data/mail. Lists messages newest first; one message shows its text, its HTML in a sandboxed
 * iframe (no scripts, no same-origin, no remote content: the page's CSP applies to it), and a
 * link to download the raw .eml. Everything rendered is escaped. Plain node:http, loopback only.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { emailGallery, GALLERY_LANGS, type GalleryEntry } from '../../activities/templates/gallery';
import type { Brand, RenderedEmail } from '../../activities/templates/layout';
import type { Lang } from '../../domain/i18n/lang';
import { escapeHtml } from '../../domain/html';

export interface MailSummary {
  id: string;
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
  size: number;
}

export interface MailDetail extends MailSummary {
  cc: string;
  date?: Date;
  text?: string;
  html?: string;
  attachments: { filename: string; contentType: string; size: number }[];
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;

export function formatDate(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

export function toDetail(id: string, receivedAt: Date, size: number, m: ParsedMail): MailDetail {
  return {
    id,
    receivedAt,
    size,
    from: addresses(m.from),
    to: addresses(m.to),
    cc: addresses(m.cc),
    subject: m.subject ?? '',
    date: m.date,
    text: m.text,
    html: typeof m.html === 'string' ? m.html : undefined,
    attachments: m.attachments.map((a) => ({
      filename: a.filename ?? '(unnamed)',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f4}a{color:#0b5cad}pre{white-space:pre-wrap;background:#f7f7f7;padding:1rem;border:1px solid #ddd}
iframe{width:100%;height:36rem;border:1px solid #ddd;resize:vertical}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}.muted{color:#777}`;

function page(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh}
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderIndex(mails: MailSummary[], dir: string): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(formatDate(m.receivedAt))}</td><td>${escapeHtml(m.to)}</td>` +
        `<td><a href="/m/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('\n');
  const table = mails.length
    ? `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '<p class="muted">No messages yet. Start an onboarding and the welcome email lands here.</p>';
  return page(
    `Mailbox (${mails.length})`,
    `<h1>Mailbox</h1><p class="muted">${mails.length} message(s), newest first. Files: ${escapeHtml(dir)}. ` +
      `This page refreshes every 5 s. JSON: <a href="/api/messages">/api/messages</a>. ` +
      `Every template from sample data: <a href="/previews">email previews</a>.</p>${table}`,
    5,
  );
}

export function renderMessage(m: MailDetail): string {
  const id = encodeURIComponent(m.id);
  const field = (name: string, value: string) =>
    value ? `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>` : '';
  const attachments = m.attachments.length
    ? `<h2>Attachments</h2><ul>${m.attachments
        .map(
          (a) =>
            `<li>${escapeHtml(a.filename)} <span class="muted">(${escapeHtml(a.contentType)}, ${a.size} bytes)</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const html = m.html
    ? `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" title="HTML body" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : '';
  const text = m.text ? `<h2>Text</h2><pre>${escapeHtml(m.text)}</pre>` : '';
  return page(
    m.subject || '(no subject)',
    `<p><a href="/">&larr; All messages</a> &middot; <a href="/m/${id}/raw">Download .eml</a></p>` +
      `<h1>${escapeHtml(m.subject || '(no subject)')}</h1><dl>` +
      field('From', m.from) +
      field('To', m.to) +
      field('Cc', m.cc) +
      field('Date', m.date ? formatDate(m.date) : '') +
      field('Received', formatDate(m.receivedAt)) +
      field('File', `${m.id}.eml`) +
      `</dl>${html}${text}${attachments}`,
  );
}

/** The template gallery: every email of the engine, from sample data, in each language. */
export function renderPreviewIndex(entries: GalleryEntry[]): string {
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.label)}</td><td>${GALLERY_LANGS.map(
          (lang) =>
            `<a href="/previews/${encodeURIComponent(e.id)}/${lang}">${lang.toUpperCase()}</a>`,
        ).join(' &middot; ')}</td></tr>`,
    )
    .join('\n');
  return page(
    `Email previews (${entries.length})`,
    `<p><a href="/">&larr; Mailbox</a></p><h1>Email previews</h1>` +
      `<p class="muted">Every template rendered from sample data with the current texts and branding ` +
      `(BRAND_* variables). Links in previews are samples and do not work.</p>` +
      `<table><thead><tr><th>Email</th><th>Language</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
  );
}

export function renderPreview(entry: GalleryEntry, lang: Lang, email: RenderedEmail): string {
  const other = GALLERY_LANGS.filter((l) => l !== lang)
    .map((l) => `<a href="/previews/${encodeURIComponent(entry.id)}/${l}">${l.toUpperCase()}</a>`)
    .join(' ');
  return page(
    email.subject,
    `<p><a href="/previews">&larr; All previews</a> &middot; ${other}</p>` +
      `<h1>${escapeHtml(email.subject)}</h1><dl><dt>Template</dt><dd>${escapeHtml(entry.label)}</dd>` +
      `<dt>Language</dt><dd>${lang}</dd></dl>` +
      `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" title="HTML body" srcdoc="${escapeHtml(email.html)}"></iframe>` +
      `<h2>Text</h2><pre>${escapeHtml(email.text)}</pre>` +
      (email.icalEvent
        ? `<h2>Calendar invite</h2><pre>${escapeHtml(email.icalEvent.content)}</pre>`
        : ''),
  );
}

/**
 * MailCatcher numbers its files 00001.eml, 00002.eml... from 1 in every run. Before a new run,
 * earlier files are renamed <received-time>-<n>.eml so that they are kept, not overwritten.
 */
export function archivePreviousMail(dir: string): number {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    return 0;
  }
  let moved = 0;
  for (const name of readdirSync(dir)) {
    if (!/^\d+\.eml$/.test(name)) continue;
    const file = path.join(dir, name);
    const stamp = statSync(file)
      .mtime.toISOString()
      .replace(/[-:]/g, '')
      .replace('T', '-')
      .slice(0, 15);
    let target = path.join(dir, `${stamp}-${name}`);
    for (let i = 2; existsSync(target); i++) target = path.join(dir, `${stamp}-${i}-${name}`);
    renameSync(file, target);
    moved++;
  }
  return moved;
}

/** Reads and parses .eml files (parsed messages cached by name, size and modification time). */
export class MailStore {
  private readonly cache = new Map<string, { key: string; detail: MailDetail }>();

  constructor(readonly dir: string) {}

  async list(): Promise<MailSummary[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.eml'));
    } catch {
      return [];
    }
    const details = await Promise.all(
      names.map((n) => this.get(n.slice(0, -4)).catch(() => undefined)),
    );
    return details
      .filter((d): d is MailDetail => d !== undefined)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map(({ id, receivedAt, from, to, subject, size }) => ({
        id,
        receivedAt,
        from,
        to,
        subject,
        size,
      }));
  }

  /** Undefined when there is no such message (or the id is not a plain file name). */
  async get(id: string): Promise<MailDetail | undefined> {
    if (!ID.test(id)) return undefined;
    const file = path.join(this.dir, `${id}.eml`);
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = this.cache.get(id);
    if (cached?.key === key) return cached.detail;
    const parsed = await simpleParser(await readFile(file));
    const detail = toDetail(id, info.mtime, info.size, parsed);
    this.cache.set(id, { key, detail });
    return detail;
  }

  async raw(id: string): Promise<Buffer | undefined> {
    if (!ID.test(id)) return undefined;
    return readFile(path.join(this.dir, `${id}.eml`)).catch(() => undefined);
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

const HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export class MailboxServer {
  private readonly server: Server;

  constructor(
    private readonly store: MailStore,
    private readonly previews: { entries: GalleryEntry[]; brand?: Brand } = {
      entries: emailGallery(),
    },
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) this.send(res, 500, 'text/plain', `error: ${(err as Error).message}`);
        else res.end();
      });
    });
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** The port actually bound (useful with port 0). */
  get port(): number {
    const a = this.server.address();
    return a && typeof a === 'object' ? a.port : 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, { ...HEADERS, 'Content-Type': type, ...extra });
    res.end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.send(res, 405, 'text/plain', 'read-only mailbox\n', { Allow: 'GET, HEAD' });
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://mailbox');
    const html = 'text/html; charset=utf-8';
    const json = 'application/json; charset=utf-8';
    if (pathname === '/') {
      this.send(res, 200, html, renderIndex(await this.store.list(), this.store.dir));
      return;
    }
    if (pathname === '/previews') {
      this.send(res, 200, html, renderPreviewIndex(this.previews.entries));
      return;
    }
    const p = /^\/previews\/([a-z0-9-]+)\/(fr|en)$/.exec(pathname);
    const entry = p && this.previews.entries.find((e) => e.id === p[1]);
    if (p && entry) {
      const lang = p[2] as Lang;
      this.send(
        res,
        200,
        html,
        renderPreview(entry, lang, entry.render(lang, this.previews.brand)),
      );
      return;
    }
    if (pathname === '/api/messages') {
      this.send(res, 200, json, JSON.stringify(await this.store.list(), null, 2));
      return;
    }
    const m = /^\/(m|api\/messages)\/([^/]+)(\/raw)?$/.exec(pathname);
    if (m) {
      const id = safeDecode(m[2]);
      if (id === undefined) {
        // malformed escape: falls through to 404
      } else if (m[3]) {
        const raw = await this.store.raw(id);
        if (raw) {
          this.send(res, 200, 'message/rfc822', raw, {
            'Content-Disposition': `attachment; filename="${id}.eml"`,
          });
          return;
        }
      } else {
        const detail = await this.store.get(id);
        if (detail) {
          if (m[1] === 'm') this.send(res, 200, html, renderMessage(detail));
          else this.send(res, 200, json, JSON.stringify(detail, null, 2));
          return;
        }
      }
    }
    this.send(res, 404, 'text/plain', 'not found\n');
  }
}
