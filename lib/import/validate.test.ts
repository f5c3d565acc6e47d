import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createTestDb } from '@/tests/helpers/db';
import { fastPasswordHash } from '@/tests/helpers/fixtures';
import { importDocument } from './apply';
import type { ImportProblem } from './problems';
import type { ImportDocument } from './schema';
import { validateImport } from './validate';

/** A small valid document every test changes one thing in. */
function base(): ImportDocument {
  return {
    version: 1,
    partners: [
      { code: 'P1', name: 'Partner One' },
      { code: 'P2', name: 'Partner Two' },
    ],
    customers: [
      { number: 'C1', legalName: 'Customer One' },
      { number: 'C2', legalName: 'Customer Two' },
    ],
    agreements: [
      { number: 'AG1', customer: 'C1' },
      { number: 'AG2', customer: 'C2' },
    ],
    productFamilies: [{ code: 'F', name: 'Family' }],
    products: [
      { code: 'LIC', family: 'F', name: 'Licence', kind: 'license' },
      { code: 'SVC', family: 'F', name: 'Service', kind: 'online_service' },
    ],
    packages: [{ code: 'PK', name: 'Package', items: [{ product: 'LIC', quantity: 1 }] }],
    purchaseAccounts: [
      { number: 'A1', name: 'Account One', city: 'Montréal', country: 'CA', customer: 'C1', agreement: 'AG1', partner: 'P1' },
      { number: 'A2', name: 'Account Two', city: 'Lyon', country: 'FR', customer: 'C2', agreement: 'AG2', partner: 'P2' },
    ],
    orders: [{ number: 'O1', date: '2026-01-10', status: 'completed', partner: 'P1', account: 'A1', items: [{ product: 'LIC', quantity: 2 }] }],
    licensePositions: [
      {
        account: 'A1',
        product: 'LIC',
        licenseCount: 5,
        saCount: 2,
        transactions: [
          { date: '2025-01-01', kind: 'opening_balance', licenseDelta: 3, saDelta: 2 },
          { date: '2026-01-10', kind: 'order', licenseDelta: 2, order: 'O1' },
        ],
      },
    ],
    subscriptions: [{ account: 'A1', product: 'SVC', available: 4, ordered: 3, nextExpiration: '2027-01-01' }],
    benefits: [{ account: 'A1', benefit: 'Training', entitled: 3, used: 1, expires: '2027-06-30' }],
    users: [
      { email: 'viewer@one.example', name: 'Viewer', grants: [{ role: 'account_viewer', customer: 'C1', accounts: ['A1'] }] },
      { email: 'partner@one.example', name: 'Partner', grants: [{ role: 'partner_user', partner: 'P1' }] },
    ],
  };
}

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});

async function problemsOf(doc: unknown, prune = false): Promise<ImportProblem[]> {
  return (await validateImport(db, doc, { prune })).problems;
}

/** Applies `change` to a copy of the base document and returns its problems. */
async function problemsAfter(change: (doc: ImportDocument) => void, prune = false): Promise<ImportProblem[]> {
  const doc = base();
  change(doc);
  return (await problemsOf(doc, prune));
}

