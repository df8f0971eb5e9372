import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './env';
import { describeSecurity } from './security';

/** The project's own dev/test commands set DFO_DEV_MODE=1: the other tests here read like them. */
const load = (env: NodeJS.ProcessEnv = {}) => loadConfig({ DFO_DEV_MODE: '1', ...env });
const SECRET = 'a-production-secret-of-at-least-32-characters';

describe('loadConfig', () => {
  it('serves the embedded setup with no variables set', () => {
    const config = load();
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
    expect(() => load({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => load({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => load({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ URL/,
    );
    expect(() => load({ SMTP_SECURE: 'maybe' })).toThrow(/SMTP_SECURE/);
    expect(() => load({ AUTH_ALGORITHMS: 'HS256' })).toThrow(/AUTH_ALGORITHMS/);
  });

  it('treats empty strings as unset and turns TLS on with a client certificate', () => {
    const config = load({
      API_PORT: '',
      TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
    });
    expect(config.api.port).toBe(3000);
    expect(config.temporal.tls).toBe(true);
  });

  it('refuses a client certificate without its key', () => {
    expect(() => load({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' })).toThrow(
      /TEMPORAL_TLS_KEY_PATH/,
    );
  });

  it('reads DKIM as all three variables or none, with the key on one line', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----';
    const config = load({
      DKIM_DOMAIN: 'digital.gouv.tg',
      DKIM_SELECTOR: 'onboarding',
      DKIM_PRIVATE_KEY: pem,
    });
    expect(config.smtp.dkim).toEqual({
      domainName: 'digital.gouv.tg',
      keySelector: 'onboarding',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----',
    });
    expect(load().smtp.dkim).toBeUndefined();
    expect(() => load({ DKIM_DOMAIN: 'digital.gouv.tg' })).toThrow(
      /DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: set all three or none/,
    );
    expect(() => load({ DKIM_PRIVATE_KEY: 'not a key' })).toThrow(/DKIM_PRIVATE_KEY/);
  });

  it('schedules the digest off by default, at a valid time in a real time zone', () => {
    expect(load().digest).toEqual({
      enabled: false,
      time: '07:30',
      timeZone: 'Africa/Lome',
    });
    expect(load({ DIGEST_ENABLED: 'true', DIGEST_TIME: '18:05' }).digest).toMatchObject({
      enabled: true,
      time: '18:05',
    });
    expect(() => load({ DIGEST_TIME: '7:30' })).toThrow(/DIGEST_TIME: must be HH:MM/);
    expect(() => load({ DIGEST_TIME_ZONE: 'Mars/Olympus' })).toThrow(/DIGEST_TIME_ZONE/);
  });
});

describe('secrets (secure by default)', () => {
  it('refuses to start without ACTION_LINK_SECRET, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'production']) {
      expect(() => loadConfig({ NODE_ENV, METRICS_PUBLIC: 'true' })).toThrow(
        /^ACTION_LINK_SECRET: not set; .*DFO_DEV_MODE=1\)$/,
      );
    }
    expect(() => loadConfig({ METRICS_PUBLIC: 'true' }, 'worker')).toThrow(/ACTION_LINK_SECRET/);
  });

  it('has the API refuse a public /metrics unless METRICS_PUBLIC says so', () => {
    expect(() => loadConfig({ ACTION_LINK_SECRET: SECRET })).toThrow(
      /^METRICS_TOKEN \(or METRICS_PUBLIC=true\): not set/,
    );
    expect(loadConfig({ ACTION_LINK_SECRET: SECRET, METRICS_PUBLIC: 'true' }).metrics).toEqual({
      token: undefined,
      public: true,
    });
    // The worker serves no /metrics: it needs only its own secret.
    expect(loadConfig({ ACTION_LINK_SECRET: SECRET }, 'worker').journey.actionLinks).toMatchObject({
      secret: SECRET,
      secretSource: 'env',
    });
  });

  it('names every missing secret in one line', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /^ACTION_LINK_SECRET, METRICS_TOKEN \(or METRICS_PUBLIC=true\): [^\n]+$/,
    );
  });

  it('never falls back to a constant: dev mode without a secret draws a random one per process', () => {
    const a = load().journey.actionLinks;
    const b = load().journey.actionLinks;
    expect(a.secretSource).toBe('ephemeral');
    expect(a.secret).toHaveLength(43);
    expect(a.secret).not.toBe(b.secret);
  });

  it('lets one-off tools run without secrets, and refuses dev mode in production', () => {
    expect(loadConfig({}, 'tool').devMode).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DFO_DEV_MODE: '1' })).toThrow(
      /^DFO_DEV_MODE: must not be set with NODE_ENV=production$/,
    );
  });
});

