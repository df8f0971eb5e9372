/**
 * What the API and the worker print at boot about their security settings: which ones are on and
 * where each secret comes from, never a value (docs/operations.md "Production checklist").
 */
import type { AppConfig, ConfigRole } from './env';

export type SecuritySummary = Record<string, string>;

export function describeSecurity(config: AppConfig, role: ConfigRole): SecuritySummary {
  const t = config.temporal;
  const s = config.smtp;
  const summary: SecuritySummary = {
    mode: config.devMode ? `development (DFO_DEV_MODE, NODE_ENV=${config.env})` : config.env,
    actionLinks:
      config.journey.actionLinks.secretSource === 'env'
        ? `ACTION_LINK_SECRET set, links valid ${config.journey.actionLinks.ttlHours} h`
        : 'random secret for this process only (dev mode): links die with it',
    temporal:
      [
        t.tls ? 'TLS' : 'plaintext',
        (t.tlsCertPath ?? t.tlsCertData) ? 'mTLS client certificate' : undefined,
        t.apiKey ? 'API key set' : undefined,
      ]
        .filter(Boolean)
        .join(', ') + ` (namespace ${t.namespace})`,
    smtp: [
      s.secure ? 'implicit TLS' : s.requireTls ? 'STARTTLS required' : 'TLS opportunistic',
      s.user || s.url?.includes('@') ? 'authenticated' : 'no authentication',
      s.dkim ? 'DKIM signing' : 'no DKIM',
    ].join(', '),
    database: /sslmode=(require|verify-ca|verify-full)/.test(config.database.url)
      ? 'TLS required by DATABASE_URL'
      : 'TLS not required by DATABASE_URL',
  };
  if (role === 'api') {
    summary.auth = config.auth.jwksUrl
      ? `JWKS from AUTH_JWKS_URL (issuer and audience checked)`
      : `local JWKS file AUTH_JWKS_PATH (embedded setup)`;
    summary.metrics = config.metrics.token
      ? 'GET /metrics needs METRICS_TOKEN'
      : config.devMode
        ? 'GET /metrics public (dev mode)'
        : 'GET /metrics public (METRICS_PUBLIC=true)';
    summary.cors = config.api.corsOrigins.length
      ? `${config.api.corsOrigins.length} allowed origin(s)`
      : 'no cross-origin access';
    summary.rateLimit = `${config.api.rateLimit.max} mutations per ${config.api.rateLimit.windowSeconds} s per caller`;
  }
  const systems = Object.keys(config.provisioning);
  if (role !== 'api') {
    summary.provisioning = systems.length
      ? `connectors (secrets from their named variables): ${systems.join(', ')}`
      : 'no connector configured (every grant manual)';
  }
  return summary;
}
