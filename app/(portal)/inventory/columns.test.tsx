// @vitest-environment jsdom
/**
 * Licences et services and its CSV export are written from one set of
 * columns. Each product's table shows the export's columns of its kind
 * (licence and SA counts, or subscriptions), in the export's order, plus its
 * actions; the export adds only what the page shows above or inside the
 * table (package, family, product, kind, the self-provisioned quantity).
 * A column added to one side only fails here.
 */
import { describe, expect, it, vi } from 'vitest';
import { csvColumns, messageOf } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { toCsv } from '@/lib/csv';
import { listAllLines } from '@/lib/inventory/queries';
import { FIXTURE_TODAY, FIXTURE_USERS as U } from '@/tests/helpers/fixtures';
import { exportedHeader, fixturesForEachTest, translatorOf } from '@/tests/helpers/request';
import { pageHeadings } from '@/tests/helpers/table';
import { viewerOf } from '@/tests/helpers/viewers';
import { columnsOfProduct, INVENTORY_NAMESPACE, inventoryLineColumns, type InventoryLine } from './columns';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

const db = fixturesForEachTest();

describe.each(['fr', 'en'] as const)('the inventory in %s', (locale: Locale) => {
  const t = translatorOf(locale, INVENTORY_NAMESPACE);
  const heading = (key: string) => t(`columns.${key}`);

  for (const packagesView of [false, true]) {
    it(`exports every column of the page but its actions${packagesView ? ', in the packages view' : ''}`, async () => {
      const viewer = (await viewerOf(db(), U.alphaAdmin));
      const columns = inventoryLineColumns({ t, locale, today: FIXTURE_TODAY, packagesView, scope: {} });
      const exported = csvColumns(columns).map((column) => messageOf(t, column.heading));
      expect(await exportedHeader(GET, `/inventory/export?account=all${packagesView ? '&packages=1' : ''}`, { locale, viewer })).toBe(toCsv(locale, exported, []));

      // A licence product's table and an online service's, as the page shows them.
      const groups = (await listAllLines(db(), viewer, { accounts: 'all', packages: packagesView }));
      const [licenses, services, units] = (['license', 'online_service', 'developer_subscription'] as const).map((kind) => {
        const { group, lines } = groups.find(({ group }) => group.kind === kind)!;
        return pageHeadings(locale, INVENTORY_NAMESPACE, columnsOfProduct(columns, group), lines.map((line) => ({ group, line })));
      });
      // Each: the export's columns of its kind, in the export's order, then the actions (links, not data).
      for (const table of [licenses!, services!, units!]) {
        expect(table.at(-1)).toBe(heading('actions'));
        expect(exported.filter((title) => table.includes(title))).toEqual(table.slice(0, -1));
      }
      expect(licenses).toContain(heading('licenseCount'));
      expect(services).toContain(heading('available'));
      expect(units).toContain(heading('subscriptionCount'));
      // What only the export has: what the page shows above the table, and the self-provisioned quantity it says in words.
      expect(exported.filter((title) => !licenses!.includes(title) && !services!.includes(title) && !units!.includes(title))).toEqual(
        [...(packagesView ? ['package'] : []), 'family', 'product', 'kind', 'unpaid'].map(heading),
      );
    });
  }

  it('shows a developer subscription or a cloud platform with its number of subscriptions, without licence or SA counts', () => {
    const columns = inventoryLineColumns({ t, locale, today: FIXTURE_TODAY, packagesView: false, scope: {} });
    for (const kind of ['developer_subscription', 'cloud_platform'] as const) {
      const group = { kind } as InventoryLine['group'];
      const keys = columnsOfProduct(columns, group).map((column) => column.key);
      expect(keys, kind).toContain('subscriptionCount');
      for (const meaningless of ['licenseCount', 'saCount', 'available', 'ordered']) expect(keys, kind).not.toContain(meaningless);
    }
    const licences = columnsOfProduct(columns, { kind: 'license' } as InventoryLine['group']).map((column) => column.key);
    expect(licences).toEqual(expect.arrayContaining(['licenseCount', 'saCount']));
    expect(licences).not.toContain('subscriptionCount');
  });

  it('exports each line with the counts of its kind only: no licence or SA count on a developer subscription', async () => {
    const viewer = await viewerOf(db(), U.alphaAdmin);
    const columns = inventoryLineColumns({ t, locale, today: FIXTURE_TODAY, packagesView: false, scope: {} });
    const exported = csvColumns(columns);
    const all = await listAllLines(db(), viewer, { accounts: 'all', packages: false });
    const rowsOf = (kind: InventoryLine['group']['kind']) =>
      all
        .filter(({ group }) => group.kind === kind)
        .flatMap(({ group, lines }) => lines.map((line) => ({ group, line })));
    const values = (row: InventoryLine) => Object.fromEntries(exported.map((column) => [column.key, column.csv!(row)]));
    const [developer] = rowsOf('developer_subscription');
    expect(developer, 'a developer subscription in the fixtures').toBeDefined();
    expect(values(developer!)).toMatchObject({ licenseCount: null, saCount: null, subscriptionCount: developer!.line.licenseCount, available: null, ordered: null, unpaid: null });
    const [licence] = rowsOf('license');
    expect(values(licence!)).toMatchObject({ licenseCount: licence!.line.licenseCount, saCount: licence!.line.saCount, subscriptionCount: null, available: null });
    const [service] = rowsOf('online_service');
    expect(values(service!)).toMatchObject({ licenseCount: null, saCount: null, subscriptionCount: null, available: service!.line.availableCount });
  });
});
