// @vitest-environment jsdom
/**
 * Licences et services and its CSV export are written from one set of
 * columns. Each product's table shows the export's columns of its kind
 * (licence and SA counts, or subscriptions), in the export's order, plus its
 * actions; the export adds only what the page shows above or inside the
 * table (package, family, product, kind, the self-provisioned quantity).
 * A column added to one side only fails here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setDb, type DB } from '@/db/client';
import type { Locale } from '@/db/schema';
import { listAllLines } from '@/lib/inventory/queries';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_TODAY, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { csvHeader, setRequestContext, translatorOf } from '@/tests/helpers/request';
import { pageHeadings } from '@/tests/helpers/table';
import { viewerOf } from '@/tests/helpers/viewers';
import { columnsOfProduct, INVENTORY_NAMESPACE, inventoryLineColumns } from './columns';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

let db: DB;

beforeEach(async () => {
  db = createTestDb();
  await loadFixtures(db);
  setDb(db);
});

describe.each(['fr', 'en'] as const)('the inventory in %s', (locale: Locale) => {
  const t = translatorOf(locale, INVENTORY_NAMESPACE);
  const heading = (key: string) => t(`columns.${key}`);

  /** The headings of a licence product's table and of an online service's, as the page shows them. */
  function tablesOnPage(packagesView: boolean) {
    const viewer = viewerOf(db, U.alphaAdmin);
    const columns = inventoryLineColumns({ t, locale, today: FIXTURE_TODAY, packagesView, scope: {} });
    const groups = listAllLines(viewer, { accounts: 'all', packages: packagesView });
    const tableOf = (kind: 'license' | 'online_service') => {
      const { group, lines } = groups.find(({ group }) => group.kind === kind)!;
      return pageHeadings(locale, INVENTORY_NAMESPACE, columnsOfProduct(columns, group), lines.map((line) => ({ group, line })));
    };
    return { licenses: tableOf('license'), services: tableOf('online_service') };
  }

  for (const packagesView of [false, true]) {
    it(`exports every column of the page but its actions${packagesView ? ', in the packages view' : ''}`, async () => {
      setRequestContext({ locale, viewer: viewerOf(db, U.alphaAdmin) });
      const exported = await csvHeader(await GET(new Request(`http://localhost/inventory/export?account=all${packagesView ? '&packages=1' : ''}`)), locale);
      const { licenses, services } = tablesOnPage(packagesView);

      // Each table: the export's columns of its kind, in the export's order, then the actions (links, not data).
      expect(licenses.at(-1)).toBe(heading('actions'));
      expect(services.at(-1)).toBe(heading('actions'));
      expect(exported.filter((title) => licenses.includes(title))).toEqual(licenses.slice(0, -1));
      expect(exported.filter((title) => services.includes(title))).toEqual(services.slice(0, -1));
      // What only the export has: what the page shows above the table, and the self-provisioned quantity in words.
      expect(exported.filter((title) => !licenses.includes(title) && !services.includes(title))).toEqual(
        [...(packagesView ? ['package'] : []), 'family', 'product', 'kind', 'unpaid'].map(heading),
      );
      expect(licenses).toContain(heading('licenseCount'));
      expect(services).toContain(heading('available'));
    });
  }
});
