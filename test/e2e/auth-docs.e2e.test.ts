/**
 * Swagger UI signs in with the same provider: the OpenAPI document offers the authorization-code
 * flow, and the steps Swagger UI takes (PKCE, the provider page, the token request from the docs'
 * origin) give an access token the API accepts as a bearer token for the same person.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Browser, personForm } from '../support/browser';
import { DOCS_CLIENT_ID, startSignInStack, type SignInStack } from '../support/sign-in';

jest.setTimeout(60_000);

let s: SignInStack;

beforeAll(async () => {
  s = await startSignInStack();
});
afterAll(() => s?.stop());

interface Flow {
  authorizationUrl: string;
  tokenUrl: string;
}

async function openapi(): Promise<{
  flow: Flow;
  paths: Record<string, Record<string, { security?: object[] }>>;
}> {
  const doc = JSON.parse((await new Browser().request(`${s.baseUrl}/openapi.json`)).body) as {
    components: { securitySchemes: { oidc: { flows: { authorizationCode: Flow } } } };
    paths: Record<string, Record<string, { security?: object[] }>>;
  };
  return { flow: doc.components.securitySchemes.oidc.flows.authorizationCode, paths: doc.paths };
}

/** What Swagger UI does after "Authorize": the redirect back to oauth2-redirect.html. */
async function authorize(browser: Browser, flow: Flow, challenge?: string): Promise<URL> {
  const url = new URL(flow.authorizationUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: DOCS_CLIENT_ID,
    redirect_uri: `${s.baseUrl}/docs/oauth2-redirect.html`,
    scope: 'openid profile email',
    state: 'swagger-state',
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  const back = (u: string) => u.startsWith(`${s.baseUrl}/docs/oauth2-redirect.html`);
  const { last, next } = await browser.follow(url.toString(), back);
  if (next) return new URL(next);
  const form = personForm(last.body, 'hr-demo');
  const done = await browser.follow(new URL(form.action, last.url).toString(), back, {
    form: { sub: 'hr-demo' },
  });
  return new URL(done.next!);
}

describe('Swagger UI sign-in', () => {
  it('offers the provider next to pasted tokens, on every bearer operation', async () => {
    const { flow, paths } = await openapi();
    expect(flow.authorizationUrl.startsWith(s.provider.issuer)).toBe(true);
    expect(flow.tokenUrl.startsWith(s.provider.issuer)).toBe(true);
    expect(paths['/v1/onboardings'].get.security).toEqual([{ bearer: [] }, { oidc: [] }]);
    const docs = await new Browser().request(`${s.baseUrl}/docs/`);
    expect(docs.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${new URL(s.provider.issuer).origin}`,
    );
    expect((await new Browser().request(`${s.baseUrl}/docs/oauth2-redirect.html`)).status).toBe(
      200,
    );
  });

  it('gets an access token with PKCE that the API accepts for the same person', async () => {
    const { flow } = await openapi();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const browser = new Browser();
    const back = await authorize(browser, flow, challenge);
    expect(back.searchParams.get('state')).toBe('swagger-state');
    const token = await browser.request(flow.tokenUrl, {
      headers: { origin: s.baseUrl },
      form: {
        grant_type: 'authorization_code',
        code: back.searchParams.get('code')!,
        redirect_uri: `${s.baseUrl}/docs/oauth2-redirect.html`,
        client_id: DOCS_CLIENT_ID,
        code_verifier: verifier,
      },
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(s.baseUrl);
    const { access_token } = JSON.parse(token.body) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}` };
    const who = await new Browser().request(`${s.baseUrl}/auth/me`, { headers: auth });
    expect(JSON.parse(who.body)).toMatchObject({ sub: 'hr-demo', roles: ['HR'] });
    const runs = await new Browser().request(`${s.baseUrl}/v1/onboardings`, { headers: auth });
    expect(runs.status).toBe(200);
  });

  it('refuses an authorization request without PKCE', async () => {
    const { flow } = await openapi();
    const back = await authorize(new Browser(), flow);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });
});
