/**
 * `npm run bench:browser` (in apps/console): how fast HR's runs list shows its first page on the
 * 10,000-run data set of `npm run bench:api`, measured in the real browser (Debian chromium) on
 * the real system. Prints figures; asserts nothing (docs/console.md records them).
 *
 * Per round: a fresh navigation to /console/runs, timed until the first row is visible, plus the
 * API's own time for GET /v1/onboardings from the browser's resource timing. Then the name search:
 * on the loaded list, a name typed in the search field and Enter, timed until the filtered first
 * page shows, for a name that one run has ("Bench Hire 5000") and for a prefix that 111 runs share
 * ("hire 27": 27, 270–279, 2700–2799). Each round searches a different name, so no answer comes
 * from the API's read cache (docs/performance.md), and none of them is on the unfiltered page.
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
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
const fmt = (xs: number[]) =>
  `median ${pct(xs, 0.5).toFixed(0)} ms, p95 ${pct(xs, 0.95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;

/**
 * The browser's own time for a GET /v1/onboardings of this document whose URL contains `part`:
 * the last one, or the first (a search's own request, not a later 5-second refresh).
 */
function listRequestTime(page: Page, part: string, which: 'first' | 'last'): Promise<number> {
  return page.evaluate(
    ([p, w]) => {
      const list = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/v1/onboardings') && e.name.includes(p));
      if (!list.length) return NaN;
      return (w === 'first' ? list[0] : list[list.length - 1]).duration;
    },
    [part, which] as const,
  );
}

/**
 * Rounds of: the unfiltered list loaded, `term(i)` typed in the search field, Enter, timed until a
 * row matching `shows(i)` is visible (the filtered first page: the unfiltered one has none).
 */
async function nameSearch(
  page: Page,
  term: (i: number) => { typed: string; number: number },
  shows: (i: number) => RegExp,
): Promise<{ shown: number[]; api: number[] }> {
  const shown: number[] = [];
  const api: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await page.goto('/console/runs');
    await page.locator('li.run-row').first().waitFor();
    const field = page.getByLabel('Nom de la personne');
    const { typed, number } = term(i);
    await field.fill(typed);
    const start = Date.now();
    await field.press('Enter');
    await page
      .locator('li.run-row .run-name')
      .filter({ hasText: shows(i) })
      .first()
      .waitFor();
    shown.push(Date.now() - start);
    api.push(await listRequestTime(page, String(number), 'first'));
  }
  return { shown, api };
}

/** The machine's 1-minute load average: the figures mean little without it on shared cores. */
const load = () => loadavg()[0].toFixed(1);
const loadAtStart = load();
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
    api.push(await listRequestTime(page, '', 'last'));
  }
  const oneMatch = (i: number) => 5000 + i * 37;
  const one = await nameSearch(
    page,
    (i) => ({ typed: `Bench Hire ${oneMatch(i)}`, number: oneMatch(i) }),
    (i) => new RegExp(`^Bench Hire ${oneMatch(i)}$`),
  );
  const prefix = (i: number) => 27 + i * 7;
  const many = await nameSearch(
    page,
    (i) => ({ typed: `hire ${prefix(i)}`, number: prefix(i) }),
    (i) => new RegExp(`^Bench Hire ${prefix(i)}\\d*$`),
  );
  await browser.close();
  console.log(`[bench] load average (1 min): ${loadAtStart} at start, ${load()} at the end`);
  console.log(`[bench] runs list, ${RUNS} runs, ${ROUNDS} fresh loads (first page of 20 rows)`);
  console.log(`[bench]   navigation → first row visible: ${fmt(shown)}`);
  console.log(`[bench]   GET /v1/onboardings (resource timing): ${fmt(api)}`);
  console.log(`[bench] name search, ${ROUNDS} names each, typed then Enter on the loaded list`);
  console.log(
    `[bench]   one match each ("Bench Hire 5000", "Bench Hire 5037", …): Enter → filtered row visible: ${fmt(one.shown)}`,
  );
  console.log(`[bench]     GET /v1/onboardings?q= (resource timing): ${fmt(one.api)}`);
  console.log(
    `[bench]   111 matches each ("hire 27", "hire 34", …): Enter → filtered first page visible: ${fmt(many.shown)}`,
  );
  console.log(`[bench]     GET /v1/onboardings?q= (resource timing): ${fmt(many.api)}`);
} finally {
  await system.stop();
}
