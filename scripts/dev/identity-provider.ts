/**
 * The embedded OpenID Connect provider (oidc-provider 9, a certified implementation): `npm run up`
 * starts it in-process, and the e2e tests start one per file. The API trusts it through discovery
 * exactly as it would trust Keycloak, Microsoft Entra ID or Google Workspace (docs/auth.md).
 *
 * Its sign-in page lists the demo people (demo-people.ts), one button each. Signing keys live in
 * `dataDir` (generated once). Authorization code flow only, PKCE required for every client,
 * refresh tokens for clients allowed the grant, RP-initiated logout, and JWT access tokens for the
 * API audience (so Swagger UI can call the API with one). Provider state (its sessions, codes,
 * grants) is kept in memory: a restart signs people out of the provider, not out of the API.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PEOPLE, type DemoPerson } from './demo-people';
import { ensureProviderKeys } from './identity-provider-keys';
import { createMemoryStore } from './identity-provider-store';
import { errorPage, logoutPage, signedOutPage, signInPage } from './identity-provider-pages';
import type { KoaContextLike, Provider as ProviderType } from 'oidc-provider';

export interface IdentityProviderClient {
  client_id: string;
  /** Omitted: a public client (Swagger UI), which authenticates with PKCE alone. */
  client_secret?: string;
  client_name?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

export interface IdentityProviderOptions {
  port: number;
  host?: string;
  /** Default `http://<host>:<port>`; set it when people reach the provider by another name. */
  issuer?: string;
  dataDir: string;
  clients: IdentityProviderClient[];
  people?: readonly DemoPerson[];
  /** The `aud` of JWT access tokens (the API's AUTH_AUDIENCE). */
  apiAudience?: string;
  /** The claim carrying roles (the API's AUTH_ROLES_CLAIM). */
  rolesClaim?: string;
  accessTokenTtlSeconds?: number;
}

export interface RunningIdentityProvider {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_API_AUDIENCE = 'df-onboarding-api';
export const API_RESOURCE = 'urn:df-onboarding:api';

export async function startIdentityProvider(
  options: IdentityProviderOptions,
): Promise<RunningIdentityProvider> {
  const host = options.host ?? '127.0.0.1';
  const people = options.people ?? DEMO_PEOPLE;
  const keys = await ensureProviderKeys(options.dataDir);
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = (options.issuer ?? `http://${host}:${port}`).replace(/\/$/, '');

  const { Provider } = await loadOidcProvider();
  const provider = new Provider(
    issuer,
    providerConfiguration(options, people, keys.jwks, keys.cookieKeys),
  );
  const oidc = provider.callback();
  handle = (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(req.url?.split('?')[0] ?? '');
    if (!match) return oidc(req, res);
    interaction(provider, people, options.clients, req, res, match[2]).catch((err: unknown) => {
      if (!res.headersSent) send(res, 400, errorPage(400, (err as Error).message));
    });
  };
  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * ESM-only package, loaded with import() from this CommonJS build. On load it warns "Unsupported
 * runtime" when `process.release.lts` is unset, as in the npm-packaged Node.js 26 the project
 * pins (docs/dependencies.md): that one line is dropped, any other warning goes through.
 */
async function loadOidcProvider(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}

function providerConfiguration(
  options: IdentityProviderOptions,
  people: readonly DemoPerson[],
  jwks: { keys: unknown[] },
  cookieKeys: string[],
): Record<string, unknown> {
  const audience = options.apiAudience ?? DEFAULT_API_AUDIENCE;
  // Resource indicators must be absolute URIs (RFC 8707); the tokens' `aud` is the API's audience.
  const resource = API_RESOURCE;
  const rolesClaim = options.rolesClaim ?? 'roles';
  const find = (sub: string) => people.find((p) => p.sub === sub);
  const claimsOf = (p: DemoPerson) => ({
    sub: p.sub,
    name: p.name,
    email: p.email,
    email_verified: true,
    locale: p.locale,
    [rolesClaim]: p.roles,
  });
  return {
    clients: options.clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: c.client_secret ? 'client_secret_post' : 'none',
    })),
    adapter: createMemoryStore(),
    jwks,
    cookies: { keys: cookieKeys },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // Roles travel with the profile: no provider-specific scope for clients to ask for.
      profile: ['name', 'locale', rolesClaim],
    },
    // The ID token carries every claim of the granted scopes (the API reads roles from it).
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, sub: string) => {
      const person = find(sub);
      return person ? { accountId: sub, claims: () => claimsOf(person) } : undefined;
    },
    // First-party clients: no consent screen; the grant covers what the client asked for.
    loadExistingGrant: async (ctx: KoaContextLike) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      grant.addResourceScope(resource, 'api');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    // Swagger UI (a browser) calls the token endpoint of the provider from the API's origin.
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris?: string[] }) =>
      (client.redirectUris ?? []).some((u) => new URL(u).origin === origin),
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
      const person = token.accountId ? find(token.accountId) : undefined;
      return Promise.resolve(
        person ? { [rolesClaim]: person.roles, email: person.email } : undefined,
      );
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * 86_400,
      Session: 14 * 86_400,
      RefreshToken: 14 * 86_400,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextLike, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: KoaContextLike) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, requested: string) => {
          if (requested !== resource) throw new Error(`unknown resource ${requested}`);
          return {
            scope: 'api',
            audience,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    renderError: (ctx: KoaContextLike, out: { error?: string; error_description?: string }) => {
      ctx.body = errorPage(400, `${out.error ?? 'error'}: ${out.error_description ?? ''}`);
    },
  };
}

async function interaction(
  provider: ProviderType,
  people: readonly DemoPerson[],
  clients: IdentityProviderClient[],
  req: IncomingMessage,
  res: ServerResponse,
  action: string | undefined,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET' && !action) {
    const client = clients.find((c) => c.client_id === details.params.client_id);
    const clientName = client?.client_name ?? client?.client_id ?? 'df-onboarding';
    return send(res, 200, signInPage(details.uid, people, clientName));
  }
  if (req.method !== 'POST') return send(res, 405, errorPage(405, 'Méthode non permise'));
  if (action === '/abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'Sign-in cancelled' },
      { mergeWithLastSubmission: false },
    );
  }
  const sub = new URLSearchParams(await readBody(req)).get('sub') ?? '';
  if (!people.some((p) => p.sub === sub)) {
    return send(res, 400, errorPage(400, 'Personne inconnue / unknown person'));
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: sub } },
    { mergeWithLastSubmission: false },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error('request body too large');
  }
  return body;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No form-action: the sign-in form's redirect chain ends at the client's (another) origin.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  });
  res.end(html);
}
