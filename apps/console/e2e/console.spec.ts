/**
 * The console's scenarios (issue 13) on the real system, in order: they share the runs they
 * create. Each page is checked by axe-core and photographed (fr/en, desktop/360 px).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, screenshots, signInAs } from './support';

test.describe.configure({ mode: 'serial' });

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let kodjoRunId = '';
let otherRunId = '';

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function fillStartForm(
  page: Page,
  hire: { name: string; email: string },
  lead: { sub: string; name: string; email: string },
) {
  await page.getByLabel('Nom complet').fill(hire.name);
  await page.getByLabel('Adresse e-mail', { exact: true }).first().fill(hire.email);
  await page.getByLabel('Premier jour de travail').fill(inDays(3));
  await page.getByLabel('Identifiant').fill(lead.sub);
  await page.getByLabel('Nom', { exact: true }).fill(lead.name);
  await page.locator('#tlEmail').fill(lead.email);
}

test('HR signs in, starts a run, sees it in the list with its progress, opens its timeline', async ({
  page,
}) => {
  await signInAs(page, 'hr', '/console/runs/new');
  await expect(page.getByRole('heading', { name: 'Démarrer un parcours' })).toBeVisible();
  await expectAccessible(page);

  // The API's field errors land on the fields.
  await page.getByRole('button', { name: 'Démarrer le parcours' }).click();
  await expect(page.getByLabel('Nom complet')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('erreurs');
  await screenshots(page, 'start-run-errors');

  await fillStartForm(
    page,
    { name: 'Kodjo Mensah', email: 'kodjo.mensah@example.tg' },
    { sub: 'tl-akossiwa', name: 'Akossiwa Lawson', email: 'akossiwa.lawson@example.tg' },
  );
  await page.getByRole('button', { name: 'Démarrer le parcours' }).click();
  await page.waitForURL(/\/console\/runs\/[0-9a-f-]{36}$/);
  kodjoRunId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { name: 'Kodjo Mensah', level: 1 })).toBeVisible();

  await page.goto('/console/runs');
  const row = page.getByRole('listitem').filter({ hasText: 'Kodjo Mensah' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('progressbar')).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'runs-list');

  await row.getByRole('link', { name: 'Kodjo Mensah' }).click();
  await expect(page.getByRole('heading', { name: 'Chronologie du parcours' })).toBeVisible();
  await expect(page.locator('li.step').filter({ hasText: 'Compte annuaire et SSO' })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'run-timeline');

  // A second start for the same hire leads to the existing run.
  await page.goto('/console/runs/new');
  await fillStartForm(
    page,
    { name: 'Kodjo Mensah', email: 'kodjo.mensah@example.tg' },
    { sub: 'tl-akossiwa', name: 'Akossiwa Lawson', email: 'akossiwa.lawson@example.tg' },
  );
  await page.getByRole('button', { name: 'Démarrer le parcours' }).click();
  await page.getByRole('link', { name: 'Ouvrir le parcours existant' }).click();
  await expect(page).toHaveURL(new RegExp(`/console/runs/${kodjoRunId}$`));
});

/** IT confirms the manual grant of `stepId` in its queue (no connector in the embedded setup). */
/** Provisions the grant whose step title (what IT reads in its queue) is `title`. */
async function provision(it: Page, title: string): Promise<void> {
  const task = it.locator('li.task').filter({ hasText: title }).first();
  await expect(task).toBeVisible();
  await task.getByLabel('Référence du compte ou du ticket').fill(`TICKET-${title}`);
  await task.getByRole('button', { name: 'Envoyer' }).click();
  await expect(it.locator('li.task').filter({ hasText: title })).toHaveCount(0);
}

test('IT provisions the first grants from its queue', async ({ browser }) => {
  const it = await newPage(browser);
  await signInAs(it, 'it', '/console/inbox');
  await expect(it.getByRole('heading', { name: 'Mes tâches' })).toBeVisible();
  await expect(it.locator('li.task').filter({ hasText: 'Compte annuaire et SSO' })).toBeVisible();
  await expectAccessible(it);
  await screenshots(it, 'it-queue');
  await provision(it, 'Compte annuaire et SSO');
  await provision(it, 'Accès VPN');
  await it.context().close();
});

test('the hire acknowledges the security document (a wrong hash is refused) and sees progress', async ({
  page,
}) => {
  await signInAs(page, 'kodjo', '/console/journey');
  await expect(page.getByRole('heading', { name: 'Mon parcours' })).toBeVisible();
  const task = page
    .locator('li.task')
    .filter({ hasText: 'Prendre connaissance d’un document' })
    .first();
  await expect(task).toBeVisible();
  const progress = page.getByRole('progressbar').first();
  const before = await progress.getAttribute('aria-label');
  await expectAccessible(page);
  await screenshots(page, 'journey');

  // Tamper with the request as a forged client would: the workflow's validator refuses it.
  await page.route('**/v1/tasks/*/complete', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
    await route.continue({ postData: JSON.stringify({ ...body, contentHash: '0'.repeat(64) }) });
  });
  await task.getByRole('button', { name: 'J’ai lu ce document et je l’accepte' }).click();
  await expect(task.getByRole('alert')).toBeVisible();
  await screenshots(page, 'journey-refused');
  await page.unroute('**/v1/tasks/*/complete');

  // The step has five documents: each is acknowledged with its own version and hash.
  const ackTasks = page
    .locator('li.task')
    .filter({ hasText: 'Prendre connaissance d’un document' });
  for (let left = await ackTasks.count(); left > 0; left -= 1) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/complete'));
    await ackTasks
      .first()
      .getByRole('button', { name: 'J’ai lu ce document et je l’accepte' })
      .click();
    const response = await answer;
    expect(response.status(), await response.text()).toBe(200);
    await expect(ackTasks).toHaveCount(left - 1);
  }
  await expect(
    page.locator('.checklist li').filter({ hasText: 'Lire et accepter les règles de sécurité' }),
  ).toContainText('Fait');
  await expect(progress).not.toHaveAttribute('aria-label', before ?? '');
});

