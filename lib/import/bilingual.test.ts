/**
 * The names people read carry their French and English forms: a plain text
 * (as files written before both forms were known) is the same name in both
 * languages, `{ fr, en }` gives both, one form alone stands for both; resource
 * usage is stored as a code whether a file gives it as a code or by its name.
 */
import { describe, expect, it } from 'vitest';
import { all, createTestDb, one } from '@/tests/helpers/db';
import { fastPasswordHash } from '@/tests/helpers/fixtures';
import { importDocument } from './apply';
import { ImportValidationError } from './problems';
import { parseImportDocument } from './validate';
import type { ImportDocument } from './schema';

const options = { passwordHasher: fastPasswordHash, today: '2026-11-24' };

function document(overrides: Partial<ImportDocument> = {}): ImportDocument {
  return {
    version: 1,
    partners: [{ code: 'NWP', name: 'Northwind' }],
    customers: [{ number: 'C1', legalName: 'Tailspin' }],
    agreements: [{ number: 'A1', customer: 'C1' }],
    productFamilies: [
      { code: 'CAL', name: { fr: "Licences d'accès client", en: 'Client Access Licenses' } },
      { code: 'OFFICE', name: 'Office' },
    ],
    products: [
      { code: 'PROPLUS', family: 'OFFICE', name: { fr: 'Office Professionnel Plus', en: 'Office Professional Plus' }, kind: 'license' },
      { code: 'WINCAL', family: 'CAL', name: { en: 'Windows Server CAL' }, kind: 'license' },
    ],
    packages: [{ code: 'CORE', name: { fr: 'Suite CAL de base', en: 'Core CAL Suite' }, items: [{ product: 'WINCAL', quantity: 1 }] }],
    purchaseAccounts: [{ number: 'P1', name: 'Siège', city: 'Lyon', country: 'FR', customer: 'C1', agreement: 'A1', partner: 'NWP' }],
    licensePositions: [
      {
        account: 'P1',
        product: 'PROPLUS',
        edition: { fr: 'Professionnel Plus', en: 'Professional Plus' },
        version: '2021',
        resourceUsage: 'Par appareil',
        licenseCount: 10,
        saCount: 0,
        transactions: [{ date: '2026-01-05', kind: 'adjustment', licenseDelta: 10, note: { fr: 'Serveurs de test retirés', en: 'Test servers removed' } }],
      },
      { account: 'P1', product: 'WINCAL', resourceUsage: 'per_user', package: 'CORE', licenseCount: 5, saCount: 0 },
      { account: 'P1', product: 'WINCAL', resourceUsage: 'Per device', licenseCount: 2, saCount: 0 },
    ],
    benefits: [
      { account: 'P1', benefit: { fr: "Droits d'utilisation à domicile", en: 'Home Use Rights' }, entitled: 5, used: 1, expires: '2027-06-30' },
      { account: 'P1', benefit: 'Jours de planification', entitled: 2, used: 0, expires: '2027-06-30' },
    ],
    ...overrides,
  };
}

