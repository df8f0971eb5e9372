/**
 * The only place that reads process.env. Every variable is read and validated once, at boot;
 * a bad value fails with a message naming the variable. Defaults serve the embedded setup
 * started by `npm run up` (see README "Environment variables").
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseProvisioningSystems, type ProvisioningConfig } from './provisioning';
import { loadTemporalProfile, type FileOrData, type TemporalProfile } from './temporal-profile';
import type { WorkerMemoryBounds } from './worker-memory';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const httpUrl = url.regex(/^https?:\/\//, 'must be an http:// or https:// URL');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  // Set to 1 only by the project's own dev/test commands (scripts/dev.ts, the test harness): lets a
  // secret be missing (then random per process). Anything else refuses to start without its
  // secrets, whatever NODE_ENV says (docs/operations.md "Secrets").
  DFO_DEV_MODE: bool.default(false),
  // Unset: `info`, or `error` under NODE_ENV=test so test output stays quiet unless something fails.
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_BASE_URL: url.default('http://localhost:3000'),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/df_onboarding'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a plain schema name')
    .default('public'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('onboarding'),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  // Temporal's standard names (@temporalio/envconfig, the temporal CLI), accepted for ours above.
  TEMPORAL_TLS_CLIENT_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: z.string().optional(),
  // A Temporal client config profile (TOML; config/temporal-profile.ts): our variables win over it.
  TEMPORAL_CONFIG_FILE: z.string().optional(),
  TEMPORAL_PROFILE: z.string().optional(),
  // Worker tuning (docs/operations.md, "Worker memory"): defaults sized for 2 cores and 2 GiB.
  // The cache must fit the workflow thread's V8 heap: ~0.35 MiB live per cached run, measured.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).default(100),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(10_000).default(20),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(10_000).default(40),
  // The worker process's own memory bounds (config/worker-memory.ts applies them at its start):
  // V8 heap limits per isolate (main thread, workflow thread) and glibc's malloc arenas. 0: the
  // runtime's default (heaps sized from the host's memory, 8 arenas per core).
  WORKER_HEAP_MIB: z.coerce
    .number()
    .int()
    .max(65_536)
    .refine((n) => n === 0 || n >= 64, 'must be 0 (V8 default) or at least 64')
    .default(96),
  WORKER_SEMI_SPACE_MIB: z.coerce.number().int().min(0).max(1_024).default(8),
  WORKER_MALLOC_ARENA_MAX: z.coerce.number().int().min(0).max(1_024).default(2),

  // OpenTelemetry traces, standard OTEL_* names (docs/operations.md "Traces"). No endpoint: off,
  // nothing installed. Only OTLP over HTTP with JSON bodies is exported.
  OTEL_SDK_DISABLED: bool.default(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'comma-separated key=value pairs')
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/json'], { message: 'only http/json is exported (OTLP over HTTP, JSON bodies)' })
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),

  AUTH_JWKS_URL: url.optional(),
  AUTH_JWKS_PATH: z.string().min(1).default('.data/auth/jwks.json'),
  AUTH_ISSUER: z.string().min(1).default('df-onboarding-local'),
  AUTH_AUDIENCE: z.string().min(1).default('df-onboarding-api'),
  AUTH_ALGORITHMS: z
    .string()
    .regex(
      /^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512))*$/,
      'comma-separated asymmetric JWS algorithms',
    )
    .default('ES256,RS256'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  // People sign in through an OpenID Connect provider (docs/auth.md). Unset: bearer tokens only.
  // `npm run up` sets it to the embedded provider.
  AUTH_OIDC_ISSUER: url.optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).default('df-onboarding-api'),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // Default: PUBLIC_BASE_URL + /auth/callback, and PUBLIC_BASE_URL + /console/ after logout.
  AUTH_OIDC_REDIRECT_URI: url.optional(),
  AUTH_OIDC_POST_LOGOUT_REDIRECT_URI: url.optional(),
  AUTH_OIDC_SCOPES: z
    .string()
    .regex(/^[\w:./-]+( [\w:./-]+)*$/, 'space-separated scopes')
    .refine((s) => s.split(' ').includes('openid'), 'must include openid')
    .default('openid profile email'),
  // Public client (PKCE, no secret) with which Swagger UI signs in; unset: pasted tokens only.
  AUTH_OIDC_DOCS_CLIENT_ID: z.string().min(1).optional(),
  // `group=ROLE,group=ROLE`: roles from the groups claim, added to those of AUTH_ROLES_CLAIM.
  AUTH_GROUPS_CLAIM: z.string().min(1).default('groups'),
  AUTH_GROUP_ROLES: z
    .string()
    .regex(/^([^=,]+= *[A-Z_]+ *)?(,[^=,]+= *[A-Z_]+ *)*$/, 'comma-separated group=ROLE pairs')
    .default(''),
  AUTH_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  AUTH_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Seals the provider's tokens in the session store and signs nothing else. Required in production.
  AUTH_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  // The console's build (apps/console, `vite build`), served under /console; relative to the cwd.
  CONSOLE_DIR: z.string().min(1).default('apps/console/dist'),
  API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  API_CORS_ORIGINS: z.string().default(''),
  // Mutations (POST/PUT/PATCH/DELETE) allowed per caller (token subject, else client IP) per window.
  API_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(1_000_000).default(120),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // Which X-Forwarded-For hops to believe: true, false, a hop count, or addresses/CIDRs/keywords
  // such as `loopback` (a reverse proxy on the same host). Decides the client IP for rate limits.
  API_TRUST_PROXY: z.string().min(1).default('loopback'),
  // SIGTERM: stop accepting, finish in-flight requests, close pools; forced exit after this.
  API_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  // Run detail and list pages kept in memory, dropped on PostgreSQL NOTIFY (docs/performance.md).
  READ_CACHE_ENABLED: bool.default(true),
  READ_CACHE_MAX_RUNS: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
  READ_CACHE_MAX_PAGES: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  READ_CACHE_MAX_MB: z.coerce.number().min(0).max(65_536).default(64),
  READ_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. Outside DFO_DEV_MODE the API
  // refuses to start without it unless METRICS_PUBLIC=true says the network protects /metrics.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_PUBLIC: bool.default(false),
  // host:port where the worker serves the Temporal SDK's Prometheus metrics; unset: none. The
  // SDK's exporter has no authentication: bind it to a private interface.
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464')
    .optional(),

  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port.default(1025),
  SMTP_SECURE: bool.default(false),
  SMTP_REQUIRE_TLS: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_POOL: bool.default(true),
  // DKIM signing of every email (optional): all three or none. The key is a PEM string (a literal
  // `\n` is read as a newline, so it fits in one environment line).
  DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'must be a DNS label')
    .optional(),
  DKIM_PRIVATE_KEY: z
    .string()
    .regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, 'must be a PEM private key')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Digital Factory Onboarding <onboarding@digital.gouv.tg>'),

  NOTIFY_HR_EMAIL: z.string().email().default('rh@digital.gouv.tg'),
  NOTIFY_IT_EMAIL: z.string().email().default('devops@digital.gouv.tg'),
  NOTIFY_HEAD_OF_DF_EMAIL: z.string().email().default('direction.df@digital.gouv.tg'),
  DEFAULT_PLAN_KEY: z.string().min(1).default('rust-backend-engineer'),
  HOLIDAYS_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO country code such as TG')
    .default('TG'),
  HOLIDAYS_EXTRA: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?(,\d{4}-\d{2}-\d{2})*$/, 'comma-separated YYYY-MM-DD dates')
    .default(''),
  // Dates people send (domain/calendar/date-rules.ts, docs/api.md "Dates people send").
  START_DATE_LATE_WINDOW_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  DATE_HORIZON_DAYS: z.coerce.number().int().min(1).max(3660).default(366),

  // Signed action links in task emails (docs/emails.md). Required by the API and the worker
  // outside DFO_DEV_MODE; there is no default (a missing one in dev mode is random per process).
  ACTION_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACTION_LINK_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(168),
  BRAND_NAME: z.string().min(1).default('Digital Factory'),
  BRAND_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
    .default('#0b5394'),
  BRAND_LOGO_URL: url.optional(),

  // Daily digest for tech leads (docs/emails.md): a Temporal Schedule the worker keeps in sync.
  DIGEST_ENABLED: bool.default(false),
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)')
    .default('07:30'),
  DIGEST_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Africa/Lome')
    .default('Africa/Lome'),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  tlsCaPath?: string;
  tlsServerName?: string;
  /** PEM written inline in a Temporal config profile (TEMPORAL_CONFIG_FILE) instead of a path. */
  tlsCertData?: string;
  tlsKeyData?: string;
  tlsCaData?: string;
  apiKey?: string;
  /** gRPC metadata sent with every call (a profile's `grpc_meta`). */
  metadata?: Record<string, string>;
}

