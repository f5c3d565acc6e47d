/**
 * Expire bientôt and Préférences: the expiring view with the
 * inventory's markers and its chart (French, English, without JavaScript,
 * axe clean); expiry notices on and off; the private calendar feed, which
 * answers iCalendar and a 404 once revoked. The fixed "today" is 2026-11-24.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutJs, sessionOf } from './support';

test.describe('what expires soon (customer administrator)', () => {
  test.use(sessionOf('adminFr'));

  test('is a tab of the inventory, soonest first, each line linked, with a chart and its figures', async ({ page }) => {
    await page.goto('/inventory?account=all');
    await page.getByRole('link', { name: 'Expire bientôt' }).click();
    await expect(page).toHaveURL(/\/inventory\/expiring\?account=all$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Expire bientôt' })).toBeVisible();
    const rows = page.getByTestId('expiring-row');
    const dates = await rows.locator('td:last-child').allTextContents();
    expect(dates.length).toBeGreaterThan(3);
    const iso = dates.map((text) => text.slice(0, 10).split('/').reverse().join('-'));
    expect(iso).toEqual([...iso].sort());
    // The inventory's markers: expired first, then the red dates, then "Expire bientôt"; nothing past 90 days (2027-02-22).
    await expect(rows.first()).toContainText('Expiré');
    expect(iso.every((date) => date <= '2027-02-22')).toBe(true);
    await expect(rows.filter({ hasText: 'Expire bientôt' }).first()).toBeVisible();
    await expect(page.getByTestId('chart')).toBeVisible();
    await expect(page.getByTestId('chart-table').locator('tbody tr')).toHaveCount(12);
    await expectAccessible(page);

    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/inventory\?account=\d{7}&line=\d+#line-\d+$/);
  });
});

test.describe('what expires soon in English', () => {
  test.use(sessionOf('adminEn'));

  test('uses the English words and dates', async ({ page }) => {
    await page.goto('/inventory/expiring?account=all');
    await expect(page.getByRole('heading', { level: 1, name: 'Expiring soon' })).toBeVisible();
    await expect(page.getByTestId('expiring-count')).toContainText('expire within 90 days or have expired');
    await expect(page.getByRole('img', { name: 'Subscriptions expiring per month over the next 12 months' })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('what expires soon without JavaScript', () => {
  test.use({ ...sessionOf('viewerFr'), javaScriptEnabled: false });

  test('shows the list, the chart and its figures', async ({ page, browser }) => {
    await page.goto('/inventory/expiring?account=all');
    await expect(page.getByTestId('expiring-row').first()).toBeVisible();
    await expect(page.getByTestId('chart')).toBeVisible();
    await page.getByText('Voir les chiffres du graphique').click();
    await expect(page.getByTestId('chart-table')).toBeVisible();
    await expectAccessibleWithoutJs(page, browser);
  });
});

test.describe('preferences (account viewer, English)', () => {
  test.use(sessionOf('viewerEn'));

  test('turn notices off and on, and a calendar feed that stops when turned off', async ({ page, request }) => {
    await page.goto('/inventory?account=5100203');
    await page.getByText('Sam Taylor ▾').click();
    await page.getByRole('link', { name: 'Preferences' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Preferences' })).toBeVisible();
    await expect(page.getByTestId('notices-state')).toHaveText('Expiry notices are on.');
    await page.getByRole('button', { name: 'Turn notices off' }).click();
    await expect(page.getByTestId('notices-state')).toHaveText('Expiry notices are off.');
    await page.getByRole('button', { name: 'Turn notices on' }).click();
    await expect(page.getByTestId('notices-state')).toHaveText('Expiry notices are on.');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Turn the calendar on' }).click();
    const url = (await page.getByTestId('calendar-url').textContent())!;
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}$/);
    const feed = await request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const body = await feed.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain('account=5100203');
    expect(body).not.toContain('5100201');

    await page.getByRole('button', { name: 'Turn the calendar off' }).click();
    await expect(page.getByTestId('calendar-state')).toHaveText('Your expiration calendar is not on.');
    expect((await request.get(url)).status()).toBe(404);
  });
});
