/**
 * Sending the server-rendered HTML pages (action pages, credential pages): their own
 * Content-Security-Policy replaces the API's JSON policy (helmet ran in onRequest), and nothing
 * may keep them: not the browser, not a proxy, not a search engine.
 */
import type { FastifyReply } from 'fastify';

export interface HtmlResponse {
  status: number;
  html: string;
}

/**
 * `secret` pages (a revealed credential) also forbid HTTP/1.0 caches and the Referer header a
 * click from them would carry.
 */
export function sendPage(
  reply: FastifyReply,
  csp: string,
  { status, html }: HtmlResponse,
  options: { secret?: boolean } = {},
): void {
  void reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', csp)
    .header('cache-control', 'no-store');
  if (options.secret)
    void reply.header('pragma', 'no-cache').header('referrer-policy', 'no-referrer');
  void reply.header('x-robots-tag', 'noindex').send(html);
}