export interface SmtpConfig {
  url?: string;
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  user?: string;
  password?: string;
  pool: boolean;
  from: string;
  dkim?: DkimConfig;
}

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface DigestConfig {
  enabled: boolean;
  /** HH:MM, local time in `timeZone`, Monday to Friday (holidays are skipped by the workflow). */
  time: string;
  timeZone: string;
}

export interface AuthConfig {
  /** Remote JWKS of the identity provider (OIDC); when unset, the local JWKS file is used. */
  jwksUrl?: string;
  jwksPath: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  rolesClaim: string;
  clockToleranceSeconds: number;
  /** Browser sign-in (backend-for-frontend); undefined: bearer tokens only. */
  oidc?: OidcConfig;
  session: SessionConfig;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string;
  docsClientId?: string;
  groupsClaim: string;
  /** Group name → role (AUTH_GROUP_ROLES). */
  groupRoles: Record<string, string>;
}

export interface SessionConfig {
  idleMinutes: number;
  absoluteHours: number;
  secret: string;
  /** `__Host-dfo_session` + Secure, unless development/test over plain http. */
  secureCookie: boolean;
}

/**
 * DFO_DEV_MODE only (outside it a missing one stops the process, `assertSecrets`): random for this
 * process, never a published constant. API instances in one process (tests) share them; `npm run
 * up` passes the ones it generated into .data/secrets instead (scripts/dev/secrets.ts).
 */
