/**
 * `npm run bench:browser` (in apps/console): how fast HR's runs list shows its first page on the
 * 10,000-run data set of `npm run bench:api`, measured in the real browser (Debian chromium) on
 * the real system. Prints figures; asserts nothing (docs/console.md records them).
 *
 * Per round: a fresh navigation to /console/runs, timed until the first row is visible, plus the
 * API's own time for GET /v1/onboardings from the browser's resource timing.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startSystem } from '../e2e/system.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
// The server's own seeding (compiled by the root build) and its `pg`: the console has neither.
const { seedRuns } = require(path.join(ROOT, 'dist/scripts/bench/seed-runs.js')) as {
  seedRuns: (url: string, count: number, planId: string) => Promise<void>;
};
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: { id: string }[] }>;
  end(): Promise<void>;
}
const pg = require(path.join(ROOT, 'node_modules/pg')) as {
  Client: new (options: { connectionString: string }) => PgClient;
};

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const system = await startSystem();
try {
  const db = new pg.Client({ connectionString: system.databaseUrl });
  await db.connect();
  const plan = await db.query('SELECT id FROM plan ORDER BY created_at LIMIT 1');
  await db.end();
  const t0 = Date.now();
  await seedRuns(system.databaseUrl, RUNS, plan.rows[0].id);
  console.log(`[bench] seeded ${RUNS} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu'],
  });
  const page = await browser.newPage({ baseURL: system.baseUrl, locale: 'fr-FR' });
  await page.goto('/console/runs');
  await page.getByRole('button', { name: /Afi Dossou/ }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/console'));
  await page.locator('li.run-row').first().waitFor();

  const shown: number[] = [];
  const api: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = Date.now();
    await page.goto('/console/runs', { waitUntil: 'commit' });
    await page.locator('li.run-row').first().waitFor();
    shown.push(Date.now() - start);
    api.push(
      await page.evaluate(() => {
        const list = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/v1/onboardings'));
        return list.length ? list[list.length - 1].duration : NaN;
      }),
    );
  }
  await browser.close();
  const fmt = (xs: number[]) =>
    `median ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
  console.log(`[bench] runs list, ${RUNS} runs, ${ROUNDS} fresh loads (first page of 20 rows)`);
  console.log(`[bench]   navigation → first row visible: ${fmt(shown)}`);
  console.log(`[bench]   GET /v1/onboardings (resource timing): ${fmt(api)}`);
} finally {
  await system.stop();
}
