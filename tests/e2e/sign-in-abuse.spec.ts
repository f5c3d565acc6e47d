/**
 * The sign-in lockout counts the address the connection comes from, not what
 * the client says in X-Forwarded-For: a direct client
 * cannot get a fresh allowance per attempt by changing the header.
 */
import { expect, test } from '@playwright/test';
import { alertText, postSignInForm } from './forms';

test('changing X-Forwarded-For on every attempt does not dodge the lockout', async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const email = 'xff.dodge@fabrikam.example';
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const response = await postSignInForm(request, { email, password: `wrong-${attempt}` }, { origin, 'x-forwarded-for': `203.0.113.${attempt}`, 'x-real-ip': `203.0.113.${attempt}` });
    expect(response.status()).toBe(200);
    expect(alertText(await response.text())).toBe('Adresse e-mail ou mot de passe incorrect.');
  }
  const eleventh = await postSignInForm(request, { email, password: 'wrong-11' }, { origin, 'x-forwarded-for': '198.51.100.77', 'x-real-ip': '198.51.100.77' });
  expect(alertText(await eleventh.text())).toMatch(/Trop de tentatives de connexion infructueuses\. Réessayez après \d{2}:\d{2}\./);
});
