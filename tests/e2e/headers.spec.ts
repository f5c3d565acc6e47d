/**
 * Security headers: a Content-Security-Policy whose
 * scripts run only with this response's nonce (no 'unsafe-inline'), no
 * framing, a restrictive Permissions-Policy; and the page still hydrates
 * under it (the client-side sign-in below needs React).
 */
import { expect, test } from '@playwright/test';
import { sessionOf } from './support';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test.describe('security headers', () => {
  test.use(sessionOf('adminFr'));

  test('a page carries a nonce-based CSP, and every script of the page carries the nonce', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto('/inventory');
    const headers = response!.headers();
    const csp = headers['content-security-policy'];
    expect(csp, 'Content-Security-Policy header').toBeTruthy();
    const policy = directives(csp!);
    const scriptSrc = policy.get('script-src') ?? [];
    const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce, 'a nonce in script-src').toBeTruthy();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toBeTruthy();
    expect(policy.get('form-action')).toBeTruthy();

    // Every <script> of the server's HTML carries this response's nonce.
    const html = await response!.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script, script).toContain(`nonce="${nonce}"`);

    // A second response gets another nonce.
    const again = await page.request.get('/inventory');
    expect(again.headers()['content-security-policy']).not.toContain(nonce!);

    const permissions = headers['permissions-policy'];
    expect(permissions, 'Permissions-Policy header').toBeTruthy();
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions).toContain(`${feature}=()`);
    expect(headers['x-content-type-options']).toBe('nosniff');
    // Served over plain HTTP here: no HSTS (it would be a lie, and browsers ignore it on http).
    expect(headers['strict-transport-security']).toBeUndefined();

    // React hydrated under the policy: the menu's client behaviour works and nothing was blocked.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('the sign-in page is covered too, and refuses to be framed', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL });
    const response = await context.request.get('/sign-in');
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src [^;]*'nonce-/);
    await context.close();
  });
});
