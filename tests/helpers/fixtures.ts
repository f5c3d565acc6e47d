/**
 * A compact, known data set for integration tests that must assert what a
 * person must NOT see: two customers, two partners each serving accounts of
 * both customers, a user of every role, a few lines of each kind, a package,
 * orders and benefits. Loaded through importDocument like real data.
 *
 *   const db = await createTestDb();
 *   await loadFixtures(db);
 *   … sign in as FIXTURE_USERS.alphaViewer (password FIXTURE_PASSWORD) …
 *
 * Passwords are hashed with scrypt at a low cost (N=2^10) in the stored
 * format of lib/auth/password.ts, so verifyPassword accepts them and tests
 * stay fast.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import type { Db } from '@/db/client';
import { importDocument, type ImportSummary } from '@/lib/import/apply';
import type { ImportDocument } from '@/lib/import/schema';

export const FIXTURE_PASSWORD = 'fixture-password-2026';
/** The date the fixtures are built around (the tests' LICENSE_DESK_TEST_TODAY). */
export const FIXTURE_TODAY = '2026-11-24';

export const FIXTURE_PARTNERS = { north: 'PN', south: 'PS' } as const;
export const FIXTURE_CUSTOMERS = { alpha: '2000001', beta: '2000002' } as const;
export const FIXTURE_AGREEMENTS = { alpha: '8000001', beta: '8000002' } as const;
/**
 * Purchase accounts: alphaNorth is of customer alpha with partner of record
 * north, and so on. alpha has a third account, alphaNorth2, to tell an
 * account viewer (who sees alphaNorth only) from the customer's administrator.
 */
export const FIXTURE_ACCOUNTS = {
  alphaNorth: '6000011',
  alphaNorth2: '6000012',
  alphaSouth: '6000013',
  betaNorth: '6000021',
  betaSouth: '6000022',
} as const;

export const FIXTURE_USERS = {
  /** customer_admin of alpha (fr): alpha's three accounts. */
  alphaAdmin: 'admin@alpha.example',
  /** account_viewer of alpha with alphaNorth only (en). */
  alphaViewer: 'viewer@alpha.example',
  /** customer_admin of beta (en): beta's two accounts. */
  betaAdmin: 'admin@beta.example',
  /** account_viewer of beta with betaSouth only (fr). */
  betaViewer: 'viewer@beta.example',
  /** partner_user of north (fr): alphaNorth, alphaNorth2, betaNorth. */
  northPartner: 'user@north.example',
  /** partner_user of south (en): alphaSouth, betaSouth. */
  southPartner: 'user@south.example',
  /** Inactive customer_admin of alpha: may not sign in. */
  inactive: 'inactive@alpha.example',
} as const;

export const FIXTURE_PRODUCTS = {
  office: 'FX-OFFICE-PRO',
  winServer: 'FX-WINSRV-STD',
  cal: 'FX-WINSRV-CAL',
  o365: 'FX-O365-E3',
  vs: 'FX-VS-PRO',
} as const;
export const FIXTURE_PACKAGE = 'FX-CALSUITE';
/** Orders: one per partner, on accounts of different customers. */
export const FIXTURE_ORDERS = { alphaNorth: 'FX-ORD-1001', betaSouth: 'FX-ORD-2001' } as const;

/** A scrypt hash verifyPassword accepts, at a cost fit for tests only. */
export function fastPasswordHash(password: string): Promise<string> {
  const N = 1024;
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N, r: 8, p: 1 });
  return Promise.resolve(['scrypt', N, 8, 1, salt.toString('base64'), key.toString('base64')].join('$'));
}

