import { defineConfig, devices } from '@playwright/test';

/** The fixed "today" of every end-to-end test (nothing flips at midnight). */
export const TEST_TODAY = '2026-11-24';
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The end-to-end server's secret (tests that run a command against its database sign with it too). */
export const E2E_AUTH_SECRET = 'e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz';
/** The end-to-end server's database: a fresh demo database each run. */
export const E2E_DATABASE_PATH = 'data/e2e.db';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Flows with several accessibility scans take 10–25 s on a busy 2-core machine; 60 s leaves room without hiding a hang.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [['list', { printSteps: false }]],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    baseURL: BASE_URL,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'js', use: { ...devices['Desktop Chrome'], launchOptions: chromium }, testIgnore: /nojs\.spec\.ts/ },
    { name: 'nojs', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions: chromium }, testMatch: /nojs\.spec\.ts/ },
  ],
  webServer: {
    command: 'tsx --conditions=react-server tests/e2e/server.ts',
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATABASE_PATH: E2E_DATABASE_PATH,
      AUTH_SECRET: E2E_AUTH_SECRET,
      APP_URL: BASE_URL,
      APP_TIME_ZONE: 'UTC',
      LICENSE_DESK_TEST_TODAY: TEST_TODAY,
      // Two server processes, as production runs on the 2-core reference host (WEB_CONCURRENCY defaults to one
      // per core): sessions, sign-in limits, lockout and self-provisioning keys are then proved across processes.
      WEB_CONCURRENCY: '2',
      // Every test signs in from 127.0.0.1: the per-minute limits are for floods, not for a test suite.
      SIGN_IN_LIMIT_PER_ADDRESS: '1000',
      SIGN_IN_LIMIT_PER_ACCOUNT: '1000',
      PASSWORD_RESET_LIMIT_PER_ADDRESS: '1000',
      PASSWORD_RESET_LIMIT_PER_EMAIL: '1000',
      LINK_LIMIT_PER_ADDRESS: '1000',
    },
  },
});
