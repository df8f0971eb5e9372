/**
 * `npm run up` (after scripts/up.sh has installed and built everything): starts the whole system
 * on embedded defaults, prints where to look, and stops all of it cleanly on Ctrl-C or SIGTERM.
 *
 *   database  DATABASE_URL if set; else a local PostgreSQL cluster in .data/postgres (server
 *             binaries of the machine); else PGlite in .data/pglite (DEV_DATABASE forces a choice)
 *   temporal  TEMPORAL_ADDRESS if set; else `temporal server start-dev` (.data/temporal)
 *   mail      SMTP_URL/SMTP_HOST if set; else the MailCatcher (.data/mail) + mailbox web page
 *   auth      local ES256 key pair (AUTH_JWKS_PATH, default .data/auth/jwks.json) for bearer
 *             tokens; AUTH_OIDC_ISSUER if set, else the embedded OpenID provider (.data/idp) on
 *             DEV_IDP_PORT (3001) for browser sign-in
 *   api, worker  node dist/apps/{api,worker}/src/main.js
 *
 * Stop order: API and worker, Temporal, database, mail. Any child that dies unexpectedly stops
 * everything (exit 1). See docs/development.md.
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '../config/env';
import { migrate } from '../prisma/migrate';
import { ensureDatabase } from './database';
import { ensureLocalKeys } from './local-auth';
import { MailCatcher } from './mail-catcher';
import { buildBanner } from './dev/banner';
import { ManagedChild, describeExit, isAlive, say, stopLeftover } from './dev/child';
import { MailboxServer, MailStore, archivePreviousMail } from './dev/mailbox';
import { emailGallery } from '../activities/templates/gallery';
import { assertPortsFree } from './dev/ports';
import { startIdentityProvider, type RunningIdentityProvider } from './dev/identity-provider';
import { LocalPostgres, findPostgresBinDir } from './dev/postgres';
import type { RunningPglite } from './dev/pglite';
import {
  LOOPBACK,
  SettingsError,
  embeddedDatabaseUrl,
  embeddedPorts,
  redactUrl,
  resolveSettings,
  type DevSettings,
} from './dev/settings';
import { startTemporal, waitForTemporal } from './dev/temporal';

const API_MAIN = path.join('dist', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = path.join('dist', 'apps', 'worker', 'src', 'main.js');

/** Swagger UI's client at the embedded provider (public: PKCE, no secret). */
const DOCS_CLIENT_ID = 'df-onboarding-docs';

/** Thrown into the startup sequence once a shutdown has begun. */
class Cancelled extends Error {}

function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('cannot find the project root (package.json)');
  }
}

function rel(root: string, p: string): string {
  const r = path.relative(root, p);
  return r.startsWith('..') ? p : r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => Promise.reject(new Error(`${what}: no answer within ${ms / 1000} s`))),
  ]);
}

type DatabasePlan =
  | { kind: 'external'; url: string }
  | { kind: 'postgres'; cluster: LocalPostgres; port: number }
  | { kind: 'pglite'; port: number };

class DevStack {
  private mail?: MailCatcher;
  private mailbox?: MailboxServer;
  private cluster?: LocalPostgres;
  private pglite?: RunningPglite;
  private temporal?: ManagedChild;
  private api?: ManagedChild;
  private worker?: ManagedChild;
  private identity?: RunningIdentityProvider;
  private stopping?: Promise<void>;
  private readonly lockFile: string;

