/**
 * The reconciliation report at scale: for a customer whose orders
 * grow from 60 to 3,000 — imported through the import command, as a reseller
 * would — the report page's HTML stays the same size: its filters are text
 * fields with a bounded number of suggestions, never a drop-down of every
 * order, and its rows are paged. Runs on a server with a database of its own
 * (tests/e2e/aux-server.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { signInOverHttp } from '../helpers/http-session';
import { LARGE_CUSTOMER, largeCustomerDocument } from '../helpers/large-customer';
import { startAuxServer, type AuxServer } from './aux-server';

test.describe.configure({ mode: 'serial' });

let server: AuxServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startAuxServer('report-scale', 2);
});

test.afterEach(async ({}, testInfo) => {
  // What the server said, when it did not answer as expected: a crash or a refused write shows there.
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server output', { body: server?.output() ?? '', contentType: 'text/plain' });
  if (testInfo.status !== testInfo.expectedStatus) console.log(server?.output());
});

test.afterAll(async () => {
  await server?.stop();
});

/** Imports a document into the server's database with `npm run db:import` (the command a reseller runs). */
function importFile(document: object) {
  const file = join(mkdtempSync(join(tmpdir(), 'license-desk-scale-')), 'customer.json');
  writeFileSync(file, JSON.stringify(document));
  execFileSync(process.execPath, ['scripts/bootstrap.mjs', 'exec', 'tsx', '--conditions=react-server', 'scripts/import.ts', file], {
    env: { ...process.env, DATABASE_PATH: server.databasePath },
    stdio: 'pipe',
    timeout: 90_000,
  });
}

test("the report page's HTML does not grow with the number of orders", async () => {
  test.setTimeout(180_000);
  const sizes: Record<number, number> = {};
  for (const orders of [60, 3_000]) {
    importFile(largeCustomerDocument({ accounts: 30, orders }));
    const session = await signInOverHttp(server.baseURL, LARGE_CUSTOMER.admin, LARGE_CUSTOMER.password);
    const response = await fetch(`${server.baseURL}/reports`, { headers: { cookie: session.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    // The orders are there to be found: every row of the page, and the latest order suggested.
    expect(html).toContain('60 services en ligne à commander');
    expect(html).toContain(`SC-${String(orders - 1).padStart(6, '0')}`);
    expect(html).not.toContain('<select');
    sizes[orders] = html.length;
  }
  console.log(`report HTML: ${sizes[60]} bytes with 60 orders, ${sizes[3_000]} bytes with 3,000`);
  // Only figures change (a count of 3 digits instead of 1): a list of every order would add about 300 KB.
  expect(Math.abs(sizes[3_000]! - sizes[60]!)).toBeLessThan(sizes[60]! * 0.02);
});