describe('a bilingual import', () => {
  it('stores both forms, one form alone for both, and a plain text as the same name in both languages', async () => {
    const db = await createTestDb();
    await importDocument(db, document(), options);
    expect((await all(db, 'select code, name, name_en as "nameEn" from product_families order by code'))).toEqual([
      { code: 'CAL', name: "Licences d'accès client", nameEn: 'Client Access Licenses' },
      { code: 'OFFICE', name: 'Office', nameEn: null },
    ]);
    expect((await all(db, 'select code, name, name_en as "nameEn" from products order by code'))).toEqual([
      { code: 'PROPLUS', name: 'Office Professionnel Plus', nameEn: 'Office Professional Plus' },
      // Only the English form: it is the name in French too.
      { code: 'WINCAL', name: 'Windows Server CAL', nameEn: null },
    ]);
    expect((await one(db, 'select name, name_en as "nameEn" from packages'))).toEqual({ name: 'Suite CAL de base', nameEn: 'Core CAL Suite' });
    expect((await all(db, 'select edition, edition_en as "editionEn", resource_usage as usage from inventory_lines order by id'))).toEqual([
      { edition: 'Professionnel Plus', editionEn: 'Professional Plus', usage: 'per_device' },
      { edition: '', editionEn: null, usage: 'per_user' },
      { edition: '', editionEn: null, usage: 'per_device' },
    ]);
    expect((await one(db, `select note, note_en as "noteEn" from inventory_transactions where kind = 'adjustment'`))).toEqual({
      note: 'Serveurs de test retirés',
      noteEn: 'Test servers removed',
    });
    expect((await all(db, 'select benefit, benefit_en as "benefitEn" from software_assurance_benefits order by id'))).toEqual([
      { benefit: "Droits d'utilisation à domicile", benefitEn: 'Home Use Rights' },
      { benefit: 'Jours de planification', benefitEn: null },
    ]);
  });

  it('folds both names of a product and of its family into its search text', async () => {
    const db = await createTestDb();
    await importDocument(db, document(), options);
    const search = (await one<{ search: string }>(db, "select search from products where code = 'WINCAL'")).search;
    expect(search).toContain('licences d acces client');
    expect(search).toContain('client access licenses');
    expect((await one<{ search: string }>(db, "select search from products where code = 'PROPLUS'")).search).toContain('office professional plus');
  });

  it('changes nothing when the same file comes again, and adds an English form to what an older file stored', async () => {
    const db = await createTestDb();
    const older = document();
    older.products = [
      { code: 'PROPLUS', family: 'OFFICE', name: 'Office Professionnel Plus', kind: 'license' },
      { code: 'WINCAL', family: 'CAL', name: 'Windows Server CAL', kind: 'license' },
    ];
    older.licensePositions![0]!.edition = 'Professionnel Plus';
    older.licensePositions![0]!.transactions![0]!.note = 'Serveurs de test retirés';
    await importDocument(db, older, options);
    const summary = await importDocument(db, document(), options);
    expect(summary.products).toMatchObject({ updated: 1, unchanged: 1 });
    expect(summary.transactions.created).toBe(0);
    expect((await one(db, `select name_en as "nameEn" from products where code = 'PROPLUS'`))).toEqual({ nameEn: 'Office Professional Plus' });
    expect((await one(db, `select note_en as "noteEn" from inventory_transactions where kind = 'adjustment'`))).toEqual({ noteEn: 'Test servers removed' });
    expect((await one(db, `select edition_en as "editionEn" from inventory_lines where edition = 'Professionnel Plus'`))).toEqual({ editionEn: 'Professional Plus' });

    const again = await importDocument(db, document(), options);
    for (const type of ['productFamilies', 'products', 'packages', 'licensePositions', 'benefits'] as const) expect(again[type]).toMatchObject({ created: 0, updated: 0 });
  });

  it('refuses a name without either form, an unknown language, and an unknown resource usage, saying what is accepted', async () => {
    const bad = document();
    bad.productFamilies = [{ code: 'X', name: {} as { fr: string } }];
    (bad.products as unknown[]) = [{ code: 'Y', family: 'X', name: { de: 'Büro' }, kind: 'license' }];
    (bad.benefits as unknown[]) = [{ account: 'P1', benefit: 12, entitled: 1, used: 0, expires: '2027-01-01' }];
    (bad.licensePositions as unknown[]) = [{ account: 'P1', product: 'Y', resourceUsage: 'Par licence', licenseCount: 1, saCount: 0 }];
    const result = parseImportDocument(bad);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'productFamilies[0].name', message: 'needs its French form (fr), its English form (en), or both' },
        { path: 'products[0].name.de', message: 'is not a field of this entry (check its spelling)' },
        { path: 'benefits[0].benefit', message: 'must be a text, or { "fr": "…", "en": "…" } with one form or both' },
        {
          path: 'licensePositions[0].resourceUsage',
          message: expect.stringContaining('must be one of per_device, per_user, per_core') as string,
        },
      ]),
    );
    await expect(importDocument(await createTestDb(), bad, options)).rejects.toThrow(ImportValidationError);
  });
});
