/** Signs in once per role and keeps each session for the tests (ARCHITECTURE: sign in once per role). */
import { chromium, type FullConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { PASSWORD, USERS, storageStatePath, type Role } from './users';

export default async function globalSetup(config: FullConfig) {
  const started = Date.now();
  const { baseURL, launchOptions } = config.projects[0]!.use;
  mkdirSync('tests/.auth', { recursive: true });
  const browser = await chromium.launch(launchOptions);
  try {
    await Promise.all(
      (Object.keys(USERS) as Role[]).map(async (role) => {
        const context = await browser.newContext({ baseURL });
        const page = await context.newPage();
        await page.goto('/sign-in');
        await page.locator('#email').fill(USERS[role]);
        await page.locator('#password').fill(PASSWORD);
        await page.locator('button[type=submit]').last().click();
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 20_000 });
        await context.storageState({ path: storageStatePath(role) });
        await context.close();
      }),
    );
  } finally {
    await browser.close();
  }
  console.log(`signed in ${Object.keys(USERS).length} roles in ${Date.now() - started} ms`);
}
