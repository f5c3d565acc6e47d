/**
 * The catalogue read in the reader's language: the inventory, a line's
 * history, the benefits, the expiring services and the report name products,
 * families, packages, editions, benefits and remarks in the viewer's locale,
 * falling back to the other form when one is missing; a search finds a
 * product by either of its names.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { importDocument } from '@/lib/import/apply';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_PRODUCTS as P, FIXTURE_USERS as U, fastPasswordHash, fixtureDocument, loadFixtures } from '@/tests/helpers/fixtures';
import { viewerOf } from '@/tests/helpers/viewers';
import { listBenefits } from './benefits';
import { listExpiring } from './expiring';
import { getLineHistory, listAllLines, listProductGroups } from './queries';

let db: Db;

/** The fixtures again, with English names where they differ (a file that adds the English forms to stored data). */
function bilingualFixtures() {
  const doc = fixtureDocument();
  doc.productFamilies = doc.productFamilies!.map((f) => (f.code === 'FX-OFFICE' ? { ...f, name: { fr: 'Bureautique', en: 'Office suites' } } : f));
  doc.products = doc.products!.map((p) =>
    p.code === P.office ? { ...p, name: { fr: 'Office Professionnel Plus', en: 'Office Professional Plus' } } : p.code === P.vs ? { ...p, name: { fr: 'Visual Studio Professional avec MSDN' } } : p,
  );
  doc.packages = doc.packages!.map((p) => ({ ...p, name: { fr: 'Suite CAL de test', en: 'Test CAL Suite' } }));
  doc.licensePositions = doc.licensePositions!.map((p) => (p.product === P.office ? { ...p, edition: { fr: 'Professionnel Plus', en: 'Professional Plus' } } : p));
  doc.subscriptions = doc.subscriptions!.map((s) => ({
    ...s,
    transactions: s.transactions?.map((t) => (t.note ? { ...t, note: { fr: 'Activé par le client', en: 'Activated by the customer' } } : t)),
  }));
  doc.benefits = doc.benefits!.map((b) => (b.benefit === 'Jours de planification du déploiement' ? { ...b, benefit: { fr: b.benefit as string, en: 'Deployment planning days' } } : b));
  return doc;
}

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
  await importDocument(db, bilingualFixtures(), { passwordHasher: fastPasswordHash, today: '2026-11-24' });
});

describe('the catalogue in the reader’s language', () => {
  it('names products, families and packages in English for an English reader, in French for a French one, falling back to the only form', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const rows = async (locale: 'fr' | 'en') =>
      (await listProductGroups(db, viewer, { accounts: 'all', packages: true, locale }, 1)).groups.map((g) => [g.packageName, g.familyName, g.productName]);
    expect((await rows('en'))).toContainEqual([null, 'Office suites', 'Office Professional Plus']);
    expect((await rows('en'))).toContainEqual(['Test CAL Suite', 'Windows Server', 'Windows Server CAL']);
    // Only a French name: the English reader reads it too.
    expect((await rows('en'))).toContainEqual([null, 'Visual Studio', 'Visual Studio Professional avec MSDN']);
    expect((await rows('fr'))).toContainEqual([null, 'Bureautique', 'Office Professionnel Plus']);
    expect((await rows('fr'))).toContainEqual(['Suite CAL de test', 'Windows Server', 'Windows Server CAL']);
    // French is the default of a caller that does not say.
    expect((await listProductGroups(db, viewer, { accounts: 'all' }, 1)).groups.map((g) => g.productName)).toContain('Office Professionnel Plus');
  });

  it('gives the lines their edition in the reader’s language and keeps resource usage as a code', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const office = async (locale: 'fr' | 'en') => (await listAllLines(db, viewer, { accounts: 'all', locale })).find(({ group }) => group.productCode === P.office)!.lines;
    expect((await office('en')).map((line) => [line.edition, line.resourceUsage])).toEqual([['Professional Plus', 'per_device']]);
    expect((await office('fr')).map((line) => line.edition)).toEqual(['Professionnel Plus']);
  });

  it('finds a product by its French or its English name, and by either name of its family', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const found = async (query: string, locale: 'fr' | 'en') => (await listProductGroups(db, viewer, { accounts: 'all', query, locale }, 1)).groups.map((g) => g.productCode);
    for (const locale of ['fr', 'en'] as const) {
      expect((await found('professionnel', locale))).toContain(P.office);
      expect((await found('professional plus', locale))).toEqual([P.office]);
      expect((await found('office suites', locale))).toEqual([P.office]);
      expect((await found('bureautique', locale))).toEqual([P.office]);
      // A resource usage by its name in either language.
      expect((await found('per device', locale))).toEqual(await found('par appareil', locale));
    }
  });

  it('shows a remark, a benefit and an expiring service in the reader’s language', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const line = (await listAllLines(db, viewer, { accounts: 'all' })).find(({ group }) => group.productCode === P.o365)!.lines.find((l) => l.accountNumber === A.alphaNorth)!;
    const notes = async (locale: 'fr' | 'en') => (await getLineHistory(db, viewer, line.id, locale))!.entries.map((entry) => entry.note).filter(Boolean);
    expect(await notes('en')).toEqual(['Activated by the customer']);
    expect(await notes('fr')).toEqual(['Activé par le client']);
    const benefits = async (locale: 'fr' | 'en') => (await listBenefits(db, viewer, 'all', 'all', locale)).accounts.flatMap((account) => account.benefits.map((b) => b.name));
    expect((await benefits('en'))).toEqual(['Deployment planning days']);
    expect((await benefits('fr'))).toEqual(['Jours de planification du déploiement']);
    const history = (await getLineHistory(db, viewer, (await listAllLines(db, viewer, { accounts: 'all' })).find(({ group }) => group.productCode === P.office)!.lines[0]!.id, 'en'))!;
    expect([history.line.productName, history.line.familyName, history.line.edition]).toEqual(['Office Professional Plus', 'Office suites', 'Professional Plus']);
    expect((await listExpiring(db, viewer, { accounts: 'all', today: '2026-11-24', page: 1, locale: 'en' })).lines.map((l) => l.productName)).toEqual(['Office 365 E3']);
  });
});
