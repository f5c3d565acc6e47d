/**
 * Two web servers on one PostgreSQL database, as two machines behind a load
 * balancer: a real PostgreSQL from the npm registry, two production servers
 * (scripts/serve.ts) on two ports with the same DATABASE_URL and AUTH_SECRET,
 * and in front of them a balancer of a few lines that sends each request to
 * the server the test names (the `x-test-server` header; `a` by default), so
 * that a person can be moved from one server to the other between two steps.
 * APP_URL is the balancer's address, as in production.
 *
 * Shown: a session opened on one server works on the other, and signing out
 * on one ends it on the other; a sign-in flood against one is limited on both;
 * a service set up through one is in the other's inventory and report at
 * once; the same form posted to both is applied once; and on PostgreSQL the
 * partner's order, the people page and `npm run notices` work end to end.
 */
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_TODAY } from '../../playwright.config';
import { startServer, type DemoServer } from '../helpers/demo-server';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/postgres/embedded';
import { AUX_PORT } from './aux-server';
import { alertText, postSignInForm } from './forms';
import { PASSWORD, USERS } from './users';

test.describe.configure({ mode: 'serial' });

const PORTS = { a: AUX_PORT + 40, b: AUX_PORT + 41, balancer: AUX_PORT + 42, postgres: AUX_PORT + 43 };
const BALANCER = `http://127.0.0.1:${PORTS.balancer}`;
const SECRET = 'two-servers-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const FABRIKAM = '1000201';
const LYON = '5100203';
type ServerName = 'a' | 'b';

let postgres: EmbeddedPostgres;
let servers: Record<ServerName, DemoServer>;
let balancer: Server;
let db: pg.Client;
let environment: Record<string, string>;

/** The balancer: every request to the server its `x-test-server` header names (a by default), the answer back unchanged. */
function startBalancer(): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const name: ServerName = incoming.headers['x-test-server'] === 'b' ? 'b' : 'a';
    const upstream = httpRequest({ host: '127.0.0.1', port: PORTS[name], path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(PORTS.balancer, '127.0.0.1', () => resolve(server)));
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  postgres = await startEmbeddedPostgres({ port: PORTS.postgres });
  environment = {
    DATABASE_URL: postgres.url,
    AUTH_SECRET: SECRET,
    APP_URL: BALANCER,
    APP_TIME_ZONE: 'UTC',
    LICENSE_DESK_TEST_TODAY: TEST_TODAY,
    WEB_CONCURRENCY: '1',
    // Low per-account limit: the flood test trips it; the other tests sign each person in once or twice.
    SIGN_IN_LIMIT_PER_ACCOUNT: '5',
    SIGN_IN_LIMIT_PER_ADDRESS: '1000',
  };
  // Server a migrates and loads the demo data; b joins the same database.
  const a = await startServer({ port: PORTS.a, databasePath: 'unused', env: environment, timeoutMs: 150_000 });
  const b = await startServer({ port: PORTS.b, databasePath: 'unused', env: { ...environment, E2E_DEMO_DATA: 'none' }, timeoutMs: 150_000 }).catch(async (error: unknown) => {
    await a.stop();
    throw error;
  });
  servers = { a, b };
  balancer = await startBalancer();
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await new Promise((resolve) => (balancer ? balancer.close(resolve) : resolve(undefined)));
  await Promise.all([servers?.a.stop(), servers?.b.stop()]);
  await postgres?.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && servers) {
    await testInfo.attach('server a output', { body: servers.a.output(), contentType: 'text/plain' });
    await testInfo.attach('server b output', { body: servers.b.output(), contentType: 'text/plain' });
  }
});

/** A browser context on the balancer whose requests go to `server` until moved. */
async function contextOn(browser: Browser, server: ServerName): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BALANCER, locale: 'fr-FR' });
  await context.setExtraHTTPHeaders({ 'x-test-server': server });
  return context;
}

const moveTo = (context: BrowserContext, server: ServerName) => context.setExtraHTTPHeaders({ 'x-test-server': server });

async function signIn(context: BrowserContext, email: string) {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Signed in: off the sign-in page (to the inventory, or first to the choice of an account or customer).
  await expect(page).toHaveURL(/\/(inventory|accounts|partner)/);
  return page;
}

const selfProvisionings = async () => Number((await db.query("select count(*) as n from inventory_transactions where kind = 'self_provisioning'")).rows[0].n);

