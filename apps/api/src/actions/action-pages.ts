/**
 * Server-rendered HTML of the action pages: no JavaScript, one stylesheet allowed by its hash in
 * the page's Content-Security-Policy (no 'unsafe-inline'), labels on every control, fieldsets for
 * choices, an error summary linked to the fields, visible focus, WCAG AA contrast.
 */
import { createHash } from 'node:crypto';
import type { TaskKind } from '../../../../workflows/definitions';
import type { AckDocument } from './action-forms';
import { t, type TextKey } from '../../../../domain/i18n/action-texts';
import { escapeHtml as e } from '../../../../domain/html';
import type { Lang } from '../../../../domain/i18n/lang';

const STYLE = `body{margin:0;background:#f3f4f6;color:#1f2933;font:16px/1.5 Arial,Helvetica,sans-serif}
header{background:var(--brand);color:#fff;padding:16px 24px;font-weight:bold;font-size:20px}
main{max-width:640px;margin:16px auto;background:#fff;padding:24px;border-radius:6px}
h1{font-size:24px;margin:0 0 16px;color:#111827}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:bold}dd{margin:0}
label{display:block;margin:16px 0 4px;font-weight:bold}.check label,fieldset label{display:inline;font-weight:normal;margin:0 0 0 8px}
.check,fieldset div{margin:8px 0}fieldset{border:1px solid #9ca3af;border-radius:4px;margin:16px 0;padding:8px 16px}legend{font-weight:bold;padding:0 4px}
textarea,input[type=text],input[type=date]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #4b5563;border-radius:4px;font:inherit}
input[type=checkbox],input[type=radio]{width:20px;height:20px;vertical-align:middle}
button{margin-top:24px;background:var(--brand);color:#fff;border:0;border-radius:4px;padding:12px 24px;font:inherit;font-weight:bold;cursor:pointer}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.error{color:#b91c1c;font-weight:bold}.alert{border:2px solid #b91c1c;padding:8px 16px;border-radius:4px}
.doc{border-left:4px solid var(--brand);padding:8px 16px;background:#f9fafb;white-space:pre-wrap}a{color:#1d4ed8}`;

/** Brand colour goes in a second, also hashed, stylesheet: both are fixed per configuration. */
function styles(brandColor: string): string[] {
  return [STYLE, `:root{--brand:${brandColor}}`];
}

const sha = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

