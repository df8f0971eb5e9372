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
});
