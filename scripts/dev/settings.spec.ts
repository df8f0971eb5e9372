import { embeddedDatabaseUrl, embeddedPorts, redactUrl, resolveSettings } from './settings';

describe('resolveSettings', () => {
  it('embeds everything on the default ports when nothing is set', () => {
    const s = resolveSettings({}, '/repo');
    expect(s.dataDir).toBe('/repo/.data');
    expect(s.database).toEqual({
      mode: 'auto',
      name: 'df_onboarding',
      port: { port: 54329, envVar: 'DEV_POSTGRES_PORT', label: 'PostgreSQL (embedded)' },
    });
    expect(embeddedPorts(s).map((p) => [p.envVar, p.port])).toEqual([
      ['API_PORT', 3000],
      ['DEV_POSTGRES_PORT', 54329],
      ['DEV_TEMPORAL_PORT', 7233],
      ['DEV_TEMPORAL_UI_PORT', 8233],
      ['SMTP_PORT', 1025],
      ['DEV_MAILBOX_PORT', 1080],
      ['DEV_IDP_PORT', 3001],
    ]);
  });

  it('uses what the environment points at instead of embedding it', () => {
    const s = resolveSettings(
      {
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
        TEMPORAL_ADDRESS: 'temporal:7233',
        SMTP_HOST: 'smtp.example.tg',
        DEV_DATABASE: 'pglite',
        AUTH_OIDC_ISSUER: 'https://login.example.tg/realms/df',
      },
      '/repo',
    );
    expect(s.identity).toEqual({ mode: 'external', issuer: 'https://login.example.tg/realms/df' });
    expect(s.database).toEqual({ mode: 'external', url: 'postgresql://u:p@db:5432/x' });
    expect(s.temporal).toEqual({ mode: 'external', address: 'temporal:7233' });
    expect(s.mail).toEqual({ mode: 'external' });
    expect(embeddedPorts(s).map((p) => p.envVar)).toEqual(['API_PORT']);
  });

  it('treats empty variables as unset and honours the port overrides', () => {
    const s = resolveSettings(
      { DATABASE_URL: ' ', DEV_DATABASE: 'PGLITE', DEV_POSTGRES_PORT: '6000', API_PORT: '3100' },
      '/repo',
    );
    expect(s.database.mode).toBe('pglite');
    expect(embeddedPorts(s).map((p) => p.port)).toEqual([3100, 6000, 7233, 8233, 1025, 1080, 3001]);
  });

  it('rejects bad values, naming the variable', () => {
    expect(() => resolveSettings({ DEV_DATABASE: 'mysql' }, '/r')).toThrow(/DEV_DATABASE/);
    expect(() => resolveSettings({ DEV_TEMPORAL_PORT: '70000' }, '/r')).toThrow(
      /DEV_TEMPORAL_PORT/,
    );
    expect(() => resolveSettings({ DEV_MAILBOX_PORT: 'abc' }, '/r')).toThrow(/DEV_MAILBOX_PORT/);
    expect(() => resolveSettings({ DEV_MAILBOX_PORT: '3000' }, '/r')).toThrow(
      /API_PORT and DEV_MAILBOX_PORT both ask for port 3000/,
    );
  });
});

describe('URLs', () => {
  it('points the local cluster at df_onboarding and PGlite at its single database', () => {
    expect(embeddedDatabaseUrl('postgres', 54329)).toBe(
      'postgresql://postgres@127.0.0.1:54329/df_onboarding',
    );
    expect(embeddedDatabaseUrl('pglite', 54329)).toBe(
      'postgresql://postgres@127.0.0.1:54329/postgres',
    );
  });

  it('hides passwords', () => {
    expect(redactUrl('postgresql://app:s3cret@db:5432/x')).toBe('postgresql://app:***@db:5432/x');
    expect(redactUrl('postgresql://postgres@127.0.0.1:1/x')).toBe(
      'postgresql://postgres@127.0.0.1:1/x',
    );
  });
});
