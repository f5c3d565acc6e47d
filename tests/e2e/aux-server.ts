/**
 * A second production server of its own for the tests that break or load its
 * database (tests/e2e/faults.spec.ts): the same start as the main end-to-end
 * server (tests/e2e/server.ts, fresh demo database) on E2E_AUX_PORT (default
 * E2E_PORT + 100, clear of other runs started 10 ports apart; a second spec
 * passes its own `portOffset` so that two such
 * files can run at once), with a database file of its own under data/. Tests
 * using it run serially in one file. One server process (WEB_CONCURRENCY=1):
 * these servers test faults and single flows, not concurrency, and each one
 * starts for a single spec file while the main server and Chromium already
 * share the machine's two cores.
 */
import type { Browser, BrowserContext } from '@playwright/test';
import { TEST_TODAY } from '../../playwright.config';
import type { HttpSession } from '../helpers/http-session';
import { startDemoServer, type DemoServer } from '../helpers/demo-server';

export const AUX_PORT = Number(process.env.E2E_AUX_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 100);

export type AuxServer = DemoServer;

export function startAuxServer(name: string, portOffset = 0, env: Record<string, string> = {}): Promise<AuxServer> {
  return startDemoServer({
    port: AUX_PORT + portOffset,
    databasePath: `data/e2e-${name}.db`,
    env: { APP_TIME_ZONE: 'UTC', LICENSE_DESK_TEST_TODAY: TEST_TODAY, WEB_CONCURRENCY: '1', ...env },
  });
}

/** A browser context on a server of its own, signed in with `session` (one sign-in per person, reused by every context). */
export async function signedInContext(browser: Browser, session: HttpSession, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: session.base, ...options });
  const [name, value] = session.cookie.split('=', 2) as [string, string];
  await context.addCookies([{ name, value, url: session.base }]);
  return context;
}
