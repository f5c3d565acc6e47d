/**
 * Input that used to end in a server error: each
 * is answered with a clean 4xx page or a message beside the field.
 */
import { expect, test } from '@playwright/test';
import { postSignInForm } from './forms';
import { sessionOf } from './support';
import { PASSWORD, USERS } from './users';

test.describe('signed in', () => {
  test.use(sessionOf('adminFr'));

  for (const path of ['/orders/%zz', '/inventory/history/%E0%A4%A', '/orders/%', '/inventory/history/12%']) {
    test(`malformed percent-encoding ${path} is a 400 page, not a 500`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect([400, 404]).toContain(response.status());
      expect(response.headers()['content-type']).toMatch(/^text\/html/);
      const body = await response.text();
      expect(body).toMatch(/Adresse incorrecte|Bad request|Page introuvable|Page not found/);
    });
  }
});

test.describe('sign-in input', () => {
  test('a return address holding characters above U+00FF comes back after sign-in, without a server error', async ({ page }) => {
    const errors: number[] = [];
    page.on('response', (response) => {
      if (response.status() >= 500) errors.push(response.status());
    });
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/inventory?q=Łódź€✓')}`);
    await page.getByLabel('Adresse e-mail').fill(USERS.singleAccount);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname === '/inventory');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Łódź€✓');
    expect(errors).toEqual([]);
  });

  test('an over-long e-mail address is answered beside the field in words', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Adresse e-mail').fill(`${'a'.repeat(320)}@fabrikam.example`);
    await page.getByLabel('Mot de passe').fill('whatever');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const field = page.getByLabel('Adresse e-mail');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const message = page.locator(`#${await field.getAttribute('aria-describedby')}`);
    await expect(message).toHaveText('Cette adresse e-mail est trop longue (320 caractères au plus).');
  });

  test('a 2 MB sign-in body is refused with 413', async ({ request, baseURL }) => {
    const response = await postSignInForm(request, { email: USERS.singleAccount, password: 'x'.repeat(2 * 1024 * 1024) }, { origin: new URL(baseURL!).origin });
    expect(response.status()).toBe(413);
    expect(await response.text()).toMatch(/trop volumineuse|too large/);
  });

  test('a sign-in posted from a foreign origin is refused with 403', async ({ request }) => {
    const response = await postSignInForm(request, { email: USERS.singleAccount, password: PASSWORD }, { origin: 'https://evil.example' });
    expect(response.status()).toBe(403);
    expect(response.headers()['set-cookie'] ?? '').not.toMatch(/session-token/);
  });

  test('a sign-in posted with https in Origin when APP_URL is http (same host and port) is refused and signs nobody in', async ({ request, baseURL }) => {
    const app = new URL(baseURL!);
    expect(app.protocol).toBe('http:');
    const response = await postSignInForm(request, { email: USERS.singleAccount, password: PASSWORD }, { origin: `https://${app.host}` });
    expect(response.status()).toBe(403);
    expect(response.headers()['set-cookie'] ?? '').not.toMatch(/session-token/);
  });

  test('a server action without Origin is refused unless the browser says it is same-origin', async ({ playwright, baseURL }) => {
    // One context per attempt: a successful sign-in would otherwise carry its cookie into the next.
    const attempt = async (headers: Record<string, string>) => {
      const context = await playwright.request.newContext({ baseURL });
      try {
        const response = await postSignInForm(context, { email: USERS.singleAccount, password: PASSWORD }, headers);
        return { status: response.status(), cookies: response.headers()['set-cookie'] ?? '' };
      } finally {
        await context.dispose();
      }
    };
    const bare = await attempt({});
    expect(bare.status).toBe(403);
    expect(bare.cookies).not.toMatch(/session-token/);
    expect((await attempt({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await attempt({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await attempt({ origin: 'null' })).status).toBe(403);
    const sameOrigin = await attempt({ 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(303);
    expect(sameOrigin.cookies).toMatch(/session-token/);
    expect((await attempt({ origin: new URL(baseURL!).origin })).status).toBe(303);
  });

  test("next-auth's own routes redirect to APP_URL", async ({ request, baseURL }) => {
    const appOrigin = new URL(baseURL!).origin;
    for (const path of ['/api/auth/signin', '/api/auth/signin/credentials', '/api/auth/error?error=Configuration', '/api/auth/signout?callbackUrl=/x']) {
      const response = await request.get(path, { maxRedirects: 0 });
      const location = response.headers()['location'];
      if (!location) {
        expect(response.status(), path).toBeLessThan(500);
        continue;
      }
      const target = new URL(location, appOrigin);
      expect(target.origin, `${path} → ${location}`).toBe(appOrigin);
      expect(location, path).not.toContain('localhost');
    }
  });
});
