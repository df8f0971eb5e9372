/**
 * HTML of the credential retrieval pages, inside the action pages' shell (same stylesheet and
 * Content-Security-Policy): no JavaScript, a real button in a form, the credential as text.
 */
import type { Credential } from '../../../../domain/sealed-credential';
import { ct } from '../../../../domain/i18n/credential-texts';
import { escapeHtml as e } from '../../../../domain/html';
import type { Lang } from '../../../../domain/i18n/lang';

/** The GET page: what will happen, and the explicit click that reveals (a POST). */
export function revealForm(lang: Lang, system: string, action: string): string {
  return `<p>${e(ct('showIntro', lang, system))}</p>
<form method="post" action="${e(action)}"><input type="hidden" name="reveal" value="yes">
<button type="submit">${e(ct('reveal', lang))}</button></form>`;
}

/** The POST page: the credential, once. */
export function credentialBody(lang: Lang, system: string, c: Credential): string {
  return `<dl><dt>${e(ct('system', lang))}</dt><dd>${e(system)}</dd>
<dt>${e(ct('username', lang))}</dt><dd><code>${e(c.username)}</code></dd>
<dt>${e(ct('password', lang))}</dt><dd><code id="password">${e(c.password)}</code></dd></dl>
<p role="status">${e(ct('revealedNext', lang))}</p>`;
}