describe('describeSecurity', () => {
  it('says which settings are active, never a secret value', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      ACTION_LINK_SECRET: SECRET,
      METRICS_TOKEN: 'scrape-token-0123456789',
      TEMPORAL_API_KEY: 'temporal-key-0123456789',
      SMTP_PASSWORD: 'smtp-password-0123',
      SMTP_USER: 'onboarding',
      SMTP_REQUIRE_TLS: 'true',
      AUTH_JWKS_URL: 'https://login.example.tg/jwks',
    });
    const summary = describeSecurity(config, 'api');
    expect(summary).toMatchObject({
      mode: 'production',
      actionLinks: 'ACTION_LINK_SECRET set, links valid 168 h',
      metrics: 'GET /metrics needs METRICS_TOKEN',
      temporal: 'TLS, API key set (namespace default)',
      smtp: 'STARTTLS required, authenticated, no DKIM',
      auth: 'JWKS from AUTH_JWKS_URL (issuer and audience checked)',
    });
    const text = JSON.stringify(summary);
    for (const secret of [SECRET, 'scrape-token', 'temporal-key', 'smtp-password']) {
      expect(text).not.toContain(secret);
    }
    const dev = describeSecurity(load(), 'worker');
    expect(dev.mode).toBe('development (DFO_DEV_MODE, NODE_ENV=development)');
    expect(dev.actionLinks).toMatch(/^random secret for this process only/);
  });
});

