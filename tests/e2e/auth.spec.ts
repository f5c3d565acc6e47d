import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support';
import { PASSWORD, USERS } from './users';

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  // Wait for the server action's answer: React resets the form when it lands.
  await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

test.describe('sign-in (French, JavaScript on)', () => {
  test('a deep link survives the sign-in round trip with its query string', async ({ page }) => {
    await page.goto('/accounts?field=location&term=Lyon');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(page.getByRole('heading', { name: 'Se connecter' })).toBeVisible();
    await expectAccessible(page);
    await signIn(page, USERS.adminFr, PASSWORD);
    await expect(page).toHaveURL(/\/accounts\?field=location&term=Lyon$/);
    await expect(page.getByRole('heading', { name: "Sélectionner un compte d'achats" })).toBeVisible();
  });

  test('unknown e-mail and wrong password give the same message', async ({ page }) => {
    await page.goto('/sign-in');
    await signIn(page, 'nobody@fabrikam.example', PASSWORD);
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue('nobody@fabrikam.example');
    await signIn(page, USERS.viewerFr, 'not-the-password');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('an empty form is answered beside each field', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('Saisissez votre adresse e-mail.')).toBeVisible();
    await expect(page.getByText('Saisissez votre mot de passe.')).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  });

  test('after 10 failures within 15 minutes, sign-in is refused with the time to retry', async ({ page }) => {
    await page.goto('/sign-in');
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await signIn(page, 'lockout.test@fabrikam.example', `wrong-${attempt}`);
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
    }
    // Even the right password is refused now.
    await signIn(page, 'lockout.test@fabrikam.example', PASSWORD);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^Trop de tentatives de connexion infructueuses\. Réessayez après \d{2}:\d{2}\.$/);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('sign-out ends the session', async ({ page }) => {
    await page.goto('/sign-in');
    await signIn(page, USERS.singleAccount, PASSWORD);
    await expect(page).toHaveURL(/\/inventory$/);
    await page.getByText('Paul Roy').click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
    await expect(page.getByRole('status')).toHaveText('Vous êtes déconnecté.');
    await page.goto('/inventory');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finventory/);
  });
});

test.describe('open redirects after sign-in land on the home page', () => {
  const forms = [
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    'https%3A%2F%2Fevil.example',
    '/%5Cevil.example',
    'javascript%3Aalert(1)',
  ];
  for (const callbackUrl of forms) {
    test(`callbackUrl=${callbackUrl}`, async ({ page }) => {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signIn(page, USERS.singleAccount, PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      const url = new URL(page.url());
      expect(url.origin).toBe(new URL(test.info().project.use.baseURL!).origin);
      expect(url.pathname).toBe('/inventory');
    });
  }
});
