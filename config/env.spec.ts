import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('serves the embedded setup with no variables set', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      tls: false,
    });
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/df_onboarding');
    expect(config.smtp).toMatchObject({ host: '127.0.0.1', port: 1025, secure: false });
    expect(config.auth.algorithms).toEqual(['ES256', 'RS256']);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL/,
    );
    expect(() => loadConfig({ SMTP_SECURE: 'maybe' })).toThrow(/SMTP_SECURE/);
    expect(() => loadConfig({ AUTH_ALGORITHMS: 'HS256' })).toThrow(/AUTH_ALGORITHMS/);
  });

  it('treats empty strings as unset and turns TLS on with a client certificate', () => {
    const config = loadConfig({
      API_PORT: '',
      TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
    });
    expect(config.api.port).toBe(3000);
    expect(config.temporal.tls).toBe(true);
  });

  it('refuses a client certificate without its key', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' })).toThrow(
      /TEMPORAL_TLS_KEY_PATH/,
    );
  });

  it('reads DKIM as all three variables or none, with the key on one line', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----';
    const config = loadConfig({
      DKIM_DOMAIN: 'digital.gouv.tg',
      DKIM_SELECTOR: 'onboarding',
      DKIM_PRIVATE_KEY: pem,
    });
    expect(config.smtp.dkim).toEqual({
      domainName: 'digital.gouv.tg',
      keySelector: 'onboarding',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    });
    expect(loadConfig({}).smtp.dkim).toBeUndefined();
    expect(() => loadConfig({ DKIM_DOMAIN: 'digital.gouv.tg' })).toThrow(
      /DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: set all three or none/,
    );
    expect(() => loadConfig({ DKIM_PRIVATE_KEY: 'not a key' })).toThrow(/DKIM_PRIVATE_KEY/);
  });

  it('schedules the digest off by default, at a valid time in a real time zone', () => {
    expect(loadConfig({}).digest).toEqual({
      enabled: false,
      time: '07:30',
      timeZone: 'Africa/Lome',
    });
    expect(loadConfig({ DIGEST_ENABLED: 'true', DIGEST_TIME: '18:05' }).digest).toMatchObject({
      enabled: true,
      time: '18:05',
    });
    expect(() => loadConfig({ DIGEST_TIME: '7:30' })).toThrow(/DIGEST_TIME: must be HH:MM/);
    expect(() => loadConfig({ DIGEST_TIME_ZONE: 'Mars/Olympus' })).toThrow(/DIGEST_TIME_ZONE/);
  });

  it('runs bearer-only without AUTH_OIDC_ISSUER, and derives browser sign-in from it', () => {
    expect(loadConfig({}).auth.oidc).toBeUndefined();
    expect(loadConfig({}).auth.session).toMatchObject({
      idleMinutes: 30,
      absoluteHours: 12,
      secureCookie: false,
    });
    const c = loadConfig({
      AUTH_OIDC_ISSUER: 'http://localhost:3001',
      AUTH_GROUP_ROLES: 'grp-hr=HR, grp-it = IT',
    });
    expect(c.auth.oidc).toMatchObject({
      issuer: 'http://localhost:3001',
      clientId: 'df-onboarding-api',
      redirectUri: 'http://localhost:3000/auth/callback',
      postLogoutRedirectUri: 'http://localhost:3000/console/',
      scopes: 'openid profile email',
      groupRoles: { 'grp-hr': 'HR', 'grp-it': 'IT' },
    });
    const https = loadConfig({ PUBLIC_BASE_URL: 'https://onboarding.digital.gouv.tg' });
    expect(https.auth.session.secureCookie).toBe(true);
    expect(() => loadConfig({ AUTH_OIDC_SCOPES: 'profile email' })).toThrow(/AUTH_OIDC_SCOPES/);
  });

  it('requires the client and session secrets and an https issuer in production', () => {
    const prod = {
      NODE_ENV: 'production',
      ACTION_LINK_SECRET: 'x'.repeat(32),
      AUTH_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
    };
    expect(() => loadConfig(prod)).toThrow(/AUTH_OIDC_CLIENT_SECRET: required in production/);
    const withSecret = { ...prod, AUTH_OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig(withSecret)).toThrow(/AUTH_SESSION_SECRET: required in production/);
    const full = { ...withSecret, AUTH_SESSION_SECRET: 'k'.repeat(32) };
    expect(loadConfig(full).auth.session.secureCookie).toBe(true);
    expect(() => loadConfig({ ...full, AUTH_OIDC_ISSUER: 'http://idp.tg' })).toThrow(
      /must be an https:\/\/ URL/,
    );
  });
});
