/** The unpaid online services reconciliation without JavaScript: the GET filter form, the row links and the export all work. */
import { expect, test } from '@playwright/test';
import { expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('unpaid online services reconciliation without JavaScript', () => {
  test.use(sessionOf('adminFr'));

  test('submits the filter form and follows a row to its inventory line', async ({ page, browser }) => {
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: 'Rapprochement de services en ligne non payés' })).toBeVisible();
    await expect(page.getByTestId('report-row')).toHaveCount(6);
    await expectAccessibleWithoutJs(page, browser);

    await page.getByLabel('Contrat', { exact: true }).fill('7600202');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/agreement=7600202/);
    const rows = page.getByTestId('report-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.locator('td:nth-child(3)')).toHaveText(['5100204', '5100203']);
    await expect(rows.locator('td:nth-child(8)')).toHaveText(['8', '6']);
    await expect(page.getByLabel('Contrat', { exact: true })).toHaveValue('7600202');
    await expectAccessibleWithoutJs(page, browser);

    const exportHref = await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href');
    expect(exportHref).toContain('agreement=7600202');
    const exported = await page.request.get(exportHref!);
    expect(await exported.text()).toContain("Office 365 E1;;5100204;Fabrikam Lyon – Usine;7600202;158;150;8;2026-12-24");

    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/inventory\?account=5100204&line=\d+/);
    await expect(page.locator('[aria-current=true][data-testid=inventory-line]')).toContainText('158');
  });
});