describe('validateImport', () => {
  it('accepts the base document', async () => {
    expect((await problemsOf(base()))).toEqual([]);
  });

  describe('structure (zod), with JSON paths', () => {
    it('reports a missing field, a wrong type, an unknown field and a bad version', async () => {
      const doc = base() as unknown as Record<string, unknown[]> & { version: unknown };
      doc.version = 2;
      (doc.purchaseAccounts![0] as Record<string, unknown>).agreement = undefined;
      (doc.purchaseAccounts![1] as Record<string, unknown>).city = 42;
      (doc.subscriptions![0] as Record<string, unknown>).nxtExpiration = '2027-01-01';
      expect((await problemsOf(doc))).toEqual(
        expect.arrayContaining([
          { path: 'version', message: 'must be 1' },
          { path: 'purchaseAccounts[0].agreement', message: 'is required (a text)' },
          { path: 'purchaseAccounts[1].city', message: 'must be a text, not number 42' },
          { path: 'subscriptions[0].nxtExpiration', message: 'is not a field of this entry (check its spelling)' },
        ]),
      );
    });

    it('accepts only https: and http: management URLs, with the JSON path', async () => {
      const bad = ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://files.example/'];
      for (const url of bad) {
        expect((await problemsAfter((doc) => (doc.products![1]!.managementUrl = url)))).toEqual([
          { path: 'products[1].managementUrl', message: 'must be an absolute https: or http: URL' },
        ]);
      }
      for (const url of ['https://admin.microsoft.com/', 'http://intranet.example/licences', 'HTTPS://Portal.Example/']) {
        expect((await problemsAfter((doc) => (doc.products![1]!.managementUrl = url)))).toEqual([]);
      }
    });

    it('requires real dates, whole non-negative counts, known kinds and roles', async () => {
      const doc = base() as unknown as { [key: string]: Record<string, unknown>[] };
      doc.subscriptions![0]!.nextExpiration = '2026-02-30';
      doc.licensePositions![0]!.licenseCount = -1;
      doc.licensePositions![0]!.saCount = 1.5;
      doc.products![0]!.kind = 'software';
      (doc.users![0]!.grants as Record<string, unknown>[])[0]!.role = 'owner';
      (doc.licensePositions![0]!.transactions as Record<string, unknown>[])[0]!.kind = 'gift';
      const problems = (await problemsOf(doc));
      expect(problems).toEqual(
        expect.arrayContaining([
          { path: 'subscriptions[0].nextExpiration', message: 'must be a real date written YYYY-MM-DD' },
          { path: 'licensePositions[0].licenseCount', message: 'must not be negative' },
          { path: 'licensePositions[0].saCount', message: 'must be a whole number, not number 1.5' },
          { path: 'products[0].kind', message: 'must be one of "license", "online_service", "developer_subscription", "cloud_platform"' },
          { path: 'users[0].grants[0].role', message: 'must be one of "customer_admin", "account_viewer", "partner_user"' },
          expect.objectContaining({ path: 'licensePositions[0].transactions[0].kind' }),
        ]),
      );
    });

    it('rejects keys with surrounding spaces, blank names and a document that is not an object', async () => {
      expect((await problemsAfter((doc) => (doc.customers![0]!.number = ' C1')))).toContainEqual({
        path: 'customers[0].number',
        message: 'must not be empty nor begin or end with a space',
      });
      expect((await problemsAfter((doc) => (doc.customers![0]!.legalName = '   ')))).toContainEqual({ path: 'customers[0].legalName', message: 'must not be blank' });
      expect((await problemsOf([]))).toEqual([{ path: '', message: 'must be an object, not a list' }]);
    });

    const CONTROL = 'must not hold control characters (line breaks, tabs and the like)';
    it.each<[string, (doc: ImportDocument, value: string) => void]>([
      ['partners[1].name', (doc, value) => (doc.partners![1]!.name = value)],
      ['partners[0].contactPhone', (doc, value) => (doc.partners![0]!.contactPhone = value)],
      ['customers[0].legalName', (doc, value) => (doc.customers![0]!.legalName = value)],
      ['agreements[0].name', (doc, value) => (doc.agreements![0]!.name = value)],
      ['productFamilies[0].name', (doc, value) => (doc.productFamilies![0]!.name = value)],
      ['products[1].name', (doc, value) => (doc.products![1]!.name = value)],
      ['packages[0].name', (doc, value) => (doc.packages![0]!.name = value)],
      ['purchaseAccounts[1].name', (doc, value) => (doc.purchaseAccounts![1]!.name = value)],
      ['purchaseAccounts[0].city', (doc, value) => (doc.purchaseAccounts![0]!.city = value)],
      ['subscriptions[0].edition', (doc, value) => (doc.subscriptions![0]!.edition = value)],
      ['orders[0].customerPoNumber', (doc, value) => (doc.orders![0]!.customerPoNumber = value)],
      ['orders[0].billTo.name', (doc, value) => (doc.orders![0]!.billTo = { name: value, address: 'line one\nline two' })],
      ['benefits[0].benefit', (doc, value) => (doc.benefits![0]!.benefit = value)],
      ['users[1].name', (doc, value) => (doc.users![1]!.name = value)],
    ])('refuses a control character in %s, naming the entry and the field', async (path, change) => {
      // A lone carriage return, a line feed, a tab, an escape, NUL, DEL and a C1 control: each refused alone.
      for (const control of ['\r', '\n', '\t', '\u001b', '\u0000', '\u007f', '\u0085']) {
        expect((await problemsAfter((doc) => change(doc, `Tailspin${control}Toys`))), JSON.stringify(control)).toEqual([{ path, message: CONTROL }]);
      }
      // Accents, typographic apostrophes and non-breaking spaces are text, not control characters.
      expect((await problemsAfter((doc) => change(doc, 'Montréal l’Île\u00a0Nord')))).toEqual([]);
    });

    it('lets an address and a note hold line breaks, and nothing else of the kind', async () => {
      const multiLine = 'line one\nline two\r\nline three';
      expect((await problemsAfter((doc) => (doc.orders![0]!.billTo = { name: 'Tailspin', address: multiLine })))).toEqual([]);
      expect((await problemsAfter((doc) => (doc.licensePositions![0]!.transactions![0]!.note = multiLine)))).toEqual([]);
      const message = 'must not hold control characters other than line breaks';
      for (const control of ['\r', '\t', '\u001b']) {
        expect((await problemsAfter((doc) => (doc.orders![0]!.billTo = { name: 'Tailspin', address: `a${control}b` })))).toEqual([{ path: 'orders[0].billTo.address', message }]);
        expect((await problemsAfter((doc) => (doc.licensePositions![0]!.transactions![0]!.note = `a${control}b`)))).toEqual([{ path: 'licensePositions[0].transactions[0].note', message }]);
      }
    });

    it('refuses a control character in a key too', async () => {
      for (const control of ['\r', '\t', '\u001b', '\u0000']) {
        expect((await problemsAfter((doc) => (doc.customers![1]!.number = `C${control}2`))), JSON.stringify(control)).toContainEqual({ path: 'customers[1].number', message: CONTROL });
      }
    });
  });

  describe('duplicate natural keys in the file', () => {
    it.each([
      ['partners', (d: ImportDocument) => d.partners!.push({ code: 'P1', name: 'Again' }), 'partners[2]'],
      ['customers', (d: ImportDocument) => d.customers!.push({ number: 'C2', legalName: 'Again' }), 'customers[2]'],
      ['agreements', (d: ImportDocument) => d.agreements!.push({ number: 'AG1', customer: 'C1' }), 'agreements[2]'],
      ['productFamilies', (d: ImportDocument) => d.productFamilies!.push({ code: 'F', name: 'Again' }), 'productFamilies[1]'],
      ['products', (d: ImportDocument) => d.products!.push({ code: 'SVC', family: 'F', name: 'Again', kind: 'online_service' }), 'products[2]'],
      ['packages', (d: ImportDocument) => d.packages!.push({ code: 'PK', name: 'Again', items: [{ product: 'LIC', quantity: 1 }] }), 'packages[1]'],
      [
        'purchaseAccounts',
        (d: ImportDocument) => d.purchaseAccounts!.push({ ...d.purchaseAccounts![1]!, name: 'Again' }),
        'purchaseAccounts[2]',
      ],
      ['orders', (d: ImportDocument) => d.orders!.push({ ...d.orders![0]! }), 'orders[1]'],
      [
        'licensePositions',
        (d: ImportDocument) => d.licensePositions!.push({ account: 'A1', product: 'LIC', edition: '', licenseCount: 1, saCount: 0 }),
        'licensePositions[1]',
      ],
      [
        'subscriptions',
        (d: ImportDocument) => d.subscriptions!.push({ account: 'A1', product: 'SVC', edition: 'Other', available: 1, ordered: 1, nextExpiration: '2027-01-01' }),
        'subscriptions[1]',
      ],
      ['benefits', (d: ImportDocument) => d.benefits!.push({ ...d.benefits![0]!, entitled: 9 }), 'benefits[1]'],
      ['users (e-mail without case)', (d: ImportDocument) => d.users!.push({ email: 'VIEWER@one.example', name: 'Again', grants: [] }), 'users[2]'],
    ])('%s', async (_type, change, path) => {
      const problems = (await problemsAfter(change));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe(path);
      expect(problems[0]!.message).toMatch(/^repeats \w+\[\d+\] \(same .+\); each .+ must appear once$/);
    });

    it('a package item and a grant repeated inside their entry', async () => {
      expect((await problemsAfter((d) => d.packages![0]!.items.push({ product: 'LIC', quantity: 3 })))).toEqual([
        { path: 'packages[0].items[1]', message: 'repeats items[0] (same product, edition and version)' },
      ]);
      expect((await problemsAfter((d) => d.users![1]!.grants.push({ role: 'partner_user', partner: 'P1' })))).toEqual([
        { path: 'users[1].grants[1]', message: 'repeats grants[0] (same role and scope)' },
      ]);
    });

    it('positions differing only by package or resource usage are distinct', async () => {
      expect(
        (await problemsAfter((d) => {
          d.licensePositions!.push({ account: 'A1', product: 'LIC', package: 'PK', licenseCount: 1, saCount: 0 });
          d.licensePositions!.push({ account: 'A1', product: 'LIC', resourceUsage: 'Par cœur', licenseCount: 1, saCount: 0 });
        })),
      ).toEqual([]);
    });
  });

  describe('references', () => {
    it('reports every unknown reference with its path', async () => {
      const problems = (await problemsAfter((d) => {
        d.agreements![0]!.customer = 'C9';
        d.products![0]!.family = 'F9';
        d.packages![0]!.items[0]!.product = 'NOPE';
        d.purchaseAccounts![0]!.partner = 'P9';
        d.purchaseAccounts![1]!.agreement = 'AG9';
        d.orders![0]!.items[0]!.product = 'NOPE';
        d.subscriptions![0]!.account = 'A9';
        d.benefits![0]!.account = 'A9';
        d.users![1]!.grants = [{ role: 'partner_user', partner: 'P9' }];
        d.users![0]!.grants = [{ role: 'account_viewer', customer: 'C1', accounts: ['A1', 'A9'] }];
      }));
      expect(problems).toEqual(
        expect.arrayContaining([
          { path: 'agreements[0].customer', message: 'customer "C9" is not in this file nor in the database' },
          { path: 'products[0].family', message: 'product family "F9" is not in this file nor in the database' },
          { path: 'packages[0].items[0].product', message: 'product "NOPE" is not in this file nor in the database' },
          { path: 'purchaseAccounts[0].partner', message: 'partner "P9" is not in this file nor in the database' },
          { path: 'purchaseAccounts[1].agreement', message: 'agreement "AG9" is not in this file nor in the database' },
          { path: 'orders[0].items[0].product', message: 'product "NOPE" is not in this file nor in the database' },
          { path: 'subscriptions[0].account', message: 'purchase account "A9" is not in this file nor in the database' },
          { path: 'benefits[0].account', message: 'purchase account "A9" is not in this file nor in the database' },
          { path: 'users[1].grants[0].partner', message: 'partner "P9" is not in this file nor in the database' },
          { path: 'users[0].grants[0].accounts[1]', message: 'purchase account "A9" is not in this file nor in the database' },
        ]),
      );
    });

    it('resolves references against the database, so incremental files work', async () => {
      const own = await createTestDb();
      await importDocument(own, base(), { passwordHasher: fastPasswordHash, today: '2026-11-24' });
      const incremental: ImportDocument = {
        version: 1,
        purchaseAccounts: [{ number: 'A3', name: 'Account Three', city: 'Genève', country: 'CH', customer: 'C1', agreement: 'AG1', partner: 'P2' }],
        licensePositions: [{ account: 'A3', product: 'LIC', package: 'PK', licenseCount: 1, saCount: 0 }],
        subscriptions: [
          { account: 'A3', product: 'SVC', available: 1, ordered: 1, nextExpiration: '2027-01-01', transactions: [{ date: '2026-02-01', kind: 'order', availableDelta: 1, orderedDelta: 1 }] },
        ],
        users: [{ email: 'admin@one.example', name: 'Admin', grants: [{ role: 'account_viewer', customer: 'C1', accounts: ['A1', 'A3'] }] }],
      };
      expect((await validateImport(own, incremental)).problems).toEqual([]);
      // With --prune, a type present in the file is replaced by the file: its other rows no longer resolve.
      const pruned = (await validateImport(own, { version: 1, customers: [{ number: 'C3', legalName: 'Three' }], agreements: [{ number: 'AG3', customer: 'C1' }] }, { prune: true }));
      expect(pruned.problems).toContainEqual({
        path: 'agreements[0].customer',
        message: 'customer "C1" is not in this file (with --prune, the database\'s customers not in the file are deleted)',
      });
    });

    it("an account whose agreement belongs to another customer", async () => {
      expect((await problemsAfter((d) => (d.purchaseAccounts![1]!.agreement = 'AG1')))).toEqual([
        { path: 'purchaseAccounts[1].agreement', message: 'agreement "AG1" belongs to customer "C1", not to this account\'s customer "C2"' },
      ]);
    });

    it('an account viewer grant listing an account of another customer', async () => {
      expect((await problemsAfter((d) => (d.users![0]!.grants = [{ role: 'account_viewer', customer: 'C1', accounts: ['A1', 'A2'] }])))).toEqual([
        { path: 'users[0].grants[0].accounts[1]', message: 'purchase account "A2" belongs to customer "C2", not to the grant\'s customer "C1"' },
      ]);
    });

    it('a position in a package that does not contain its product', async () => {
      expect(
        (await problemsAfter((d) => {
          d.products!.push({ code: 'LIC2', family: 'F', name: 'Other licence', kind: 'license' });
          d.licensePositions!.push({ account: 'A1', product: 'LIC2', package: 'PK', licenseCount: 1, saCount: 0 });
        })),
      ).toEqual([{ path: 'licensePositions[1].package', message: 'package "PK" does not contain product "LIC2"' }]);
    });
  });

  describe('product kinds', () => {
    it('a subscription whose product is not an online service', async () => {
      expect((await problemsAfter((d) => (d.subscriptions![0]!.product = 'LIC')))).toEqual([
        { path: 'subscriptions[0].product', message: 'product "LIC" is not an online service (license): list it under licensePositions' },
      ]);
    });

    it('a licence position whose product is an online service', async () => {
      expect((await problemsAfter((d) => d.licensePositions!.push({ account: 'A2', product: 'SVC', licenseCount: 1, saCount: 0 })))).toEqual([
        { path: 'licensePositions[1].product', message: 'product "SVC" is an online service: list it under subscriptions' },
      ]);
    });

    it('a product that would change sides while the database holds lines of it', async () => {
      const own = await createTestDb();
      await importDocument(own, base(), { passwordHasher: fastPasswordHash, today: '2026-11-24' });
      const problems = (await validateImport(own, { version: 1, products: [{ code: 'LIC', family: 'F', name: 'Licence', kind: 'online_service' }] })).problems;
      expect(problems).toEqual([
        { path: 'products[0].kind', message: 'product "LIC" has licence positions in the database, so it cannot become an online service' },
      ]);
    });
  });

  describe('transactions', () => {
    it('sums that do not equal the stated counts: the path of the line and both figures', async () => {
      expect((await problemsAfter((d) => (d.licensePositions![0]!.licenseCount = 6)))).toEqual([
        { path: 'licensePositions[0]', message: 'licenseCount is 6 but its transactions add up to 5' },
      ]);
      expect(
        (await problemsAfter((d) => {
          d.subscriptions![0]!.transactions = [{ date: '2026-01-10', kind: 'order', availableDelta: 3, orderedDelta: 3, order: 'O1' }];
        })),
      ).toEqual([{ path: 'subscriptions[0]', message: 'available is 4 but its transactions add up to 3' }]);
    });

    it('counts stored transactions the file does not list, unless --prune', async () => {
      const own = await createTestDb();
      await importDocument(own, base(), { passwordHasher: fastPasswordHash, today: '2026-11-24' });
      const doc = base();
      // The file now lists only the order: the stored opening balance (3 licences, 2 SA) is kept.
      doc.licensePositions![0]!.transactions = [{ date: '2026-01-10', kind: 'order', licenseDelta: 2, order: 'O1' }];
      // 2 from the file + 3 kept = 5 licences; 0 + 2 kept = 2 SA: valid.
      expect((await validateImport(own, doc)).problems).toEqual([]);
      doc.licensePositions![0]!.licenseCount = 2;
      doc.licensePositions![0]!.saCount = 0;
      expect((await validateImport(own, doc)).problems).toEqual([
        {
          path: 'licensePositions[0]',
          message: 'licenseCount is 2 but its transactions add up to 5 (2 from the file\'s transactions and 3 from 1 stored transaction the file does not list, which are kept unless --prune)',
        },
        {
          path: 'licensePositions[0]',
          message: 'saCount is 0 but its transactions add up to 2 (0 from the file\'s transactions and 2 from 1 stored transaction the file does not list, which are kept unless --prune)',
        },
      ]);
      expect((await validateImport(own, doc, { prune: true })).problems).toEqual([]);
    });

    it('a transaction referring to an unknown order, or to an order of another account', async () => {
      expect((await problemsAfter((d) => (d.licensePositions![0]!.transactions![1]!.order = 'O9')))).toEqual([
        { path: 'licensePositions[0].transactions[1].order', message: 'order "O9" is not in this file nor in the database' },
      ]);
      expect(
        (await problemsAfter((d) => {
          d.orders!.push({ number: 'O2', date: '2026-01-11', status: 'completed', partner: 'P2', account: 'A2', items: [{ product: 'LIC', quantity: 1 }] });
          d.licensePositions![0]!.transactions![1]!.order = 'O2';
        })),
      ).toEqual([{ path: 'licensePositions[0].transactions[1].order', message: 'order "O2" is for purchase account "A2", not "A1"' }]);
    });

    it('a self-provisioning that changes ordered subscriptions', async () => {
      expect(
        (await problemsAfter((d) => {
          d.subscriptions![0]!.transactions = [
            { date: '2026-01-10', kind: 'order', availableDelta: 3, orderedDelta: 2 },
            { date: '2026-02-10', kind: 'self_provisioning', availableDelta: 1, orderedDelta: 1 },
          ];
        })),
      ).toEqual([
        {
          path: 'subscriptions[0].transactions[1].orderedDelta',
          message: 'a self-provisioning raises available subscriptions only; it cannot change ordered ones',
        },
      ]);
    });
  });

  describe('other rules', () => {
    it('an agreement ending before it starts; benefits used beyond entitled; prices with too many decimals', async () => {
      expect(
        (await problemsAfter((d) => {
          d.agreements![0] = { ...d.agreements![0]!, startsOn: '2026-01-01', endsOn: '2025-12-31' };
          d.benefits![0]!.used = 4;
          d.orders![0]!.items[0]!.unitPrice = 10.005;
          d.orders![0]!.currency = 'EUR';
        })),
      ).toEqual([
        { path: 'agreements[0].endsOn', message: 'ends on 2025-12-31, before it starts (2026-01-01)' },
        { path: 'orders[0].items[0].unitPrice', message: '10.005 has more decimals than EUR allows' },
        { path: 'benefits[0].used', message: '4 used is more than the 3 entitled' },
      ]);
    });

    it('--prune refuses to delete a row that a kept row refers to', async () => {
      const own = await createTestDb();
      await importDocument(own, base(), { passwordHasher: fastPasswordHash, today: '2026-11-24' });
      // Customers are listed (without C2) but purchase accounts are not: account A2 would lose its customer.
      const problems = (await validateImport(own, { version: 1, customers: [{ number: 'C1', legalName: 'Customer One' }] }, { prune: true })).problems;
      expect(problems).toContainEqual({
        path: 'customers',
        message:
          'customer "C2" is not in this file, so --prune would delete it, but purchase account "A2" (in the database; its type is not in this file, so it is kept) refers to it; add it to the file or list the dependent entries too',
      });
      // Without --prune nothing is deleted, so the same file is fine.
      expect((await validateImport(own, { version: 1, customers: [{ number: 'C1', legalName: 'Customer One' }] })).problems).toEqual([]);
    });
  });

  it('returns every problem at once, in the order of the file', async () => {
    const problems = (await problemsAfter((d) => {
      d.users![0]!.grants = [{ role: 'customer_admin', customer: 'C9' }];
      d.purchaseAccounts![1]!.partner = 'P9';
      d.customers!.push({ number: 'C1', legalName: 'Again' });
    }));
    expect(problems.map((p) => p.path)).toEqual(['customers[2]', 'purchaseAccounts[1].partner', 'users[0].grants[0].customer']);
  });
});
