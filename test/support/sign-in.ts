/**
 * The whole system plus the embedded identity provider, with the API listening on a real port
 * (the provider redirects the browser to it). `signInAs` clicks a demo person's button the way a
 * browser does: GET /auth/login, the provider's page, POST its form, back to /auth/callback.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../apps/api/src/bootstrap';
import type { DemoPerson } from '../../scripts/dev/demo-people';
import {
  startIdentityProvider,
  type RunningIdentityProvider,
} from '../../scripts/dev/identity-provider';
import { Browser, personForm, type Hop } from './browser';
import { startStack, type Stack } from './stack';
import { startTokenProxy, type TokenProxy } from './token-proxy';

export const TEST_CLIENT_SECRET = 'test-client-secret-of-the-signin-e2e-tests';
/** Swagger UI's public client (PKCE, no secret). */
export const DOCS_CLIENT_ID = 'df-onboarding-docs';

export interface SignInStack {
  stack: Stack;
  provider: RunningIdentityProvider;
  /** The API's own address (PUBLIC_BASE_URL). */
  baseUrl: string;
  providerDataDir: string;
  /** With `{ proxy: true }`: the man in the middle in front of the provider (token-proxy.ts). */
  tokenProxy?: TokenProxy;
  /** Another API instance on the same database and configuration. */
  startSecondApi(): Promise<{ app: NestFastifyApplication; baseUrl: string }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startSignInStack(
  options: { env?: Record<string, string>; people?: readonly DemoPerson[]; proxy?: boolean } = {},
): Promise<SignInStack> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const providerDataDir = mkdtempSync(path.join(tmpdir(), 'dfo-idp-'));
  const tokenProxy = options.proxy ? await startTokenProxy() : undefined;
  const provider = await startIdentityProvider({
    port: 0,
    issuer: tokenProxy ? `http://127.0.0.1:${tokenProxy.port}` : undefined,
    dataDir: providerDataDir,
    people: options.people,
    clients: [
      {
        client_id: 'df-onboarding-api',
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [`${baseUrl}/auth/callback`],
        post_logout_redirect_uris: [`${baseUrl}/console/`],
      },
      { client_id: DOCS_CLIENT_ID, redirect_uris: [`${baseUrl}/docs/oauth2-redirect.html`] },
    ],
  });
  tokenProxy?.setTarget(provider.port);
  const env = {
    PUBLIC_BASE_URL: baseUrl,
    AUTH_OIDC_ISSUER: provider.issuer,
    AUTH_OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    AUTH_OIDC_DOCS_CLIENT_ID: DOCS_CLIENT_ID,
    ...options.env,
  };
  const stack = await startStack(env);
  await stack.app.listen(port, '127.0.0.1');
  const extra: NestFastifyApplication[] = [];
  return {
    stack,
    provider,
    baseUrl,
    providerDataDir,
    tokenProxy,
    async startSecondApi() {
      const app = await createApp(stack.config);
      await app.listen(0, '127.0.0.1');
      extra.push(app);
      return { app, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
    },
    async stop() {
      for (const app of extra) await app.close();
      await stack.stop();
      await provider.close();
      await tokenProxy?.close();
    },
  };
}

export interface SignInSteps {
  /** The provider's sign-in page; absent when the provider remembered the person (SSO). */
  page?: Hop;
  /** The provider's redirect to the API's callback (code and state), not yet visited. */
  callbackUrl: string;
}

/** Up to the callback: what an attacker could capture or tamper with before the API sees it. */
export async function signInUntilCallback(
  browser: Browser,
  baseUrl: string,
  sub: string,
  returnTo = '/console/',
): Promise<SignInSteps> {
  const login = `${baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  const toCallback = (u: string) => u.startsWith(`${baseUrl}/auth/callback`);
  const { last: page, next: remembered } = await browser.follow(login, toCallback);
  if (remembered) return { callbackUrl: remembered }; // signed in at the provider already
  if (page.status !== 200) throw new Error(`provider page: HTTP ${page.status} ${page.body}`);
  const form = personForm(page.body, sub);
  const { next } = await browser.follow(new URL(form.action, page.url).toString(), toCallback, {
    form: { sub },
  });
  if (!next) throw new Error('the provider did not redirect back to the API');
  return { page, callbackUrl: next };
}

/** Signs in as a demo person; answers the callback's response (302 to returnTo). */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  sub: string,
  returnTo = '/console/',
): Promise<Hop> {
  const { callbackUrl } = await signInUntilCallback(browser, baseUrl, sub, returnTo);
  return browser.request(callbackUrl);
}

/** GET /auth/me with the browser's cookies. */
export async function me(
  browser: Browser,
  baseUrl: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const hop = await browser.request(`${baseUrl}/auth/me`);
  return { status: hop.status, body: JSON.parse(hop.body) as Record<string, unknown> };
}
