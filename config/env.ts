/**
 * The only place that reads process.env. Every variable is read and validated once, at boot;
 * a bad value fails with a message naming the variable. Defaults serve the embedded setup
 * started by `npm run up` (see README "Environment variables").
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

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

  API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  API_CORS_ORIGINS: z.string().default(''),

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
  MAIL_FROM: z.string().min(3).default('Digital Factory Onboarding <onboarding@digital.gouv.tg>'),
});

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
  apiKey?: string;
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
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  api: {
    host: string;
    port: number;
    publicBaseUrl: string;
    bodyLimitBytes: number;
    corsOrigins: string[];
  };
  auth: AuthConfig;
  database: { url: string; schema: string; poolSize: number };
  temporal: TemporalConfig;
  smtp: SmtpConfig;
}

/** Reads and validates the environment. Empty strings count as "not set". */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment variable(s):\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.TEMPORAL_TLS_CERT_PATH && !e.TEMPORAL_TLS_KEY_PATH) {
    throw new ConfigError('TEMPORAL_TLS_KEY_PATH: required when TEMPORAL_TLS_CERT_PATH is set');
  }
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
      bodyLimitBytes: e.API_BODY_LIMIT_BYTES,
      corsOrigins: e.API_CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    },
    auth: {
      jwksUrl: e.AUTH_JWKS_URL,
      jwksPath: e.AUTH_JWKS_PATH,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      algorithms: e.AUTH_ALGORITHMS.split(','),
      rolesClaim: e.AUTH_ROLES_CLAIM,
      clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
    },
    database: { url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls: e.TEMPORAL_TLS || Boolean(e.TEMPORAL_TLS_CERT_PATH) || Boolean(e.TEMPORAL_API_KEY),
      tlsCertPath: e.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: e.TEMPORAL_TLS_KEY_PATH,
      tlsCaPath: e.TEMPORAL_TLS_CA_PATH,
      tlsServerName: e.TEMPORAL_TLS_SERVER_NAME,
      apiKey: e.TEMPORAL_API_KEY,
    },
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
    },
  };
}