describe('Temporal standard variable names and worker tuning', () => {
  it('accepts @temporalio/envconfig names for the TLS files', () => {
    const t = load({
      TEMPORAL_TLS_CLIENT_CERT_PATH: '/certs/client.pem',
      TEMPORAL_TLS_CLIENT_KEY_PATH: '/certs/client.key',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/certs/ca.pem',
    }).temporal;
    expect(t).toMatchObject({
      tls: true,
      tlsCertPath: '/certs/client.pem',
      tlsKeyPath: '/certs/client.key',
      tlsCaPath: '/certs/ca.pem',
    });
    expect(() =>
      load({ TEMPORAL_TLS_CERT_PATH: '/a.pem', TEMPORAL_TLS_CLIENT_CERT_PATH: '/b.pem' }),
    ).toThrow(/^TEMPORAL_TLS_CERT_PATH, TEMPORAL_TLS_CLIENT_CERT_PATH: the same setting twice/);
  });

  it('bounds the worker by default for 2 cores and 2 GiB, and reads the WORKER_* variables', () => {
    expect(load().worker).toEqual({
      maxCachedWorkflows: 100,
      maxConcurrentWorkflowTaskExecutions: 20,
      maxConcurrentActivityTaskExecutions: 40,
    });
    expect(
      load({
        WORKER_MAX_CACHED_WORKFLOWS: '2000',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '8',
        WORKER_MAX_CONCURRENT_ACTIVITIES: '16',
      }).worker,
    ).toEqual({
      maxCachedWorkflows: 2000,
      maxConcurrentWorkflowTaskExecutions: 8,
      maxConcurrentActivityTaskExecutions: 16,
    });
    expect(() => load({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' })).toThrow(
      /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS/,
    );
  });

  it('bounds the worker process memory by default, 0 meaning the runtime default', () => {
    expect(load().workerMemory).toEqual({ heapMiB: 96, semiSpaceMiB: 8, mallocArenaMax: 2 });
    expect(
      load({ WORKER_HEAP_MIB: '0', WORKER_SEMI_SPACE_MIB: '16', WORKER_MALLOC_ARENA_MAX: '0' })
        .workerMemory,
    ).toEqual({ heapMiB: 0, semiSpaceMiB: 16, mallocArenaMax: 0 });
    expect(() => load({ WORKER_HEAP_MIB: '32' })).toThrow(/WORKER_HEAP_MIB: must be 0/);
    expect(() => load({ WORKER_MALLOC_ARENA_MAX: 'two' })).toThrow(/WORKER_MALLOC_ARENA_MAX/);
  });

  it('runs bearer-only without AUTH_OIDC_ISSUER, and derives browser sign-in from it', () => {
    expect(load({}).auth.oidc).toBeUndefined();
    expect(load({}).auth.session).toMatchObject({
      idleMinutes: 30,
      absoluteHours: 12,
      secureCookie: false,
    });
    const c = load({
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
    const https = load({ PUBLIC_BASE_URL: 'https://onboarding.digital.gouv.tg' });
    expect(https.auth.session.secureCookie).toBe(true);
    expect(() => load({ AUTH_OIDC_SCOPES: 'profile email' })).toThrow(/AUTH_OIDC_SCOPES/);
  });

  it('requires the client and session secrets and an https issuer outside dev mode', () => {
    const prod = {
      NODE_ENV: 'production',
      ACTION_LINK_SECRET: 'x'.repeat(32),
      METRICS_PUBLIC: 'true',
      AUTH_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
    };
    expect(() => loadConfig(prod)).toThrow(
      /^AUTH_OIDC_CLIENT_SECRET, AUTH_SESSION_SECRET: not set; /,
    );
    const withSecret = { ...prod, AUTH_OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig(withSecret)).toThrow(/^AUTH_SESSION_SECRET: not set; /);
    const full = { ...withSecret, AUTH_SESSION_SECRET: 'k'.repeat(32) };
    expect(loadConfig(full).auth.session.secureCookie).toBe(true);
    expect(() => loadConfig({ ...full, AUTH_OIDC_ISSUER: 'http://idp.tg' })).toThrow(
      /must be an https:\/\/ URL/,
    );
    // The worker has no sign-in: it needs none of them.
    expect(() => loadConfig({ ...prod }, 'worker')).not.toThrow();
  });

  it('gives dev mode random sign-in secrets, never a published constant', () => {
    const oidc = { AUTH_OIDC_ISSUER: 'http://localhost:3001' };
    const a = load(oidc);
    expect(a.auth.session.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.auth.oidc?.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.auth.oidc?.clientSecret).not.toBe(a.auth.session.secret);
    expect(load(oidc).auth.session.secret).toBe(a.auth.session.secret); // one per process
  });
});

describe('tracing (OpenTelemetry, standard OTEL_* names)', () => {
  it('is off without an OTLP endpoint, and when OTEL_SDK_DISABLED says so', () => {
    expect(load().tracing).toBeUndefined();
    expect(
      load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })
        .tracing,
    ).toBeUndefined();
  });

  it('exports to <endpoint>/v1/traces as df-onboarding-api or -worker, or the given names', () => {
    expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      url: 'http://collector:4318/v1/traces',
      headers: {},
      serviceName: 'df-onboarding-api',
    });
    const worker = loadConfig(
      {
        DFO_DEV_MODE: '1',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo.example/otlp/v1/traces',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20dXNlcjpwYXNz==, x-scope-orgid = df',
      },
      'worker',
    ).tracing;
    expect(worker).toEqual({
      url: 'https://tempo.example/otlp/v1/traces',
      headers: { Authorization: 'Basic dXNlcjpwYXNz==', 'x-scope-orgid': 'df' },
      serviceName: 'df-onboarding-worker',
    });
    expect(
      load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'dfo-api-eu' })
        .tracing?.serviceName,
    ).toBe('dfo-api-eu');
  });

  it('names a bad OTEL_* variable', () => {
    expect(() => load({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
    expect(() => load({ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' })).toThrow(
      /OTEL_EXPORTER_OTLP_HEADERS: comma-separated key=value pairs/,
    );
    expect(() => load({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: only http\/json/,
    );
  });
});

describe('Temporal client config profiles (@temporalio/envconfig, TOML)', () => {
  const file = (toml: string) => {
    const at = path.join(mkdtempSync(path.join(tmpdir(), 'dfo-temporal-')), 'temporal.toml');
    writeFileSync(at, toml);
    return at;
  };
  const CLOUD = file(`
[profile.default]
address = "127.0.0.1:7233"

[profile.cloud]
address = "df.a1b2c.tmprl.cloud:7233"
namespace = "df.a1b2c"
api_key = "cloud-api-key"

[profile.mtls]
address = "temporal.internal:7233"
namespace = "onboarding"
[profile.mtls.tls]
client_cert_path = "/certs/client.pem"
client_key_data = "-----BEGIN PRIVATE KEY-----"
server_name = "temporal.internal"
[profile.mtls.grpc_meta]
x-team = "df"
`);

  it('reads the profile TEMPORAL_PROFILE names from TEMPORAL_CONFIG_FILE (API key: TLS on)', () => {
    const t = load({ TEMPORAL_CONFIG_FILE: CLOUD, TEMPORAL_PROFILE: 'cloud' }).temporal;
    expect(t).toMatchObject({
      address: 'df.a1b2c.tmprl.cloud:7233',
      namespace: 'df.a1b2c',
      apiKey: 'cloud-api-key',
      tls: true,
    });
    expect(load({ TEMPORAL_CONFIG_FILE: CLOUD }).temporal.address).toBe('127.0.0.1:7233');
  });

  it('takes mTLS files or inline PEM and gRPC metadata from the profile', () => {
    const t = load({ TEMPORAL_CONFIG_FILE: CLOUD, TEMPORAL_PROFILE: 'mtls' }).temporal;
    expect(t).toMatchObject({
      tls: true,
      tlsCertPath: '/certs/client.pem',
      tlsKeyData: '-----BEGIN PRIVATE KEY-----',
      tlsServerName: 'temporal.internal',
      metadata: { 'x-team': 'df' },
    });
    expect(t.tlsKeyPath).toBeUndefined();
  });

  it('lets our variables win over the profile', () => {
    const t = load({
      TEMPORAL_CONFIG_FILE: CLOUD,
      TEMPORAL_PROFILE: 'cloud',
      TEMPORAL_ADDRESS: 'other:7233',
      TEMPORAL_API_KEY: 'from-env',
    }).temporal;
    expect(t).toMatchObject({ address: 'other:7233', namespace: 'df.a1b2c', apiKey: 'from-env' });
  });

  it('is not read unless asked for, and names the variables when the profile is wrong', () => {
    expect(load().temporal.address).toBe('127.0.0.1:7233');
    expect(() => load({ TEMPORAL_CONFIG_FILE: CLOUD, TEMPORAL_PROFILE: 'nope' })).toThrow(
      /^TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE: Profile 'nope' not found/,
    );
    expect(() => load({ TEMPORAL_CONFIG_FILE: file('[profile.default]\nadress = "x"\n') })).toThrow(
      /^TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE: .*adress/,
    );
  });
});