export function fixtureDocument(): ImportDocument {
  const A = FIXTURE_ACCOUNTS;
  const P = FIXTURE_PRODUCTS;
  const user = (email: string, name: string, locale: 'fr' | 'en', grants: NonNullable<ImportDocument['users']>[number]['grants']) => ({
    email,
    name,
    locale,
    password: FIXTURE_PASSWORD,
    grants,
  });
  return {
    version: 1,
    partners: [
      { code: FIXTURE_PARTNERS.north, name: 'Partenaire Nord', contactEmail: 'contact@north.example', contactPhone: '+1 514 555 0100' },
      { code: FIXTURE_PARTNERS.south, name: 'Partner South', contactEmail: 'contact@south.example' },
    ],
    customers: [
      { number: FIXTURE_CUSTOMERS.alpha, legalName: 'Alpha Équipements Ltée' },
      { number: FIXTURE_CUSTOMERS.beta, legalName: 'Beta Industries SA' },
    ],
    agreements: [
      { number: FIXTURE_AGREEMENTS.alpha, customer: FIXTURE_CUSTOMERS.alpha, name: 'Enterprise Agreement', startsOn: '2025-01-01', endsOn: '2027-12-31' },
      { number: FIXTURE_AGREEMENTS.beta, customer: FIXTURE_CUSTOMERS.beta, name: 'Open Value' },
    ],
    productFamilies: [
      { code: 'FX-OFFICE', name: 'Office' },
      { code: 'FX-WINSRV', name: 'Windows Server' },
      { code: 'FX-O365', name: 'Office 365' },
      { code: 'FX-VS', name: 'Visual Studio' },
    ],
    products: [
      { code: P.office, family: 'FX-OFFICE', name: 'Office Professionnel Plus', kind: 'license' },
      { code: P.winServer, family: 'FX-WINSRV', name: 'Windows Server Standard', kind: 'license' },
      { code: P.cal, family: 'FX-WINSRV', name: "Windows Server CAL", kind: 'license' },
      { code: P.o365, family: 'FX-O365', name: 'Office 365 E3', kind: 'online_service', managementUrl: 'https://admin.microsoft.com/' },
      { code: P.vs, family: 'FX-VS', name: 'Visual Studio Professional avec MSDN', kind: 'developer_subscription' },
    ],
    packages: [{ code: FIXTURE_PACKAGE, name: 'Suite CAL de test', items: [{ product: P.cal, quantity: 1 }] }],
    purchaseAccounts: [
      { number: A.alphaNorth, name: 'Alpha Montréal', city: 'Montréal', country: 'CA', customer: FIXTURE_CUSTOMERS.alpha, agreement: FIXTURE_AGREEMENTS.alpha, partner: FIXTURE_PARTNERS.north },
      { number: A.alphaNorth2, name: 'Alpha Québec', city: 'Québec', country: 'CA', customer: FIXTURE_CUSTOMERS.alpha, agreement: FIXTURE_AGREEMENTS.alpha, partner: FIXTURE_PARTNERS.north },
      { number: A.alphaSouth, name: 'Alpha Lyon', city: 'Lyon', country: 'FR', customer: FIXTURE_CUSTOMERS.alpha, agreement: FIXTURE_AGREEMENTS.alpha, partner: FIXTURE_PARTNERS.south },
      { number: A.betaNorth, name: 'Beta Genève', city: 'Genève', country: 'CH', customer: FIXTURE_CUSTOMERS.beta, agreement: FIXTURE_AGREEMENTS.beta, partner: FIXTURE_PARTNERS.north },
      { number: A.betaSouth, name: 'Beta Besançon', city: 'Besançon', country: 'FR', customer: FIXTURE_CUSTOMERS.beta, agreement: FIXTURE_AGREEMENTS.beta, partner: FIXTURE_PARTNERS.south },
    ],
    orders: [
      {
        number: FIXTURE_ORDERS.alphaNorth,
        date: '2026-09-15',
        status: 'completed',
        partner: FIXTURE_PARTNERS.north,
        account: A.alphaNorth,
        customerPoNumber: 'PO-ALPHA-77',
        currency: 'CAD',
        billTo: { name: 'Alpha Équipements Ltée', address: '1 rue Principale\nMontréal QC' },
        shipTo: { name: 'Alpha Montréal', address: '1 rue Principale\nMontréal QC' },
        items: [
          { product: P.office, edition: 'Professionnel Plus', version: '2021', resourceUsage: 'Par appareil', quantity: 10, softwareAssurance: true, unitPrice: 512.5 },
          { product: P.o365, edition: 'E3', quantity: 20, termMonths: 12 },
        ],
      },
      {
        number: FIXTURE_ORDERS.betaSouth,
        date: '2026-10-01',
        status: 'processing',
        partner: FIXTURE_PARTNERS.south,
        account: A.betaSouth,
        customerPoNumber: 'PO-BETA-12',
        currency: 'EUR',
        items: [{ product: P.winServer, edition: 'Standard', version: '2022', resourceUsage: 'Par cœur', quantity: 16, softwareAssurance: true }],
      },
    ],
    licensePositions: [
      {
        account: A.alphaNorth,
        product: P.office,
        edition: 'Professionnel Plus',
        version: '2021',
        resourceUsage: 'Par appareil',
        licenseCount: 35,
        saCount: 10,
        transactions: [
          { date: '2025-01-15', kind: 'opening_balance', licenseDelta: 25 },
          { date: '2026-09-15', kind: 'order', licenseDelta: 10, saDelta: 10, order: FIXTURE_ORDERS.alphaNorth },
        ],
      },
      { account: A.alphaNorth, product: P.cal, resourceUsage: 'Par utilisateur', package: FIXTURE_PACKAGE, licenseCount: 40, saCount: 40 },
      { account: A.alphaNorth, product: P.cal, resourceUsage: 'Par utilisateur', licenseCount: 5, saCount: 0 },
      { account: A.alphaNorth2, product: P.vs, edition: 'Professional', licenseCount: 3, saCount: 3 },
      { account: A.alphaSouth, product: P.winServer, edition: 'Standard', version: '2019', resourceUsage: 'Par cœur', licenseCount: 8, saCount: 0 },
      { account: A.betaNorth, product: P.office, edition: 'Professionnel Plus', version: '2019', resourceUsage: 'Par appareil', licenseCount: 12, saCount: 0 },
      {
        account: A.betaSouth,
        product: P.winServer,
        edition: 'Standard',
        version: '2022',
        resourceUsage: 'Par cœur',
        licenseCount: 16,
        saCount: 16,
        transactions: [{ date: '2026-10-01', kind: 'order', licenseDelta: 16, saDelta: 16, order: FIXTURE_ORDERS.betaSouth }],
      },
    ],
    subscriptions: [
      {
        account: A.alphaNorth,
        product: P.o365,
        edition: 'E3',
        available: 25,
        ordered: 20,
        nextExpiration: '2026-12-10',
        transactions: [
          { date: '2026-09-15', kind: 'order', availableDelta: 20, orderedDelta: 20, order: FIXTURE_ORDERS.alphaNorth },
          { date: '2026-10-20', kind: 'self_provisioning', availableDelta: 5, note: 'Activé par le client' },
        ],
      },
      { account: A.betaSouth, product: P.o365, edition: 'E3', available: 10, ordered: 10, nextExpiration: '2027-03-01' },
    ],
    benefits: [
      { account: A.alphaNorth, benefit: 'Jours de planification du déploiement', entitled: 5, used: 2, expires: '2027-06-30' },
      { account: A.betaSouth, benefit: 'Formation', entitled: 10, used: 0, expires: '2027-01-31' },
    ],
    users: [
      user(FIXTURE_USERS.alphaAdmin, 'Alice Admin', 'fr', [{ role: 'customer_admin', customer: FIXTURE_CUSTOMERS.alpha }]),
      user(FIXTURE_USERS.alphaViewer, 'Victor Viewer', 'en', [
        { role: 'account_viewer', customer: FIXTURE_CUSTOMERS.alpha, accounts: [A.alphaNorth] },
      ]),
      user(FIXTURE_USERS.betaAdmin, 'Bella Admin', 'en', [{ role: 'customer_admin', customer: FIXTURE_CUSTOMERS.beta }]),
      user(FIXTURE_USERS.betaViewer, 'Benoît Lecteur', 'fr', [
        { role: 'account_viewer', customer: FIXTURE_CUSTOMERS.beta, accounts: [A.betaSouth] },
      ]),
      user(FIXTURE_USERS.northPartner, 'Nadia Nord', 'fr', [{ role: 'partner_user', partner: FIXTURE_PARTNERS.north }]),
      user(FIXTURE_USERS.southPartner, 'Sam South', 'en', [{ role: 'partner_user', partner: FIXTURE_PARTNERS.south }]),
      { ...user(FIXTURE_USERS.inactive, 'Ines Inactive', 'fr', [{ role: 'customer_admin', customer: FIXTURE_CUSTOMERS.alpha }]), active: false },
    ],
  };
}

/** Imports the fixtures into `db` (a createTestDb()). */
export async function loadFixtures(db: Db): Promise<ImportSummary> {
  return (await importDocument(db, fixtureDocument(), { passwordHasher: fastPasswordHash, today: FIXTURE_TODAY }));
}
