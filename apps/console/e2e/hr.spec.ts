/**
 * What HR does beyond issue 13's scenarios (issue 15 and the console's HR polish): search and
 * filter the runs list, see a new run's planned steps, name a peer guide, start the leaving
 * journey and see it on the run page. Checked by axe-core, photographed (fr/en, desktop/360 px).
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, screenshots, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

const day = (n: number) => new Date(Date.now() + n * 86_400_000);
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The first Monday to Friday at least `n` days ahead (the API refuses a weekend last day). */
function weekdayIn(n: number): string {
  let d = day(n);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 86_400_000);
  return iso(d);
}

/** A calendar day in words as the console echoes it under a date input (fr: "lundi 7 décembre 2026"). */
const inWords = (isoDay: string, locale = 'fr-FR') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T12:00:00Z`),
  );
/** An audit action key as the engine writes it (`run.created`, `access.grant_retried`). */
const ACTION_KEY = /^[a-z]+\.[a-z_-]+$/;

const HIRE = { name: 'Mawuli Tetteh', email: 'mawuli.tetteh@example.tg' };
let runId = '';

test('HR starts a run and sees the plan’s future steps with their planned dates', async ({
  page,
}) => {
  await signInAs(page, 'hr', '/console/runs/new');
  await page.getByLabel('Nom complet').fill(HIRE.name);
  await page.getByLabel('Adresse e-mail', { exact: true }).first().fill(HIRE.email);
  const firstDay = weekdayIn(7);
  const startDate = page.getByLabel('Premier jour de travail');
  await startDate.fill(firstDay);
  // Chromium shows mm/dd/yyyy whatever the page's language: the day is echoed in words, in French,
  // and is the input's accessible description.
  await expect(page.locator('#startDate-day')).toHaveText(inWords(firstDay));
  await expect(startDate).toHaveAccessibleDescription(inWords(firstDay));
  await expectAccessible(page);
  await screenshots(page, 'start-run-day');
  await page.getByLabel('Identifiant').fill('tl-akossiwa');
  await page.getByLabel('Nom', { exact: true }).fill('Akossiwa Lawson');
  await page.locator('#tlEmail').fill('akossiwa.lawson@example.tg');
  await page.getByRole('button', { name: 'Démarrer le parcours' }).click();
  await page.waitForURL(/\/console\/runs\/[0-9a-f-]{36}$/);
  runId = page.url().split('/').pop()!;

  // The plan by its title, not its key; steps not opened yet are listed as planned.
  await expect(page.locator('.facts')).toContainText('Intégration — Développeur·se Rust');
  const tour = page.locator('li.step').filter({ hasText: 'Observabilité et profilage' });
  await expect(tour).toContainText('Prévu');
  await expect(tour).toContainText('Prévu le');

  // The audit trail says what happened in words, never the engine's action keys.
  const audit = page.locator('table.audit');
  await expect(audit).toContainText('Parcours créé');
  await expect(audit).toContainText('Parcours démarré ou repris');
  const actions = await audit.locator('tbody td:nth-child(3)').allInnerTexts();
  expect(actions.length).toBeGreaterThan(1);
  expect(actions.filter((a) => ACTION_KEY.test(a.trim()))).toEqual([]);
  // ... and who did it by name: the HR officer by the name she signed in with, not her `sub`.
  const actors = await audit.locator('tbody td:nth-child(2)').allInnerTexts();
  expect(actors).toContain('Afi Dossou');
  expect(actors.filter((a) => a.includes('hr-demo'))).toEqual([]);
  await expectAccessible(page);
});

test('HR names a peer guide for a tour', async ({ page }) => {
  await signInAs(page, 'hr', `/console/runs/${runId}`);
  await page.getByRole('button', { name: 'Nommer un pair guide' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Visite')
    .selectOption({ label: 'Services asynchrones et couche de données' });
  await dialog.getByLabel('Identifiant du pair').fill('peer-kafui');
  await dialog.getByLabel('Nom du pair').fill('Kafui Agbeko');
  await dialog.getByLabel('Courriel du pair').fill('kafui.agbeko@example.tg');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Nommer un pair guide' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Guide actuel : Kafui Agbeko')).toBeVisible();
});

test('HR starts the leaving journey and sees it on the run page', async ({ page }) => {
  await signInAs(page, 'hr', `/console/runs/${runId}`);
  await page.getByRole('button', { name: 'Démarrer le départ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('ces accès seront révoqués');
  const field = dialog.getByLabel('Dernier jour');
  await expect(field).toHaveAttribute('lang', 'fr-FR');
  await dialog.getByLabel('Motif').fill('Démission');
  let lastDay = weekdayIn(21);
  await field.fill(lastDay);
  await expect(field).toHaveAccessibleDescription(inWords(lastDay));
  await expect(dialog).toContainText(
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${lastDay}T00:00:00Z`),
    ),
  );
  await expectAccessible(page);
  await screenshots(page, 'leaving-dialog');
  // A weekday may still be a public holiday: the API refuses it on the field; the next is tried.
  for (let ahead = 22; ; ahead += 1) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/offboarding'));
    await dialog.getByRole('button', { name: 'Démarrer le départ' }).click();
    const response = await answer;
    if (response.status() !== 400) {
      expect(response.status(), await response.text()).toBe(202);
      break;
    }
    await expect(dialog.getByText('doit être un jour ouvré')).toBeVisible();
    lastDay = weekdayIn(ahead);
    await field.fill(lastDay);
    await expect(field).toHaveAccessibleDescription(new RegExp(`^${inWords(lastDay)}`));
  }
  await expect(dialog).toBeHidden();

  const panel = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: /^Départ/, level: 2 }) });
  await expect(panel).toContainText('Démission');
  // Its steps by their titles in the leaving plan, never their ids.
  await expect(panel).toContainText('Passation des travaux en cours');
  await expect(panel).not.toContainText('leaving-handover');
  await expect(panel).toContainText(
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${lastDay}T00:00:00Z`),
    ),
  );
  // Started once: the control is gone, the emergency revocation stays.
  await expect(page.getByRole('button', { name: 'Démarrer le départ' })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Révoquer tous les accès maintenant' }),
  ).toBeVisible();
  // The audit trail names the people, not their identifiers.
  await expect(page.locator('table.audit')).not.toContainText('hire:');
  await expectAccessible(page);
  await screenshots(page, 'run-leaving');

  await page.getByRole('button', { name: 'Révoquer tous les accès maintenant' }).click();
  await expect(page.getByRole('dialog')).toContainText('Urgence');
  await expectAccessible(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Fermer sans rien faire' }).click();
});

test('HR finds a run by name, plan, phase and trial end', async ({ page }) => {
  await signInAs(page, 'hr', '/console/runs');
  await page.getByLabel('Nom de la personne').fill('mawuli');
  await page
    .getByLabel('Plan')
    .selectOption({ label: 'Intégration — Développeur·se Rust (backend), Digital Factory' });
  await page.getByLabel('Phase').selectOption({ label: 'Avant l’arrivée' });
  // The start-date filters echo their day in words too; a wide range keeps the run.
  const from = iso(day(-30));
  await page.getByLabel('Début à partir du').fill(from);
  await expect(page.getByLabel('Début à partir du')).toHaveAccessibleDescription(inWords(from));
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=mawuli/);
  await expect(page).toHaveURL(new RegExp(`startDateFrom=${from}`));
  // Kept in the URL, the filter's day is still said in words after the list reloads.
  await expect(page.locator('#f-from-day')).toHaveText(inWords(from));
  const rows = page.locator('li.run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(HIRE.name);
  await expectAccessible(page);
  await screenshots(page, 'runs-search');

  // No trial decision is open on this new run: the trial filter leaves nothing.
  await page.getByLabel('Fin d’essai dans (jours)').fill('366');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/trialEndingWithinDays=366/);
  await expect(rows).toHaveCount(0);
  await expect(page.getByText(HIRE.name)).toHaveCount(0);
  await expectAccessible(page);
});