const EPHEMERAL_OIDC_CLIENT_SECRET = randomBytes(32).toString('base64url');
const EPHEMERAL_SESSION_SECRET = randomBytes(32).toString('base64url');

export type LogLevel = NonNullable<Env['LOG_LEVEL']>;

export interface JourneyConfig {
  /** Role mailboxes: HR, IT/DevOps and the head of the Digital Factory receive tasks and escalations. */
  mailboxes: { HR: string; IT: string; HEAD_OF_DF: string };
  defaultPlanKey: string;
  holidaysCountry: string;
  extraHolidays: string[];
  /** The rule for dates people send: start-date late window, horizon (domain/calendar/date-rules.ts). */
  dateRules: { lateWindowWorkingDays: number; horizonDays: number };
  /** Signed one-click links in task emails (the worker mints them, the API redeems them). */
  actionLinks: ActionLinksConfig;
  brand: BrandConfig;
}

export interface ActionLinksConfig {
  secret: string;
  /** `env`: ACTION_LINK_SECRET; `ephemeral`: random for this process (DFO_DEV_MODE only). */
  secretSource: 'env' | 'ephemeral';
  ttlHours: number;
}

export interface BrandConfig {
  name: string;
  /** #rrggbb, used for headings and buttons (white text on it). */
  color: string;
  logoUrl?: string;
}

/**
 * Which process reads the configuration: it decides which secrets must be set outside
 * DFO_DEV_MODE. `tool`: one-off commands (migrate, token, previews) that use no secret.
 */
export type ConfigRole = 'api' | 'worker' | 'tool';

