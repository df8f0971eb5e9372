/**
 * Text placed in HTML (element content or a quoted attribute), written once for the emails
 * (activities/templates), the action and credential pages (apps/api) and the dev sign-in pages.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
