import { createServer, type Server } from 'node:net';
import { buildBanner, EXAMPLE_HIRE, exampleCommands } from './banner';
import { LineSplitter, prefix } from './lines';
import { assertPortFree, assertPortsFree } from './ports';
import { majorVersion, newestFirst } from './postgres';
import { startDevArgs } from './temporal';

describe('LineSplitter', () => {
  it('returns whole lines and keeps the partial tail until flushed', () => {
    const s = new LineSplitter();
    expect(s.push('a\nb')).toEqual(['a']);
    expect(s.push('c\r\nd\n\n')).toEqual(['bc', 'd', '']);
    expect(s.push('tail')).toEqual([]);
    expect(s.flush()).toEqual(['tail']);
    expect(s.flush()).toEqual([]);
  });

  it('prefixes with a padded name, coloured on request', () => {
    expect(prefix('api', 8, false)).toBe('[api]      ');
    const esc = String.fromCharCode(27);
    const coloured = prefix('api', 8, true);
    expect(coloured.startsWith(esc)).toBe(true);
    expect(coloured.endsWith(`[api]     ${esc}[0m `)).toBe(true);
  });
});

describe('PostgreSQL binaries', () => {
  it('prefers the newest major version', () => {
    expect(newestFirst(['13', '15', 'README', '9.6', '16'])).toEqual(['16', '15', '13', '9.6']);
  });

  it('reads the major version from `postgres --version`', () => {
    expect(majorVersion('postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)')).toBe('15');
    expect(majorVersion('postgres (PostgreSQL) 9.6.24')).toBe('9.6');
    expect(majorVersion('nonsense')).toBeUndefined();
  });
});

describe('temporal start-dev arguments', () => {
  it('binds to loopback, persists state and creates a non-default namespace', () => {
    const args = startDevArgs({ dbFile: '/d/t.db', port: 7233, uiPort: 8233, namespace: 'hr' });
    expect(args.join(' ')).toContain(
      'server start-dev --ip 127.0.0.1 --port 7233 --ui-port 8233 --db-filename /d/t.db --log-level warn --namespace hr',
    );
    expect(startDevArgs({ dbFile: 'x', port: 1, uiPort: 2, namespace: 'default' })).not.toContain(
      '--namespace',
    );
  });
});

describe('ports', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('names the busy port and the variable that moves it', async () => {
    await expect(
      assertPortFree('127.0.0.1', { port, envVar: 'DEV_TEMPORAL_PORT', label: 'Temporal' }),
    ).rejects.toThrow(
      new RegExp(`Port ${port} on 127.0.0.1 \\(Temporal\\) is already in use.*DEV_TEMPORAL_PORT=`),
    );
  });

  it('passes for a free port and reports every busy one', async () => {
    await expect(
      assertPortsFree('127.0.0.1', [{ port: 0, envVar: 'X', label: 'x' }]),
    ).resolves.toBeUndefined();
    await expect(
      assertPortsFree('127.0.0.1', [
        { port, envVar: 'A_PORT', label: 'a' },
        { port, envVar: 'B_PORT', label: 'b' },
      ]),
    ).rejects.toThrow(/A_PORT=.*\n.*B_PORT=/s);
  });
});

describe('banner', () => {
  const banner = buildBanner({
    root: '/repo',
    apiPort: 3000,
    temporal: { address: '127.0.0.1:7233', uiUrl: 'http://localhost:8233' },
    mail: {
      mailboxUrl: 'http://localhost:1080',
      emlGlob: '.data/mail/*.eml',
      smtp: '127.0.0.1:1025',
    },
    database: { url: 'postgresql://postgres@127.0.0.1:54329/df_onboarding', description: 'local' },
    logsGlob: '.data/logs/*.log',
    signIn: { issuer: 'http://localhost:3001', embedded: true },
    node: 'v26.12.1',
  });

  it('says where to look', () => {
    for (const s of [
      'http://localhost:3000',
      'http://localhost:3000/console/',
      'http://localhost:3000/docs',
      'http://localhost:3000/openapi.json',
      'http://localhost:8233',
      'http://localhost:1080',
      '.data/mail/*.eml',
      'postgresql://postgres@127.0.0.1:54329/df_onboarding',
      'Node.js v26.12.1',
      'http://localhost:3000/auth/login',
      'http://localhost:3001',
    ]) {
      expect(banner).toContain(s);
    }
  });

  it('shows a ready-to-paste example that posts the demo hire', () => {
    const lines = exampleCommands('http://localhost:3000');
    expect(lines[0]).toBe('TOKEN=$(npm run -s token -- HR hr-demo)');
    expect(lines.join('\n')).toContain('-X POST http://localhost:3000/v1/onboardings');
    expect(lines.join('\n')).toContain(`-d '${JSON.stringify(EXAMPLE_HIRE)}'`);
    expect(EXAMPLE_HIRE).toMatchObject({
      fullName: 'Kodjo Mensah',
      email: 'kodjo.mensah@example.tg',
      locale: 'fr',
      techLead: { sub: 'tl-akossiwa' },
    });
    expect(EXAMPLE_HIRE.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const l of lines) expect(banner).toContain(l);
  });
});