export interface AppConfig {
  env: Env['NODE_ENV'];
  /** DFO_DEV_MODE=1: started by the project's own dev/test commands. */
  devMode: boolean;
  logLevel: LogLevel;
  api: {
    host: string;
    port: number;
    publicBaseUrl: string;
    bodyLimitBytes: number;
    /** Folder of the console's build, served under /console (absent: /console answers 404). */
    consoleDir: string;
    corsOrigins: string[];
    rateLimit: { max: number; windowSeconds: number };
    trustProxy: boolean | number | string;
    shutdownGraceSeconds: number;
    readCache: {
      enabled: boolean;
      maxRuns: number;
      maxPages: number;
      /** Bound on the JSON size of everything kept, in MiB. */
      maxMb: number;
      ttlSeconds: number;
    };
  };
  /** `public`: no token required (dev mode without a token, or METRICS_PUBLIC=true). */
  metrics: { token?: string; public: boolean; workerAddress?: string };
  auth: AuthConfig;
  database: { url: string; schema: string; poolSize: number };
  temporal: TemporalConfig;
  smtp: SmtpConfig;
  journey: JourneyConfig;
  digest: DigestConfig;
  /** Connector and settings per plan grant system (PROVISIONING_SYSTEMS); unlisted: manual. */
  provisioning: ProvisioningConfig;
  worker: WorkerTuning;
  /** The worker process's memory bounds (config/worker-memory.ts). */
  workerMemory: WorkerMemoryBounds;
  /** OpenTelemetry traces; undefined when no OTLP endpoint is set (or OTEL_SDK_DISABLED). */
  tracing?: TracingConfig;
}

/** Where and as whom this process exports its spans (OTLP over HTTP, JSON). */
export interface TracingConfig {
  /** The traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  url: string;
  headers: Record<string, string>;
  serviceName: string;
}

/** Bounds of one worker process (Temporal Worker options of the same names). */
export interface WorkerTuning {
  /** Sticky cache: workflows kept in memory between tasks (the main memory cost). */
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
}

/**
 * Reads and validates the environment. Empty strings count as "not set". Outside DFO_DEV_MODE a
 * missing secret that `role` needs is a ConfigError naming it (api: the strictest, the default).
 */
export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  role: ConfigRole = 'api',
): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment variable(s):\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  for (const [ours, standard] of [
    ['TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_CLIENT_CERT_PATH'],
    ['TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH'],
    ['TEMPORAL_TLS_CA_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'],
  ] as const) {
    if (e[ours] && e[standard] && e[ours] !== e[standard]) {
      throw new ConfigError(`${ours}, ${standard}: the same setting twice, with different values`);
    }
    e[ours] ??= e[standard];
  }
  const provisioning = parseProvisioningSystems(source);
  if (!provisioning.ok) {
    throw new ConfigError(
      `Invalid environment variable(s):\n  ${provisioning.problems.join('\n  ')}`,
    );
  }
  const dkimSet = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkimSet !== 0 && dkimSet !== 3) {
    throw new ConfigError('DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: set all three or none');
  }
  assertSecrets(e, role);
  return {
    env: e.NODE_ENV,
    devMode: e.DFO_DEV_MODE,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'error' : 'info'),
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
      bodyLimitBytes: e.API_BODY_LIMIT_BYTES,
      consoleDir: e.CONSOLE_DIR,
      corsOrigins: e.API_CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      rateLimit: { max: e.API_RATE_LIMIT_MAX, windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS },
      trustProxy: parseTrustProxy(e.API_TRUST_PROXY),
      shutdownGraceSeconds: e.API_SHUTDOWN_GRACE_SECONDS,
      readCache: {
        enabled: e.READ_CACHE_ENABLED,
        maxRuns: e.READ_CACHE_MAX_RUNS,
        maxPages: e.READ_CACHE_MAX_PAGES,
        maxMb: e.READ_CACHE_MAX_MB,
        ttlSeconds: e.READ_CACHE_TTL_SECONDS,
      },
    },
    metrics: {
      token: e.METRICS_TOKEN,
      public: !e.METRICS_TOKEN,
      workerAddress: e.WORKER_METRICS_ADDRESS,
    },
    auth: {
      jwksUrl: e.AUTH_JWKS_URL,
      jwksPath: e.AUTH_JWKS_PATH,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      algorithms: e.AUTH_ALGORITHMS.split(','),
      rolesClaim: e.AUTH_ROLES_CLAIM,
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      oidc: e.AUTH_OIDC_ISSUER ? oidcConfig(e) : undefined,
      session: {
        idleMinutes: e.AUTH_SESSION_IDLE_MINUTES,
        absoluteHours: e.AUTH_SESSION_ABSOLUTE_HOURS,
        secret: e.AUTH_SESSION_SECRET ?? EPHEMERAL_SESSION_SECRET,
        secureCookie: e.NODE_ENV === 'production' || e.PUBLIC_BASE_URL.startsWith('https://'),
      },
    },
    database: { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE },
    temporal: temporalConfig(e, raw),
    smtp: {
      url: e.SMTP_URL,
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      requireTls: e.SMTP_REQUIRE_TLS,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      pool: e.SMTP_POOL,
      from: e.MAIL_FROM,
      dkim:
        e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY
          ? {
              domainName: e.DKIM_DOMAIN,
              keySelector: e.DKIM_SELECTOR,
              privateKey: e.DKIM_PRIVATE_KEY.replace(/\\n/g, '\n'),
            }
          : undefined,
    },
    digest: { enabled: e.DIGEST_ENABLED, time: e.DIGEST_TIME, timeZone: e.DIGEST_TIME_ZONE },
    journey: {
      mailboxes: {
        HR: e.NOTIFY_HR_EMAIL,
        IT: e.NOTIFY_IT_EMAIL,
        HEAD_OF_DF: e.NOTIFY_HEAD_OF_DF_EMAIL,
      },
      defaultPlanKey: e.DEFAULT_PLAN_KEY,
      holidaysCountry: e.HOLIDAYS_COUNTRY,
      extraHolidays: e.HOLIDAYS_EXTRA.split(',').filter(Boolean),
      dateRules: {
        lateWindowWorkingDays: e.START_DATE_LATE_WINDOW_WORKING_DAYS,
        horizonDays: e.DATE_HORIZON_DAYS,
      },
      actionLinks: {
        // Never a constant: without the variable (dev mode only), random for this process.
        secret: e.ACTION_LINK_SECRET ?? randomBytes(32).toString('base64url'),
        secretSource: e.ACTION_LINK_SECRET ? 'env' : 'ephemeral',
        ttlHours: e.ACTION_LINK_TTL_HOURS,
      },
      brand: { name: e.BRAND_NAME, color: e.BRAND_COLOR, logoUrl: e.BRAND_LOGO_URL },
    },
    provisioning: provisioning.systems,
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
    },
    workerMemory: {
      heapMiB: e.WORKER_HEAP_MIB,
      semiSpaceMiB: e.WORKER_SEMI_SPACE_MIB,
      mallocArenaMax: e.WORKER_MALLOC_ARENA_MAX,
    },
    tracing: tracingConfig(e, role),
  };
}