test('a session opened on one server works on the other, and signing out on one ends it on both', async ({ browser }) => {
  const context = await contextOn(browser, 'a');
  const page = await signIn(context, USERS.adminFr);
  await moveTo(context, 'b');
  await page.goto(`/inventory?account=${LYON}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Camille Martin ▾')).toBeVisible();

  await moveTo(context, 'a');
  await page.getByText('Camille Martin ▾').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await moveTo(context, 'b');
  await page.goto(`/inventory?account=${LYON}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await context.close();
});

test('a sign-in flood against one server is limited on the other', async ({ playwright }) => {
  const onA = await playwright.request.newContext({ baseURL: BALANCER, extraHTTPHeaders: { 'x-test-server': 'a' } });
  const onB = await playwright.request.newContext({ baseURL: BALANCER, extraHTTPHeaders: { 'x-test-server': 'b' } });
  for (let attempt = 1; attempt <= 5; attempt++) {
    const refused = await postSignInForm(onA, { email: USERS.viewerEn, password: `wrong-${attempt}` }, { origin: BALANCER });
    expect(alertText(await refused.text())).toBe('Adresse e-mail ou mot de passe incorrect.');
  }
  // The right password, on the other server, within the same minute: the account's allowance is spent everywhere.
  const limited = await postSignInForm(onB, { email: USERS.viewerEn, password: PASSWORD }, { origin: BALANCER });
  expect(alertText(await limited.text())).toBe('Trop de tentatives de connexion en ce moment. Patientez un instant, puis réessayez.');
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('a service set up through one server is in the other’s inventory and report at once', async ({ browser }) => {
  const context = await contextOn(browser, 'b');
  const page = await signIn(context, USERS.adminFr);
  await page.goto(`/online-services/setup?account=${LYON}`);
  await page.getByRole('radio', { name: /^Exchange Online \(Plan 1\)/ }).check();
  await page.getByLabel("Nombre d'abonnements").fill('5');
  await page.getByRole('button', { name: 'Configurer le service' }).click();
  await expect(page.getByTestId('receipt-available')).toHaveText('5');
  const line = (await page.getByRole('link', { name: "Voir la ligne dans l'inventaire" }).getAttribute('href'))!;

  await moveTo(context, 'a');
  await page.goto(`/reports?account=${LYON}&product=EXO-P1`);
  const gap = page.getByTestId('report-row');
  await expect(gap).toHaveCount(1);
  await expect(gap.locator('td')).toContainText(['5', '0', '5']);
  await page.goto(line);
  await expect(page.getByTestId('self-provisioned')).toHaveText(/^5 abonnements en service/);
  await context.close();
});

test('the same form posted to both servers at once is applied once', async ({ browser }) => {
  const context = await contextOn(browser, 'a');
  await signIn(context, USERS.adminEn);
  const other = await browser.newContext({ baseURL: BALANCER, locale: 'fr-FR', storageState: await context.storageState() });
  await other.setExtraHTTPHeaders({ 'x-test-server': 'b' });
  const key = 'abcdef0123456789abcdef0123456789';
  const pages = [await context.newPage(), await other.newPage()];
  for (const page of pages) {
    await page.goto(`/online-services/setup?account=${LYON}&key=${key}`);
    await page.getByRole('radio', { name: /^Exchange Online \(Plan 1\)/ }).check();
    await page.getByLabel(/subscriptions|abonnements/i).fill('2');
  }
  const before = await selfProvisionings();
  await Promise.all(pages.map((page) => page.getByRole('button', { name: /Set up the service|Configurer le service/ }).click()));
  for (const page of pages) await expect(page).toHaveURL(/\/online-services\/setup\/done\?transaction=\d+$/);
  expect(await selfProvisionings()).toBe(before + 1);
  // Both end on the one receipt.
  expect(new URL(pages[0]!.url()).search).toBe(new URL(pages[1]!.url()).search);
  await Promise.all([context.close(), other.close()]);
});

test('on PostgreSQL: the partner records an order through one server, the customer reads it through the other', async ({ browser }) => {
  const partnerContext = await contextOn(browser, 'a');
  const partner = await signIn(partnerContext, USERS.partnerFr);
  await partner.goto(`/partner/orders/new?customer=${FABRIKAM}&account=${LYON}&product=EXO-P1&quantity=5`);
  await partner.getByLabel('Numéro du bon de commande du client').fill('FAB-LYO-PG-1');
  await partner.getByRole('button', { name: 'Enregistrer la commande', exact: true }).last().click();
  await expect(partner).toHaveURL(new RegExp(`/orders/NWP-000001\\?customer=${FABRIKAM}&done=recorded$`));
  await expect(partner.getByTestId('customer-po-number')).toContainText('FAB-LYO-PG-1');

  const customerContext = await contextOn(browser, 'b');
  const customer = await signIn(customerContext, USERS.adminFr);
  await customer.goto('/orders/NWP-000001');
  await expect(customer.getByTestId('customer-po-number')).toContainText('FAB-LYO-PG-1');
  // The gap is closed: ordered 5 of the 5 + 2 set up.
  await customer.goto(`/reports?account=${LYON}&product=EXO-P1`);
  await expect(customer.getByTestId('report-row').locator('td')).toContainText(['7', '5', '2']);
  await Promise.all([partnerContext.close(), customerContext.close()]);
});

test('on PostgreSQL: a person invited through one server is on the other’s people page', async ({ browser }) => {
  const context = await contextOn(browser, 'b');
  const page = await signIn(context, USERS.adminFr);
  await page.goto('/account/users/new');
  await page.getByLabel('Adresse e-mail').fill('invitee.pg@fabrikam.example');
  await page.getByLabel('Nom').fill('Invitée PostgreSQL');
  await page.getByRole('radio', { name: /^Lecteur de comptes d'achats/ }).check();
  await page.getByRole('checkbox', { name: /^5100203/ }).check();
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(page).toHaveURL(/\/account\/users\?invited=1$/);
  await moveTo(context, 'a');
  await page.goto('/account/users');
  await expect(page.getByTestId('person-row').filter({ hasText: 'invitee.pg@fabrikam.example' })).toContainText('Invitée (pas encore arrivée)');
  await context.close();
});

test('on PostgreSQL: `npm run notices` sends each notice once, however often it runs', () => {
  const outbox = mkdtempSync(join(tmpdir(), 'license-desk-pg-outbox-'));
  const run = () =>
    execFileSync(process.execPath, ['scripts/bootstrap.mjs', 'exec', 'tsx', '--conditions=react-server', 'scripts/notices.ts'], {
      env: { ...process.env, ...environment, OUTBOX_DIR: outbox },
      encoding: 'utf8',
      timeout: 60_000,
    });
  expect(run()).toMatch(/^[1-9]\d* e-mail\(s\) sent to [1-9]\d* person\(s\)/m);
  const written = readdirSync(outbox).length;
  expect(written).toBeGreaterThan(0);
  expect(run()).toMatch(/^0 e-mail\(s\) sent/m);
  expect(readdirSync(outbox)).toHaveLength(written);
});