  constructor(
    private readonly s: DevSettings,
    private readonly config: AppConfig,
  ) {
    this.lockFile = path.join(s.dataDir, 'run', 'up.pid');
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  private check(): void {
    if (this.stopping) throw new Cancelled('stopping');
  }

  /** Only one `npm run up` per clone. */
  lock(): void {
    mkdirSync(path.dirname(this.lockFile), { recursive: true });
    if (existsSync(this.lockFile)) {
      const pid = Number(readFileSync(this.lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 1 && pid !== process.pid && isAlive(pid)) {
        let cmdline: string;
        try {
          cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          cmdline = 'dev.js'; // no procfs: trust the pid file
        }
        if (cmdline.includes('dev.')) {
          throw new Error(
            `npm run up is already running in this clone (pid ${pid}); stop it first (Ctrl-C there, or kill ${pid})`,
          );
        }
      }
    }
    writeFileSync(this.lockFile, `${process.pid}\n`);
  }

  private watch(child: ManagedChild): ManagedChild {
    void child.exited.then((info) => {
      if (child.stopping || this.stopping) return;
      say(`${child.name} stopped unexpectedly (${describeExit(info)}): stopping everything`);
      void this.shutdown(1);
    });
    return child;
  }

  planDatabase(): DatabasePlan {
    const db = this.s.database;
    if (db.mode === 'external') return { kind: 'external', url: db.url };
    if (db.mode === 'pglite') return { kind: 'pglite', port: db.port.port };
    const binDir = findPostgresBinDir();
    if (!binDir) {
      if (db.mode === 'postgres') {
        throw new Error(
          'DEV_DATABASE=postgres, but no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found',
        );
      }
      say('no PostgreSQL server binaries found (initdb/pg_ctl): using PGlite instead');
      return { kind: 'pglite', port: db.port.port };
    }
    try {
      const cluster = new LocalPostgres({
        binDir,
        dataDir: this.s.dataDir,
        port: db.port.port,
      });
      cluster.preflight();
      return { kind: 'postgres', cluster, port: db.port.port };
    } catch (err) {
      if (db.mode === 'postgres') throw err;
      say(`cannot run a local PostgreSQL (${(err as Error).message}): using PGlite instead`);
      return { kind: 'pglite', port: db.port.port };
    }
  }

  async start(): Promise<void> {
    const { s, config } = this;
    const t0 = Date.now();
    this.lock();

    // Leftovers of a run that was killed before it could clean up (kill -9, closed terminal).
    await stopLeftover(s.dataDir, 'api', API_MAIN, s.root);
    await stopLeftover(s.dataDir, 'worker', WORKER_MAIN, s.root);
    await stopLeftover(s.dataDir, 'temporal', path.join(s.dataDir, 'temporal'));
    const plan = this.planDatabase();
    if (plan.kind === 'postgres') plan.cluster.stopLeftover();

    await assertPortsFree(LOOPBACK, embeddedPorts(s));
    this.check();

    // Mail first: it is the last thing stopped.
    let smtp: { host: string; port: number } | undefined;
    if (s.mail.mode === 'embedded') {
      const dir = path.join(s.dataDir, 'mail');
      const kept = archivePreviousMail(dir);
      this.mail = new MailCatcher({ host: LOOPBACK, port: s.mail.smtpPort.port, saveDir: dir });
      await this.mail.start();
      this.mailbox = new MailboxServer(new MailStore(dir), {
        entries: emailGallery(),
        brand: config.journey.brand,
      });
      await this.mailbox.listen(s.mail.mailboxPort.port, LOOPBACK);
      smtp = { host: LOOPBACK, port: s.mail.smtpPort.port };
      say(
        `mail catcher on smtp://${LOOPBACK}:${smtp.port}, mailbox on http://localhost:${s.mail.mailboxPort.port}` +
          (kept ? ` (${kept} earlier message(s) kept)` : ''),
      );
    }
    this.check();

    // Database and Temporal start in parallel (each takes one to a few seconds).
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    const [db, temporalAddress] = await this.settle([
      this.startDatabase(plan, childEnv),
      this.startTemporal(childEnv),
    ]);
    this.check();

    const dbUrl = db.url;
    const tm = Date.now();
    await ensureDatabase(dbUrl);
    const { applied, alreadyApplied } = await migrate(dbUrl, config.database.schema);
    say(
      `migrations: ${applied.length} applied${applied.length ? ` (${applied.join(', ')})` : ''}, ` +
        `${alreadyApplied.length} already up to date (${Date.now() - tm} ms)`,
    );
    this.check();

    await ensureLocalKeys(config.auth.jwksPath);

    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: dbUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      ...(smtp ? { SMTP_HOST: smtp.host, SMTP_PORT: String(smtp.port) } : {}),
      // PGlite is one session shared by every connection: a LISTEN there would not receive its
      // notifications, so the read cache could serve stale runs. Off on PGlite, whatever is set.
      ...(this.pglite ? { READ_CACHE_ENABLED: 'false' } : {}),
    };
    // Links in emails follow a moved API port unless PUBLIC_BASE_URL says otherwise.
    if (!process.env.PUBLIC_BASE_URL && config.api.port !== 3000) {
      appEnv.PUBLIC_BASE_URL = `http://localhost:${config.api.port}`;
    }
    // Nest colours its logs unless NO_COLOR is set: keep escape codes out of piped output.
    if (!process.stdout.isTTY) appEnv.NO_COLOR ??= '1';
    if (s.identity.mode === 'embedded') {
      appEnv.AUTH_OIDC_ISSUER = `http://localhost:${s.identity.port.port}`;
      appEnv.AUTH_OIDC_DOCS_CLIENT_ID ??= DOCS_CLIENT_ID;
    }
    const appConfig = loadConfig(appEnv); // the children will accept it
    if (s.identity.mode === 'embedded') await this.startIdentity(appConfig, s.identity.port.port);
    for (const main of [API_MAIN, WORKER_MAIN]) {
      if (!existsSync(path.join(s.root, main))) {
        throw new Error(`${main} is missing: build first (npx tsc -p tsconfig.build.json)`);
      }
    }
    this.check();
    const node = process.execPath;
    const options = { cwd: s.root, env: appEnv, dataDir: s.dataDir };
    this.worker = this.watch(new ManagedChild('worker', node, [WORKER_MAIN], options));
    this.api = this.watch(new ManagedChild('api', node, [API_MAIN], options));
    const workerStarted = this.worker.waitForLine(/worker started/, 60_000);
    workerStarted.catch(() => undefined); // observed below
    await this.waitForApi(appConfig);
    try {
      await workerStarted;
    } catch (err) {
      this.check();
      if (!this.worker.running) throw err;
      say(`warning: ${(err as Error).message}; the worker is still running, see [worker] lines`);
    }
    this.check();

    console.log(
      `\n${buildBanner({
        root: s.root,
        apiPort: appConfig.api.port,
        temporal: {
          address: temporalAddress,
          uiUrl:
            s.temporal.mode === 'embedded'
              ? `http://localhost:${s.temporal.uiPort.port}`
              : undefined,
        },
        mail:
          s.mail.mode === 'embedded' && smtp
            ? {
                mailboxUrl: `http://localhost:${s.mail.mailboxPort.port}`,
                emlGlob: `${rel(s.root, path.join(s.dataDir, 'mail'))}/*.eml`,
                smtp: `${smtp.host}:${smtp.port}`,
              }
            : undefined,
        database: { url: redactUrl(dbUrl), description: db.description },
        logsGlob: `${rel(s.root, path.join(s.dataDir, 'logs'))}/*.log`,
        signIn: appConfig.auth.oidc && {
          issuer: appConfig.auth.oidc.issuer,
          embedded: s.identity.mode === 'embedded',
        },
        node: process.version,
      })}\n`,
    );
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  /** Like Promise.all, but waits for every promise, so that nothing is left starting. */
  private async settle<A, B>(promises: [Promise<A>, Promise<B>]): Promise<[A, B]> {
    const [a, b] = await Promise.allSettled(promises);
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
    return [a.value, b.value];
  }

  private async startDatabase(
    plan: DatabasePlan,
    env: NodeJS.ProcessEnv,
  ): Promise<{ url: string; description: string }> {
    const t = Date.now();
    const took = () => `${Date.now() - t} ms`;
    if (plan.kind === 'external') {
      say(`database: ${redactUrl(plan.url)} (DATABASE_URL)`);
      return { url: plan.url, description: 'DATABASE_URL' };
    }
    const dir = (name: string) => rel(this.s.root, path.join(this.s.dataDir, name));
    if (plan.kind === 'postgres') {
      this.cluster = plan.cluster;
      await plan.cluster.start(env, (child) => this.watch(child));
      say(`PostgreSQL ${plan.cluster.major ?? ''} ready on ${LOOPBACK}:${plan.port} (${took()})`);
      return {
        url: embeddedDatabaseUrl('postgres', plan.port),
        description: `local PostgreSQL ${plan.cluster.major ?? ''}, data in ${dir('postgres')}`,
      };
    }
    // Loaded only when used: PGlite is a large WebAssembly module.
    const { startPglite } = await import('./dev/pglite.js');
    this.pglite = await startPglite(this.s.dataDir, plan.port);
    say(`PGlite ready on ${LOOPBACK}:${plan.port} (${took()})`);
    return { url: this.pglite.url, description: `PGlite, data in ${dir('pglite')}` };
  }

  private async startTemporal(env: NodeJS.ProcessEnv): Promise<string> {
    const t = this.s.temporal;
    if (t.mode === 'external') {
      say(`Temporal: ${t.address} (TEMPORAL_ADDRESS)`);
      await waitForTemporal(t.address, undefined, 30_000);
      return t.address;
    }
    const started = Date.now();
    this.temporal = this.watch(
      startTemporal({
        root: this.s.root,
        dataDir: this.s.dataDir,
        port: t.port.port,
        uiPort: t.uiPort.port,
        namespace: this.config.temporal.namespace,
        env,
      }),
    );
    const address = `${LOOPBACK}:${t.port.port}`;
    await waitForTemporal(address, this.temporal);
    say(
      `Temporal ready on ${address}, Web UI on port ${t.uiPort.port} (${Date.now() - started} ms)`,
    );
    return address;
  }

  /** The embedded OpenID provider, with the API and Swagger UI registered as its clients. */
  private async startIdentity(appConfig: AppConfig, port: number): Promise<void> {
    const oidc = appConfig.auth.oidc!;
    const base = appConfig.api.publicBaseUrl;
    this.identity = await startIdentityProvider({
      port,
      host: LOOPBACK,
      issuer: oidc.issuer,
      dataDir: path.join(this.s.dataDir, 'idp'),
      apiAudience: appConfig.auth.audience,
      rolesClaim: appConfig.auth.rolesClaim,
      clients: [
        {
          client_id: oidc.clientId,
          client_secret: oidc.clientSecret,
          client_name: 'Digital Factory Onboarding',
          redirect_uris: [oidc.redirectUri],
          post_logout_redirect_uris: [oidc.postLogoutRedirectUri],
        },
        {
          client_id: oidc.docsClientId ?? DOCS_CLIENT_ID,
          client_name: 'API docs (Swagger UI)',
          redirect_uris: [`${base}/docs/oauth2-redirect.html`],
        },
      ],
    });
    say(`identity provider (OpenID Connect) on ${this.identity.issuer}, keys in .data/idp`);
  }

  private async waitForApi(config: AppConfig): Promise<void> {
    const host = ['0.0.0.0', '::', ''].includes(config.api.host) ? LOOPBACK : config.api.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.api.port}/health/ready`;
    const deadline = Date.now() + 90_000;
    let last: string;
    for (;;) {
      this.check();
      if (this.api && !this.api.running) {
        throw new Error(`the API exited during startup (${describeExit(this.api.exitStatus!)})`);
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
        if (res.status === 200) return;
        last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`${url} is not ready after 90 s (${last})`);
      await sleep(300);
    }
  }

  /** Stops everything (API and worker, Temporal, database, mail), then exits with `code`. */
  shutdown(code: number): Promise<void> {
    this.stopping ??= this.stopAll().then(() => {
      say(code === 0 ? 'stopped' : `stopped (exit ${code})`);
      process.exit(code);
    });
    return this.stopping;
  }

  /** Second Ctrl-C: no more waiting. */
  killAll(): void {
    for (const child of [this.api, this.worker, this.temporal, this.cluster?.process])
      child?.kill();
  }

  private async step(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (err) {
      say(`while stopping ${what}: ${(err as Error).message}`);
    }
  }

  private async stopAll(): Promise<void> {
    if (this.api || this.worker) say('stopping: API and worker...');
    await Promise.all([
      this.step('the API', () => this.api?.stop('SIGTERM', 15_000) ?? Promise.resolve()),
      this.step('the worker', () => this.worker?.stop('SIGTERM', 30_000) ?? Promise.resolve()),
    ]);
    if (this.identity) {
      await this.step('the identity provider', () => this.identity!.close());
    }
    if (this.temporal) {
      say('stopping: Temporal...');
      await this.step('Temporal', () => this.temporal!.stop('SIGTERM', 15_000));
    }
    if (this.cluster) {
      say('stopping: PostgreSQL...');
      await this.step('PostgreSQL', () => this.cluster!.stop());
    }
    if (this.pglite) {
      say('stopping: PGlite...');
      await this.step('PGlite', () => this.pglite!.stop());
    }
    if (this.mail || this.mailbox) {
      say('stopping: mail...');
      await this.step('the mailbox', () => this.mailbox?.close() ?? Promise.resolve());
      await this.step('the mail catcher', () =>
        withTimeout(this.mail?.stop() ?? Promise.resolve(), 5_000, 'mail catcher'),
      );
    }
    try {
      if (readFileSync(this.lockFile, 'utf8').trim() === String(process.pid)) rmSync(this.lockFile);
    } catch {
      // no lock file
    }
  }
}

async function main(): Promise<void> {
  const root = projectRoot();
  process.chdir(root);
  let settings: DevSettings;
  let config: AppConfig;
  try {
    settings = resolveSettings(process.env, root);
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof SettingsError || err instanceof ConfigError) {
      say(err.message);
      process.exit(2);
    }
    throw err;
  }
  const stack = new DevStack(settings, config);

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      say(`${signal}: stopping everything (Ctrl-C again to kill at once)`);
      void stack.shutdown(0);
    } else {
      say(`${signal} again: killing everything`);
      stack.killAll();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // `npm run up` runs us under `sh -c`: npm forwards SIGTERM to that shell, which dies without
  // passing it on. Being re-parented means whoever started us is gone: stop as for SIGTERM.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && signals === 0) onSignal('SIGTERM');
  }, 500).unref();
  // Output may go to a pipe whose reader is gone: never let EPIPE abort a shutdown.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  try {
    await stack.start();
  } catch (err) {
    if (err instanceof Cancelled || stack.isStopping) return; // a shutdown is under way
    say(`cannot start: ${(err as Error).message}`);
    await stack.shutdown(1);
  }
}

main().catch((err: unknown) => {
  say(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
