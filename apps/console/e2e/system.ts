/**
 * The real system for the browser tests, through the same launcher as `npm run up`
 * (dist/scripts/dev.js): API (serving the console's build), worker, Temporal dev server, the
 * MailCatcher and the embedded identity provider, on free loopback ports and a private state
 * folder (DEV_DATA_DIR), against a fresh database on the test PostgreSQL. Nothing is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RunningSystem {
  baseUrl: string;
  databaseUrl: string;
  mailboxUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startSystem(extraEnv: Record<string, string> = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dfo-console-e2e-'));
  const [api, temporal, temporalUi, smtp, mailbox, idp] = await Promise.all(
    Array.from({ length: 6 }, freePort),
  );
  const admin =
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const dbUrl = new URL(admin);
  dbUrl.pathname = `/dfo_console_e2e_${Date.now().toString(36)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DEV_DATA_DIR: dataDir,
    DATABASE_URL: dbUrl.toString(),
    API_PORT: String(api),
    DEV_TEMPORAL_PORT: String(temporal),
    DEV_TEMPORAL_UI_PORT: String(temporalUi),
    SMTP_PORT: String(smtp),
    DEV_MAILBOX_PORT: String(mailbox),
    DEV_IDP_PORT: String(idp),
    AUTH_JWKS_PATH: path.join(dataDir, 'auth', 'jwks.json'),
    // Many sign-ins and actions from one address within a minute.
    API_RATE_LIMIT_MAX: '10000',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/scripts/dev.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const up = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`system not up within 120 s:\n${output}`)),
      120_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('df-onboarding is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the launcher exited (${code}) before the system was up:\n${output}`));
    });
  });
  await up;
  return {
    baseUrl: `http://localhost:${api}`,
    databaseUrl: dbUrl.toString(),
    mailboxUrl: `http://localhost:${mailbox}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
