/** The benefits tab without JavaScript: a plain server-rendered page whose links (tabs, export, selector) all work. */
import { expect, test } from '@playwright/test';
import { expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('benefits tab without JavaScript', () => {
  test.use(sessionOf('adminFr'));

  test('renders the tables, links to the other tab and to the export', async ({ page, browser }) => {
    await page.goto('/inventory/benefits?account=5100203');
    await expect(page.getByRole('heading', { level: 1, name: 'Avantages de Software Assurance et des services' })).toBeVisible();
    const training = page.locator('section[data-account="5100203"] tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Formation', exact: true }) });
    await expect(training.locator('td')).toHaveText(['12', '4', '8', /^19\/12\/2026/]);
    await expect(training.locator('[data-expiry]')).toHaveText('Expire dans 25 jours');
    await expectAccessibleWithoutJs(page, browser);

    const exportHref = await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href');
    expect(exportHref).toBe('/inventory/benefits/export?account=5100203');
    const exported = await page.request.get(exportHref!);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('5100203;Fabrikam Lyon;Formation;12;4;8;2026-12-19');

    await page.getByRole('navigation', { name: "Sections de l'inventaire" }).getByRole('link', { name: 'Licences et services' }).click();
    await expect(page).toHaveURL(/\/inventory\?account=5100203$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Licences et services' })).toBeVisible();
  });

  test('the empty state links to the account selector', async ({ page, browser }) => {
    await page.goto('/inventory/benefits?account=5100204');
    await expect(page.getByTestId('benefits-empty')).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
    await page.getByRole('link', { name: "Choisir un autre compte d'achats" }).click();
    await expect(page).toHaveURL(/\/accounts$/);
  });
});
