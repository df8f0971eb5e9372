/** Sign-in through the embedded provider's page, axe-core checks and screenshots. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../screenshots',
);

export const PEOPLE = {
  hr: 'Afi Dossou',
  akossiwa: 'Akossiwa Lawson',
  yao: 'Yao Agbeko',
  kodjo: 'Kodjo Mensah',
  essi: 'Essi Folly',
  it: 'Kossi Amegah',
  head: 'Ama Kpodar',
} as const;

/** Opens `path` signed out, lands on the provider's page, picks the person, comes back to `path`. */
export async function signInAs(
  page: Page,
  who: keyof typeof PEOPLE,
  target = '/console/',
): Promise<void> {
  await page.goto(target);
  await page.getByRole('button', { name: new RegExp(PEOPLE[who]) }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/console'));
  await expect(page.getByRole('button', { name: /Se déconnecter|Sign out/ })).toBeVisible();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // Through DevTools, not a <script> tag: the console's CSP rightly refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Full-page screenshots of the current page in fr and en, desktop and 360 px wide. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const desktop = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const lang of ['fr', 'en'] as const) {
    await page
      .getByRole('banner')
      .getByLabel(/Langue|Language/)
      .selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const [label, size] of [
      ['desktop', { width: 1280, height: 900 }],
      ['360', { width: 360, height: 780 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${name}-${lang}-${label}.png`),
        fullPage: true,
      });
    }
  }
  await page
    .getByRole('banner')
    .getByLabel(/Langue|Language/)
    .selectOption('fr');
  await page.setViewportSize(desktop);
}
