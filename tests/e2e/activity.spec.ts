/**
 * Activité: a customer's administrators and a partner's users read
 * their own audit log — sign-ins, self-provisionings, exports — filter it and
 * export it; an account viewer gets a 404. French with JavaScript, English,
 * without JavaScript, axe clean.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('activity (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('is in the user menu, lists the sign-ins and exports, filters and exports', async ({ page }) => {
    // An export to find in the log.
    expect((await page.request.get('/inventory/export?account=5100201')).status()).toBe(200);
    await page.goto('/inventory?account=5100201');
    await page.getByText('Camille Martin ▾').click();
    await page.getByRole('link', { name: 'Activité' }).click();
    await expect(page).toHaveURL(/\/account\/activity$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Activité' })).toBeVisible();
    const rows = page.getByTestId('activity-row');
    // Every Fabrikam person's sign-in (the tests sign each role in once), Camille's among them.
    await expect(rows.filter({ hasText: 'Connexion' }).filter({ hasText: 'camille.martin@fabrikam.example' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: '/inventory/export?account=5100201' }).first()).toContainText('Export');
    await expectAccessible(page);

    await page.getByLabel('Action').selectOption({ label: 'Connexion' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/action=sign_in(&|$)/);
    const actions = await rows.locator('td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['Connexion']));

    const csv = await (await page.request.get((await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'))!)).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('DATE ET HEURE;PERSONNE;ACTION;OBJET;DÉTAILS;ADRESSE IP');
    expect(lines.every((line) => line.split(';')[2] === 'Connexion')).toBe(true);
  });
});

test.describe('activity in English (partner user)', () => {
  test.use(sessionOf('partnerEn'));

  test('shows the partner’s own log', async ({ page }) => {
    await page.goto('/account/activity');
    await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(page.getByTestId('activity-row').filter({ hasText: 'emma.wilson@northwind.example' }).first()).toBeVisible();
    await expect(page.getByTestId('activity-row').filter({ hasText: 'fabrikam.example' })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe('activity for an account viewer', () => {
  test.use(sessionOf('viewerFr'));

  test('is not there', async ({ page }) => {
    expect((await page.goto('/account/activity'))?.status()).toBe(404);
    expect((await page.request.get('/account/activity/export')).status()).toBe(404);
  });
});

test.describe('activity without JavaScript', () => {
  test.use({ ...sessionOf('adminFr'), javaScriptEnabled: false });

  test('the filter form works', async ({ page, browser }) => {
    await page.goto('/account/activity');
    await page.getByLabel('Du').fill('2026-01-01');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/from=2026-01-01/);
    await expect(page.getByTestId('activity-row').first()).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});