export function pageCsp(brandColor: string): string {
  return [
    "default-src 'none'",
    `style-src ${styles(brandColor).map(sha).join(' ')}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface PageModel {
  lang: Lang;
  brandName: string;
  brandColor: string;
  title: string;
  body: string;
}

export function renderPage(p: PageModel): string {
  return `<!doctype html>
<html lang="${p.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${e(p.title)} — ${e(p.brandName)}</title>
${styles(p.brandColor)
  .map((s) => `<style>${s}</style>`)
  .join('')}</head>
<body><header>${e(p.brandName)}</header><main>
<h1>${e(p.title)}</h1>
${p.body}
</main></body></html>`;
}

/** Expired, used, unknown link; task closed; confirmation: a title and what to do next. */
export function messageBody(text: string, extra = ''): string {
  return `<p>${e(text)}</p>${extra}`;
}

export interface TaskFormModel {
  lang: Lang;
  kind: TaskKind;
  action: string;
  hireName: string;
  stepTitle: string;
  instructions: string;
  /** Already written for the reader (language, run time zone). */
  dueDate?: string;
  document?: AckDocument;
  /** Previous submission, re-shown after an error. */
  values?: Record<string, string>;
  errors?: Record<string, TextKey>;
  /** The workflow's refusal, shown above the form. */
  refusal?: string;
}

export function taskFormBody(m: TaskFormModel): string {
  const { lang } = m;
  const v = (name: string) => e(m.values?.[name] ?? '');
  const err = (name: string) =>
    m.errors?.[name] ? `<p class="error" id="${name}-error">${e(t(m.errors[name], lang))}</p>` : '';
  const aria = (name: string) =>
    m.errors?.[name] ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  const req = ` <span>${e(t('required', lang))}</span>`;
  const textarea = (name: string, label: TextKey, required: boolean) =>
    `<label for="${name}">${e(t(label, lang))}${required ? req : ''}</label>${err(name)}<textarea id="${name}" name="${name}" rows="5" maxlength="2000"${required ? ' required' : ''}${aria(name)}>${v(name)}</textarea>`;
  const check = (name: string, label: TextKey) =>
    `${err(name)}<div class="check"><input type="checkbox" id="${name}" name="${name}" value="yes" required${m.values?.[name] === 'yes' ? ' checked' : ''}${aria(name)}><label for="${name}">${e(t(label, lang))}</label></div>`;
  const radios = (name: string, legend: TextKey, options: [string, TextKey][]) =>
    `<fieldset${aria(name)}><legend>${e(t(legend, lang))}${req}</legend>${err(name)}${options
      .map(
        ([value, label], i) =>
          `<div><input type="radio" id="${name}-${i}" name="${name}" value="${value}" required${m.values?.[name] === value ? ' checked' : ''}><label for="${name}-${i}">${e(t(label, lang))}</label></div>`,
      )
      .join('')}</fieldset>`;

  const dateInput = (name: string, label: TextKey) =>
    `<label for="${name}">${e(t(label, lang))}</label>${err(name)}<input type="date" id="${name}" name="${name}" value="${v(name)}"${aria(name)}>`;

  let fields: string;
  switch (m.kind) {
    case 'ACK_DOCUMENT': {
      const d = m.document;
      fields = d
        ? `<dl><dt>${e(t('docTitle', lang))}</dt><dd>${e(d.title)}</dd><dt>${e(t('docVersion', lang))}</dt><dd>${e(d.version)}</dd></dl>` +
          (d.url
            ? `<p><a href="${e(d.url)}" target="_blank" rel="noopener noreferrer">${e(t('docOpen', lang))}</a></p>`
            : '') +
          (d.text ? `<div class="doc">${e(d.text)}</div>` : '') +
          check('confirm', 'ackConfirm')
        : check('confirm', 'ackConfirm');
      break;
    }
    case 'ATTEND_TOUR':
      fields = check('attended', 'attended') + textarea('reflection', 'reflection', true);
      break;
    case 'CONFIRM_TOUR':
      fields = check('confirm', 'tourConfirm');
      break;
    case 'SELF_ASSESSMENT':
      fields = textarea('assessment', 'assessment', true);
      break;
    case 'REVIEW_CHECKPOINT':
      fields =
        radios('decision', 'decision', [
          ['APPROVE', 'APPROVE'],
          ['EXTEND', 'EXTEND'],
          ['ESCALATE', 'ESCALATE'],
        ]) +
        `<label for="newDate">${e(t('newDate', lang))}</label>${err('newDate')}<input type="date" id="newDate" name="newDate" value="${v('newDate')}"${aria('newDate')}>` +
        textarea('notes', 'notes', false);
      break;
    case 'TRIAL_DECISION':
      fields =
        radios('trialDecision', 'decision', [
          ['CONFIRM', 'CONFIRM'],
          ['RENEW', 'RENEW'],
          ['END', 'END'],
        ]) +
        dateInput('newDate', 'trialNewDate') +
        dateInput('lastDay', 'lastDay') +
        textarea('reason', 'trialReason', false);
      break;
    case 'COSIGN_TRIAL_END':
      fields =
        radios('approve', 'cosign', [
          ['yes', 'approve'],
          ['no', 'reject'],
        ]) + textarea('reason', 'reason', false);
      break;
    case 'APPROVE_ACCESS':
      fields =
        radios('approve', 'access', [
          ['yes', 'approve'],
          ['no', 'reject'],
        ]) + textarea('reason', 'reason', false);
      break;
    case 'PROVISION_ACCESS':
      fields = `<label for="externalRef">${e(t('externalRef', lang))}${req}</label>${err('externalRef')}<input type="text" id="externalRef" name="externalRef" maxlength="2000" required value="${v('externalRef')}"${aria('externalRef')}>`;
      break;
    default:
      fields = check('done', 'genericDone');
  }
  const summary = m.errors
    ? `<div class="alert" role="alert"><p><strong>${e(t('errorsTitle', lang))}</strong></p><ul>${Object.keys(
        m.errors,
      )
        .map((name) => `<li><a href="#${name}">${e(t(m.errors![name], lang))}</a></li>`)
        .join('')}</ul></div>`
    : m.refusal
      ? `<div class="alert" role="alert"><p><strong>${e(t('refusedTitle', lang))}</strong>${lang === 'en' ? ': ' : ' : '}${e(m.refusal)}</p><p>${e(t('refusedNext', lang))}</p></div>`
      : '';
  const facts = `<dl><dt>${e(t('hire', lang))}</dt><dd>${e(m.hireName)}</dd><dt>${e(t('step', lang))}</dt><dd>${e(m.stepTitle)}</dd>${
    m.dueDate ? `<dt>${e(t('due', lang))}</dt><dd>${e(m.dueDate)}</dd>` : ''
  }</dl>`;
  return `${summary}<p>${e(m.instructions)}</p>${facts}
<form method="post" action="${e(m.action)}" novalidate>${fields}
<button type="submit">${e(t('submit', lang))}</button></form>`;
}
