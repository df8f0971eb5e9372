/**
 * The shared shell of every email: one responsive, table-based HTML layout with inline styles
 * (email clients drop <style> blocks), a plain-text twin, the brand from configuration and the
 * recipient's language. Everything interpolated into HTML goes through escapeHtml.
 */
import { escapeHtml } from '../../domain/html';
import type { Lang } from '../../domain/i18n/lang';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** A calendar invite (nodemailer: text/calendar alternative plus .ics attachment). */
  icalEvent?: { method: 'REQUEST'; filename: string; content: string };
}

export interface Brand {
  name: string;
  /** #rrggbb; white text is written on it, so pick a dark colour (contrast ≥ 4.5:1). */
  color: string;
  logoUrl?: string;
}

export const DEFAULT_BRAND: Brand = { name: 'Digital Factory', color: '#0b5394' };

export interface EmailBody {
  lang: Lang;
  brand: Brand;
  heading: string;
  /** Shown by clients next to the subject; hidden in the body. */
  preheader?: string;
  /** "Hello Name," as the first paragraph (inherits the cell's font; no inline style of its own). */
  greeting?: string;
  paragraphs: string[];
  /** Label/value pairs (due date, step…), rendered as a definition table. */
  facts?: [string, string][];
  /** Titled lists after the paragraphs (the digest): each item a line, with an optional link. */
  sections?: EmailSection[];
  /** The main call to action: a large button (HTML) and the bare URL (text). */
  action?: { label: string; url: string; note?: string };
  footer: string;
}

export interface EmailSection {
  heading: string;
  items: EmailItem[];
}

export interface EmailItem {
  text: string;
  /** Shown before the text, in bold (e.g. "En retard"). */
  flag?: string;
  link?: { label: string; url: string };
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;color:#1f2933;font-size:16px;line-height:1.5';

export function renderEmail(subject: string, b: EmailBody): RenderedEmail {
  return { subject, text: renderText(b), html: renderHtml(subject, b) };
}

function renderText(b: EmailBody): string {
  const lines = [
    b.heading,
    '',
    ...(b.greeting ? [b.greeting, ''] : []),
    ...b.paragraphs.flatMap((p) => [p, '']),
  ];
  const colon = b.lang === 'en' ? ': ' : ' : ';
  for (const [label, value] of b.facts ?? []) lines.push(`${label}${colon}${value}`);
  if (b.facts?.length) lines.push('');
  for (const section of b.sections ?? []) {
    lines.push(section.heading, '');
    for (const item of section.items) {
      lines.push(`- ${item.flag ? `[${item.flag}] ` : ''}${item.text}`);
      if (item.link) lines.push(`  ${item.link.label}${colon}${item.link.url}`);
    }
    lines.push('');
  }
  if (b.action) {
    lines.push(`${b.action.label}: ${b.action.url}`);
    if (b.action.note) lines.push(b.action.note);
    lines.push('');
  }
  lines.push('--', b.footer);
  return lines.join('\n');
}

function renderHtml(subject: string, b: EmailBody): string {
  const e = escapeHtml;
  const logo = b.brand.logoUrl
    ? `<img src="${e(b.brand.logoUrl)}" alt="${e(b.brand.name)}" height="32" style="display:block;border:0;height:32px;max-width:200px">`
    : `<span style="font-size:20px;font-weight:bold;color:#ffffff">${e(b.brand.name)}</span>`;
  const facts = b.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:16px 0;width:100%">${b.facts
        .map(
          ([k, v]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top;${FONT};font-weight:bold">${e(k)}</th><td style="padding:4px 0;${FONT}">${e(v)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const sections = (b.sections ?? [])
    .map(
      (section) =>
        `<h2 style="margin:24px 0 8px;font-family:Arial,Helvetica,sans-serif;font-size:18px;color:#111827">${e(section.heading)}</h2>` +
        `<ul style="margin:0 0 16px;padding-left:20px">${section.items
          .map(
            (item) =>
              `<li style="margin:0 0 8px;${FONT}">${item.flag ? `<strong>${e(item.flag)}</strong> ` : ''}${e(item.text)}` +
              (item.link
                ? ` — <a href="${e(item.link.url)}" style="color:${e(b.brand.color)};font-weight:bold">${e(item.link.label)}</a>`
                : '') +
              '</li>',
          )
          .join('')}</ul>`,
    )
    .join('');
  const action = b.action
    ? `<p style="margin:24px 0"><a href="${e(b.action.url)}" style="display:inline-block;background:${e(b.brand.color)};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:4px;font-family:Arial,Helvetica,sans-serif;font-size:16px">${e(b.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;${FONT};font-size:14px">${e(b.lang === 'en' ? 'Or copy this address:' : 'Ou copiez cette adresse :')} <a href="${e(b.action.url)}" style="color:${e(b.brand.color)};word-break:break-all">${e(b.action.url)}</a></p>` +
      (b.action.note
        ? `<p style="margin:0 0 16px;${FONT};font-size:14px">${e(b.action.note)}</p>`
        : '')
    : '';
  return `<!doctype html>
<html lang="${b.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden">${e(b.preheader ?? b.heading)}</div>
<table role="presentation" width="100%" style="border-collapse:collapse;background:#f3f4f6"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" style="border-collapse:collapse;max-width:600px;background:#ffffff;border-radius:6px">
<tr><td style="background:${e(b.brand.color)};padding:16px 24px;border-radius:6px 6px 0 0">${logo}</td></tr>
<tr><td style="padding:24px;${FONT}">
<h1 style="margin:0 0 16px;font-family:Arial,Helvetica,sans-serif;font-size:22px;line-height:1.3;color:#111827">${e(b.heading)}</h1>
${b.greeting ? `<p>${e(b.greeting)}</p>\n` : ''}${b.paragraphs.map((p) => `<p style="margin:0 0 16px;${FONT}">${e(p)}</p>`).join('\n')}
${facts}${sections}${action}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#4b5563">${e(b.footer)}</td></tr>
</table></td></tr></table>
</body></html>`;
}
