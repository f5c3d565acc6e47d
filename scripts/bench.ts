/**
 * `npm run bench`: scale checks that do not belong in `npm test`.
 *
 * Builds, in a temporary database, the large customer of the inventory issue
 * — 300 purchase accounts, 20,000 licence positions over 1,500 products and
 * 2,000 online service subscriptions — through the importer, then times the
 * inventory queries a page makes (median and worst of a bounded number of
 * runs). Figures are recorded in docs/performance.md.
 */
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, setDb } from '@/db/client';
import { purchaseAccounts, users } from '@/db/schema';
import { searchAccounts } from '@/lib/accounts/queries';
import { loadViewer } from '@/lib/auth/scope';
import { importDocument } from '@/lib/import/apply';
import type { ImportDocument } from '@/lib/import/schema';
import { listAllLines, listLinesOfGroups, listProductGroups, type InventoryFilters } from '@/lib/inventory/queries';

const ACCOUNTS = 300;
const POSITIONS = 20_000;
const PRODUCTS = 1_500;
const SUBSCRIPTIONS = 2_000;
const RUNS = 15;

function largeCustomer(): ImportDocument {
  const families = Array.from({ length: 30 }, (_, i) => ({ code: `F${i}`, name: `Famille ${String(i).padStart(2, '0')}` }));
  const onlineProducts = 100;
  const products = Array.from({ length: PRODUCTS }, (_, i) => ({
    code: `P${i}`,
    family: `F${i % families.length}`,
    name: `Produit ${String(i).padStart(4, '0')} ${['Standard', 'Entreprise', 'Datacenter'][i % 3]}`,
    kind: (i < onlineProducts ? 'online_service' : 'license') as 'online_service' | 'license',
  }));
  const editions = ['Standard', 'Enterprise', 'Datacenter', 'Professionnel Plus'];
  const versions = ['2016', '2019', '2021', '2022', '2025'];
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    number: `9${String(i).padStart(6, '0')}`,
    name: `Compte ${i} ${['Montréal', 'Québec', 'Genève', 'Besançon'][i % 4]}`,
    city: ['Montréal', 'Québec', 'Genève', 'Besançon'][i % 4]!,
    country: ['CA', 'CA', 'CH', 'FR'][i % 4]!,
    customer: 'BIG',
    agreement: i % 2 ? 'AG-BIG-1' : 'AG-BIG-2',
    partner: 'PB',
  }));
  const licensePositions: NonNullable<ImportDocument['licensePositions']> = [];
  for (let i = 0; i < POSITIONS; i += 1) {
    licensePositions.push({
      account: accounts[i % ACCOUNTS]!.number,
      product: `P${onlineProducts + (i % (PRODUCTS - onlineProducts))}`,
      edition: editions[i % editions.length]!,
      version: versions[Math.floor(i / ACCOUNTS) % versions.length]!,
      resourceUsage: ['Par cœur', 'Par utilisateur'][Math.floor(i / (ACCOUNTS * versions.length)) % 2]!,
      licenseCount: 10 + (i % 90),
      saCount: i % 3 === 0 ? 10 : 0,
    });
  }
  const subscriptions: NonNullable<ImportDocument['subscriptions']> = [];
  for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
    subscriptions.push({
      account: accounts[i % ACCOUNTS]!.number,
      product: `P${Math.floor(i / ACCOUNTS) * 10 + (i % 10)}`,
      available: 50 + (i % 7),
      ordered: 50,
      nextExpiration: `2027-0${1 + (i % 9)}-15`,
    });
  }
  return {
    version: 1,
    partners: [{ code: 'PB', name: 'Partenaire Bench' }],
    customers: [{ number: 'BIG', legalName: 'Grand Client Bench SA' }],
    agreements: [
      { number: 'AG-BIG-1', customer: 'BIG' },
      { number: 'AG-BIG-2', customer: 'BIG' },
    ],
    productFamilies: families,
    products,
    purchaseAccounts: accounts,
    licensePositions,
    subscriptions,
    users: [{ email: 'admin@big.example', name: 'Admin Bench', locale: 'fr', password: 'bench-password-2026', grants: [{ role: 'customer_admin', customer: 'BIG' }] }],
  };
}

function time(label: string, run: () => unknown): void {
  const samples: number[] = [];
  let result: unknown;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    result = run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  const size = Array.isArray(result) ? `${result.length} rows` : typeof result === 'object' && result && 'groups' in result ? `${(result as { groups: unknown[] }).groups.length} rows` : '';
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   worst ${samples.at(-1)!.toFixed(1).padStart(7)} ms   ${size}`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-bench-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    migrateDatabase(db);
    setDb(db);
    let started = performance.now();
    await importDocument(db, largeCustomer());
    console.log(`import: ${ACCOUNTS} accounts, ${POSITIONS} licence positions, ${PRODUCTS} products, ${SUBSCRIPTIONS} subscriptions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const user = db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.email, 'admin@big.example')).get()!;
    started = performance.now();
    const viewer = loadViewer(db, user.id, user.sessionVersion)!;
    console.log(`viewer re-read (every request): ${(performance.now() - started).toFixed(2)} ms`);
    const oneAccount = db.select({ id: purchaseAccounts.id }).from(purchaseAccounts).where(eq(purchaseAccounts.number, '9000150')).get()!.id;

    const all: InventoryFilters = { accounts: 'all' };
    const single: InventoryFilters = { accounts: { accountId: oneAccount } };
    time('inventory, all accounts, page 1 (collapsed)', () => listProductGroups(viewer, all, 1));
    time('inventory, all accounts, last page', () => listProductGroups(viewer, all, 60));
    time('inventory, all accounts, page 1 expanded (lines of 25 products)', () => listLinesOfGroups(viewer, all, listProductGroups(viewer, all, 1).groups));
    time('inventory, all accounts, search "datacenter 2022"', () => listProductGroups(viewer, { ...all, query: 'datacenter 2022' }, 1));
    time('inventory, all accounts, packages view', () => listProductGroups(viewer, { ...all, packages: true }, 1));
    time('inventory, one account, page 1 expanded', () => listLinesOfGroups(viewer, single, listProductGroups(viewer, single, 1).groups));
    time('account selector, location "montreal"', () => searchAccounts(viewer, { location: 'montreal' }, 1).rows);
    time('CSV export, all accounts (every line)', () => listAllLines(viewer, all));
    db.$client.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
