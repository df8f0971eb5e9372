import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { devSecretEnv, devSecretsPath, ensureDevSecrets } from './secrets';

describe('embedded setup secrets', () => {
  it('are generated once into the data folder, private, and reused', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dfo-secrets-'));
    const first = ensureDevSecrets(dataDir);
    expect(first.ACTION_LINK_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(statSync(devSecretsPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(ensureDevSecrets(dataDir)).toEqual(first);
    expect(JSON.parse(readFileSync(devSecretsPath(dataDir), 'utf8'))).toEqual(first);
    // Another clone gets its own.
    expect(ensureDevSecrets(mkdtempSync(path.join(tmpdir(), 'dfo-secrets-')))).not.toEqual(first);
  });

  it('reach the API and the worker by environment, a variable already set winning', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'dfo-secrets-'));
    const env = devSecretEnv({}, dataDir);
    expect(env.DFO_DEV_MODE).toBe('1');
    const config = loadConfig(env, 'worker');
    expect(config.journey.actionLinks).toMatchObject({
      secret: ensureDevSecrets(dataDir).ACTION_LINK_SECRET,
      secretSource: 'env',
    });
    const own = 'set-by-the-developer-0123456789-0123456789';
    expect(devSecretEnv({ ACTION_LINK_SECRET: own }, dataDir).ACTION_LINK_SECRET).toBeUndefined();
  });
});