test('the tech lead approves access in the inbox; HR sees the step done without a reload', async ({
  browser,
}) => {
  const hr = await newPage(browser);
  await signInAs(hr, 'hr', `/console/runs/${kodjoRunId}`);
  const step = hr.locator('li.step').filter({ hasText: 'Base de production en lecture seule' });
  await expect(step).toContainText('En attente d’approbation');

  const lead = await newPage(browser);
  await signInAs(lead, 'akossiwa', '/console/inbox');
  const task = lead.locator('li.task').filter({ hasText: 'Approuver un accès' }).first();
  await expect(task).toBeVisible();
  // A tech lead with several hires sees whom each task is about.
  await expect(task.getByRole('link', { name: 'Parcours de Kodjo Mensah' })).toBeVisible();
  await expectAccessible(lead);
  await screenshots(lead, 'inbox');
  await task.getByRole('button', { name: 'Approuver' }).click();
  await expect(
    lead.locator('li.task').filter({ hasText: 'Base de production en lecture seule' }),
  ).toHaveCount(0);
  await lead.context().close();

  // No reload on HR's page: polling shows the approval, then IT's manual grant.
  await expect(step).toContainText('En cours');
  const it = await newPage(browser);
  await signInAs(it, 'it', '/console/inbox');
  await provision(it, 'Base de production en lecture seule');
  await it.context().close();
  await expect(step).toContainText('Fait');
  await screenshots(hr, 'run-progress');
  await hr.goto('/console/runs');
  await expect(hr.getByRole('progressbar').first()).toBeVisible();
  // The next due task by its step's title, not its kind ("Tâche").
  const kodjo = hr.getByRole('listitem').filter({ hasText: 'Kodjo Mensah' });
  await expect(kodjo).toContainText('Désigner un pair référent — ');
  await screenshots(hr, 'runs-list-progress');
  await hr.context().close();
});

test('tech lead B cannot open tech lead A’s run; a hire cannot open another hire’s run', async ({
  browser,
}) => {
  const hr = await newPage(browser);
  await signInAs(hr, 'hr', '/console/runs/new');
  await fillStartForm(
    hr,
    { name: 'Abla Kossiwa', email: 'abla.kossiwa@example.tg' },
    { sub: 'tl-yao', name: 'Yao Agbeko', email: 'yao.agbeko@example.tg' },
  );
  await hr.getByRole('button', { name: 'Démarrer le parcours' }).click();
  await hr.waitForURL(/\/console\/runs\/[0-9a-f-]{36}$/);
  otherRunId = hr.url().split('/').pop()!;
  await hr.context().close();

  const yao = await newPage(browser);
  await signInAs(yao, 'yao', `/console/runs/${kodjoRunId}`);
  await expect(
    yao.getByRole('heading', { name: 'Vous ne pouvez pas voir cette page' }),
  ).toBeVisible();
  await expectAccessible(yao);
  await screenshots(yao, 'forbidden');
  await yao.goto(`/console/runs/${otherRunId}`);
  await expect(yao.getByRole('heading', { name: 'Abla Kossiwa', level: 1 })).toBeVisible();
  await yao.context().close();

  const hire = await newPage(browser);
  await signInAs(hire, 'kodjo', `/console/runs/${otherRunId}`);
  await expect(
    hire.getByRole('heading', { name: 'Vous ne pouvez pas voir cette page' }),
  ).toBeVisible();
  await hire.goto('/console/runs/new');
  await expect(
    hire.getByRole('heading', { name: 'Vous ne pouvez pas voir cette page' }),
  ).toBeVisible();
  await hire.context().close();
});

test('HR cancels a run: the confirmation lists the access to revoke; the timeline shows CANCELLED', async ({
  page,
}) => {
  await signInAs(page, 'hr', `/console/runs/${kodjoRunId}`);
  await expect(page.locator('li.step').filter({ hasText: 'Compte annuaire et SSO' })).toContainText(
    'Fait',
  );
  await page.getByRole('button', { name: 'Annuler le parcours' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Ces accès seront révoqués');
  for (const grant of [
    'Compte annuaire et SSO',
    'Accès VPN',
    'Base de production en lecture seule',
  ]) {
    await expect(dialog.locator('.revoke-list')).toContainText(grant);
  }
  await expectAccessible(page);
  await screenshots(page, 'cancel-dialog');
  await dialog.getByLabel('Motif').fill('Recrutement annulé par la direction');
  await dialog.getByRole('button', { name: 'Annuler le parcours' }).click();
  await expect(dialog).toBeHidden();
  const timeline = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Chronologie du parcours' }) });
  await expect(timeline.getByRole('heading', { level: 2 })).toContainText('Annulé');
  await expect(timeline).toContainText('Recrutement annulé par la direction');
  await screenshots(page, 'run-cancelled');
});
