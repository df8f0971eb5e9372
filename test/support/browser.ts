/**
 * A minimal browser for sign-in tests: plain fetch, a cookie jar (per host, as browsers scope
 * cookies: ports share it), redirects followed by hand so each hop can be checked or tampered
 * with, and forms posted as a browser posts them. No mock anywhere: it talks to the real embedded
 * provider and the real API.
 */
export interface Hop {
  url: string;
  status: number;
  location?: string;
  body: string;
  headers: Headers;
}

export class Browser {
  /** host → cookie name → value */
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    const host = new URL(url).hostname;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  dropCookie(url: string, name: string): void {
    this.jar.get(new URL(url).hostname)?.delete(name);
  }

  /** One request, no redirect followed. */
  async request(
    url: string,
    init: {
      method?: string;
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Hop> {
    const host = new URL(url).hostname;
    const cookies = [...(this.jar.get(host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const headers: Record<string, string> = { ...init.headers };
    if (cookies) headers.cookie = cookies;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.store(host, line);
    const location = res.headers.get('location') ?? undefined;
    return {
      url,
      status: res.status,
      location: location ? new URL(location, url).toString() : undefined,
      body: await res.text(),
      headers: res.headers,
    };
  }

  /** Follows redirects from `url` until `stop(next)` says so (that URL is not fetched). */
  async follow(
    url: string,
    stop: (next: string) => boolean = () => false,
    first: Parameters<Browser['request']>[1] = {},
  ): Promise<{ last: Hop; next?: string }> {
    let hop = await this.request(url, first);
    for (let i = 0; i < 20 && hop.location; i++) {
      if (stop(hop.location)) return { last: hop, next: hop.location };
      hop = await this.request(hop.location);
    }
    return { last: hop };
  }

  private store(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    const expired = attributes.some((a) => {
      const [k, v] = a.split('=').map((s) => s.trim().toLowerCase());
      return (k === 'max-age' && Number(v) <= 0) || (k === 'expires' && Date.parse(v) < Date.now());
    });
    if (expired || value === '') this.jar.get(host)!.delete(name);
    else this.jar.get(host)!.set(name, value);
  }
}

/** The form of one person on the provider's sign-in page: its action and hidden fields. */
export function personForm(html: string, sub: string): { action: string; sub: string } {
  const forms = html.split('<form').slice(1);
  const form = forms.find((f) => f.includes(`name="sub" value="${sub}"`));
  if (!form) throw new Error(`no sign-in button for ${sub} on the provider's page`);
  const action = /action="([^"]+)"/.exec(form)![1];
  return { action, sub };
}