/** Our variables (and the standard names), then the profile's values, then the embedded defaults. */
function temporalConfig(e: Env, raw: Record<string, string>): TemporalConfig {
  let p: TemporalProfile | undefined;
  try {
    p = loadTemporalProfile(raw);
  } catch (err) {
    throw new ConfigError(`TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE: ${(err as Error).message}`);
  }
  const set = (name: keyof Env): boolean => raw[name] !== undefined;
  const path = (f?: FileOrData) => (f && 'path' in f ? f.path : undefined);
  const data = (f?: FileOrData) => (f && 'data' in f ? f.data : undefined);
  const tls = p?.tls && !p.tls.disabled ? p.tls : undefined;
  const certPath = e.TEMPORAL_TLS_CERT_PATH ?? path(tls?.cert);
  const keyPath = e.TEMPORAL_TLS_KEY_PATH ?? path(tls?.key);
  const certData = e.TEMPORAL_TLS_CERT_PATH ? undefined : data(tls?.cert);
  const apiKey = e.TEMPORAL_API_KEY ?? p?.apiKey;
  if (certPath && !keyPath && !data(tls?.key)) {
    throw new ConfigError('TEMPORAL_TLS_KEY_PATH: required when TEMPORAL_TLS_CERT_PATH is set');
  }
  return {
    address: set('TEMPORAL_ADDRESS') ? e.TEMPORAL_ADDRESS : (p?.address ?? e.TEMPORAL_ADDRESS),
    namespace: set('TEMPORAL_NAMESPACE')
      ? e.TEMPORAL_NAMESPACE
      : (p?.namespace ?? e.TEMPORAL_NAMESPACE),
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    tls: e.TEMPORAL_TLS || Boolean(tls) || Boolean(certPath ?? certData) || Boolean(apiKey),
    tlsCertPath: certPath,
    tlsKeyPath: keyPath,
    tlsCaPath: e.TEMPORAL_TLS_CA_PATH ?? path(tls?.ca),
    tlsServerName: e.TEMPORAL_TLS_SERVER_NAME ?? tls?.serverName,
    tlsCertData: certData,
    tlsKeyData: e.TEMPORAL_TLS_KEY_PATH ? undefined : data(tls?.key),
    tlsCaData: e.TEMPORAL_TLS_CA_PATH ? undefined : data(tls?.ca),
    apiKey,
    metadata: p?.metadata,
  };
}

