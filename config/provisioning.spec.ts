import { parseProvisioningSystems } from './provisioning';

const KEY = 'a'.repeat(64);

describe('parseProvisioningSystems', () => {
  it('defaults to no configured system (every system manual)', () => {
    expect(parseProvisioningSystems({})).toEqual({ ok: true, systems: {} });
  });

  it('resolves secrets from the variables named in the settings', () => {
    const result = parseProvisioningSystems({
      PROVISIONING_SYSTEMS: JSON.stringify({
        'postgres-staging': {
          connector: 'postgres-role',
          url: 'postgresql://admin@db.internal:5432/app',
          passwordEnv: 'PG_ADMIN_PASSWORD',
          readWriteSchemas: ['staging'],
          credentialKeyEnv: 'PG_CREDENTIAL_KEY',
        },
        git: { connector: 'webhook', url: 'https://git.internal/hooks/dfo', secretEnv: 'GIT_HOOK' },
        grafana: { connector: 'scim', url: 'https://idp.internal/scim/v2', tokenEnv: 'SCIM_TOKEN' },
      }),
      SCIM_TOKEN: 'tok',
      PG_ADMIN_PASSWORD: 'pw',
      PG_CREDENTIAL_KEY: KEY,
      GIT_HOOK: 's3cret',
    });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.systems['postgres-staging']).toMatchObject({ password: 'pw', timeoutMs: 10_000 });
    expect(result.systems.git).toMatchObject({ secret: 's3cret', attempts: 3 });
    expect(result.systems.grafana).toMatchObject({ token: 'tok', groups: [] });
  });

  it('names the variable and the key of each problem', () => {
    const result = parseProvisioningSystems({
      PROVISIONING_SYSTEMS: JSON.stringify({
        git: { connector: 'webhook', url: 'not a url', secretEnv: 'GIT_HOOK' },
        vpn: { connector: 'smoke-signals' },
        ldap: {
          connector: 'ldap',
          url: 'ldap://127.0.0.1:389',
          bindDn: 'cn=admin',
          passwordEnv: 'LDAP_BIND_PASSWORD',
          peopleDn: 'ou=people',
          groupsDn: 'ou=groups',
          groups: ['developers'],
        },
      }),
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((p) => p.startsWith('PROVISIONING_SYSTEMS.git.url:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PROVISIONING_SYSTEMS.vpn.connector:'))).toBe(true);
  });

  it('reports a missing secret by its variable name', () => {
    const result = parseProvisioningSystems({
      PROVISIONING_SYSTEMS: JSON.stringify({
        git: { connector: 'webhook', url: 'https://git.internal/hook', secretEnv: 'GIT_HOOK' },
      }),
    });
    expect(result).toEqual({
      ok: false,
      problems: ['PROVISIONING_SYSTEMS.git.secretEnv: GIT_HOOK is not set'],
    });
  });

  it('rejects a password inside the admin URL and malformed JSON', () => {
    expect(parseProvisioningSystems({ PROVISIONING_SYSTEMS: '{' })).toEqual({
      ok: false,
      problems: ['PROVISIONING_SYSTEMS: must be a JSON object'],
    });
    const result = parseProvisioningSystems({
      PROVISIONING_SYSTEMS: JSON.stringify({
        pg: {
          connector: 'postgres-role',
          url: 'postgresql://admin:pw@db/app',
          credentialKeyEnv: 'K',
        },
      }),
      K: KEY,
    });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^PROVISIONING_SYSTEMS\.pg\.url: must be a postgresql:\/\/ URL/),
    ]);
  });
});