/** The OTLP exporter's standard variables; the default service name says which process it is. */
function tracingConfig(e: Env, role: ConfigRole): TracingConfig | undefined {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/$/, '');
  const url = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base && `${base}/v1/traces`);
  if (!url || e.OTEL_SDK_DISABLED) return undefined;
  const headers = (e.OTEL_EXPORTER_OTLP_HEADERS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.split('=').map((part) => decodeURIComponent(part.trim())));
  return {
    url,
    headers: Object.fromEntries(headers.map(([key, ...value]) => [key, value.join('=')])),
    serviceName: e.OTEL_SERVICE_NAME ?? `df-onboarding-${role === 'worker' ? 'worker' : 'api'}`,
  };
}

function oidcConfig(e: Env): OidcConfig {
  const base = e.PUBLIC_BASE_URL.replace(/\/$/, '');
  return {
    issuer: e.AUTH_OIDC_ISSUER!,
    clientId: e.AUTH_OIDC_CLIENT_ID,
    clientSecret: e.AUTH_OIDC_CLIENT_SECRET ?? EPHEMERAL_OIDC_CLIENT_SECRET,
    redirectUri: e.AUTH_OIDC_REDIRECT_URI ?? `${base}/auth/callback`,
    postLogoutRedirectUri: e.AUTH_OIDC_POST_LOGOUT_REDIRECT_URI ?? `${base}/console/`,
    scopes: e.AUTH_OIDC_SCOPES,
    docsClientId: e.AUTH_OIDC_DOCS_CLIENT_ID,
    groupsClaim: e.AUTH_GROUPS_CLAIM,
    groupRoles: Object.fromEntries(
      e.AUTH_GROUP_ROLES.split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=').map((s) => s.trim()) as [string, string]),
    ),
  };
}

/** The secrets `role` needs, missing outside dev mode: one line naming each (docs/operations.md). */
function assertSecrets(e: Env, role: ConfigRole): void {
  if (e.DFO_DEV_MODE) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('DFO_DEV_MODE: must not be set with NODE_ENV=production');
    }
    return;
  }
  const missing: string[] = [];
  if (role !== 'tool' && !e.ACTION_LINK_SECRET) missing.push('ACTION_LINK_SECRET');
  if (role === 'api' && e.AUTH_OIDC_ISSUER) {
    if (!e.AUTH_OIDC_CLIENT_SECRET) missing.push('AUTH_OIDC_CLIENT_SECRET');
    if (!e.AUTH_SESSION_SECRET) missing.push('AUTH_SESSION_SECRET');
    if (e.NODE_ENV === 'production' && !e.AUTH_OIDC_ISSUER.startsWith('https://')) {
      throw new ConfigError('AUTH_OIDC_ISSUER: must be an https:// URL in production');
    }
  }
  if (role === 'api' && !e.METRICS_TOKEN && !e.METRICS_PUBLIC) {
    missing.push('METRICS_TOKEN (or METRICS_PUBLIC=true)');
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(', ')}: not set; production must set every secret (docs/operations.md), ` +
        "only the project's dev/test commands run without (DFO_DEV_MODE=1)",
    );
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
