/**
 * The inventory queries against a migrated database with two customers and
 * two partners: scoping (what must not be seen), the self-provisioned
 * difference, the packages split adding up, the all-accounts aggregate,
 * history totals equal to the counts, and index use.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB, Db } from '@/db/client';
import { products } from '@/db/schema';
import type { Viewer } from '@/lib/auth/scope';
import { createTestDb, onPostgres, run } from '@/tests/helpers/db';
import { FIXTURE_ACCOUNTS as A, FIXTURE_CUSTOMERS as C, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { planOf, preparedBy } from '@/tests/helpers/query-plans';
import { accountIdOf, viewerOf } from '@/tests/helpers/viewers';
import { getLineHistory, getLineReference, listAllLines, listAllProductGroups, listLinesOfGroups, listProductGroups, suggestOwnProductNames, type InventoryFilters, type ProductGroup } from './queries';
import { resourceUsageNames } from '@/lib/i18n/names';
import { foldForSearch, searchTerms } from '@/lib/search/normalize';
import { unpaidQuantity } from './rules';


let db: Db;

beforeEach(async () => {
  db = await createTestDb();
  await loadFixtures(db);
});

const lineAccounts = async (viewer: Viewer, filters: InventoryFilters) =>
  [...new Set((await listAllLines(db, viewer, filters)).flatMap(({ lines }) => lines.map((line) => line.accountNumber)))].sort();

describe('scoping', () => {
  it('a customer administrator sees every account of the customer and no other customer’s line', async () => {
    const admin = (await viewerOf(db, U.alphaAdmin));
    expect((await lineAccounts(admin, { accounts: 'all' }))).toEqual([A.alphaNorth, A.alphaNorth2, A.alphaSouth]);
    expect((await lineAccounts((await viewerOf(db, U.betaAdmin)), { accounts: 'all' }))).toEqual([A.betaNorth, A.betaSouth]);
  });

  it('an account filter outside the grants yields nothing', async () => {
    const viewer = (await viewerOf(db, U.alphaViewer));
    expect((await lineAccounts(viewer, { accounts: 'all' }))).toEqual([A.alphaNorth]);
    expect((await listProductGroups(db, viewer, { accounts: { accountId: (await accountIdOf(db, A.alphaNorth2)) } }, 1)).groups).toEqual([]);
    expect((await listProductGroups(db, viewer, { accounts: { accountId: (await accountIdOf(db, A.betaNorth)) } }, 1)).groups).toEqual([]);
  });

  it('a partner user sees the served accounts of the chosen customer only', async () => {
    expect((await lineAccounts((await viewerOf(db, U.northPartner, C.alpha)), { accounts: 'all' }))).toEqual([A.alphaNorth, A.alphaNorth2]);
    expect((await lineAccounts((await viewerOf(db, U.northPartner, C.beta)), { accounts: 'all' }))).toEqual([A.betaNorth]);
    expect((await lineAccounts((await viewerOf(db, U.southPartner, C.beta)), { accounts: 'all' }))).toEqual([A.betaSouth]);
    expect((await lineAccounts((await viewerOf(db, U.northPartner)), { accounts: 'all' }))).toEqual([]);
  });

  it('a line or its history outside the scope is not found', async () => {
    const beta = (await viewerOf(db, U.betaAdmin));
    const betaLine = (await listAllLines(db, beta, { accounts: 'all' }))[0]!.lines[0]!;
    expect((await getLineReference(db, beta, betaLine.id))).not.toBeNull();
    expect((await getLineReference(db, (await viewerOf(db, U.alphaAdmin)), betaLine.id))).toBeNull();
    expect((await getLineHistory(db, (await viewerOf(db, U.alphaAdmin)), betaLine.id))).toBeNull();
    expect((await getLineHistory(db, (await viewerOf(db, U.northPartner, C.alpha)), betaLine.id))).toBeNull();
  });
});

describe('figures', () => {
  it('online services carry available and ordered; the difference is the self-provisioned quantity', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const o365 = (await listAllLines(db, viewer, { accounts: 'all' })).find(({ group }) => group.kind === 'online_service')!;
    expect(o365.group.totals).toMatchObject({ availableCount: 25, orderedCount: 20 });
    expect(o365.group.earliestExpiration).toBe('2026-12-10');
    const [line] = o365.lines;
    expect(unpaidQuantity(line!.availableCount, line!.orderedCount)).toBe(5);
  });

  it('the packages view splits holdings into products and packages that add up to the default totals', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const totalsBy = (groups: ProductGroup[]) => {
      const sums = new Map<number, number[]>();
      for (const group of groups) {
        const sum = sums.get(group.productId) ?? [0, 0, 0, 0, 0];
        const t = group.totals;
        sums.set(group.productId, [sum[0]! + t.licenseCount, sum[1]! + t.saCount, sum[2]! + t.availableCount, sum[3]! + t.orderedCount, sum[4]! + group.lineCount]);
      }
      return sums;
    };
    const plain = (await listAllLines(db, viewer, { accounts: 'all' })).map(({ group }) => group);
    const split = (await listAllLines(db, viewer, { accounts: 'all', packages: true })).map(({ group }) => group);
    expect(split.length).toBeGreaterThan(plain.length);
    expect(totalsBy(split)).toEqual(totalsBy(plain));
    const cal = split.filter((group) => group.productName === 'Windows Server CAL');
    expect(cal.map((group) => [group.packageName, group.totals.licenseCount])).toEqual([
      [null, 5],
      ['Suite CAL de test', 40],
    ]);
  });

  it('the all-accounts aggregate sums the lines of every account in scope', async () => {
    const viewer = (await viewerOf(db, U.northPartner, C.alpha));
    const all = (await listAllLines(db, viewer, { accounts: 'all' }));
    for (const { group, lines } of all) {
      expect(group.lineCount).toBe(lines.length);
      expect(group.totals.licenseCount).toBe(lines.reduce((sum, line) => sum + line.licenseCount, 0));
      expect(group.totals.availableCount).toBe(lines.reduce((sum, line) => sum + line.availableCount, 0));
    }
  });

  it('every line’s history ends at the counts shown', async () => {
    for (const email of [U.alphaAdmin, U.betaAdmin]) {
      const viewer = (await viewerOf(db, email));
      for (const { lines } of (await listAllLines(db, viewer, { accounts: 'all' }))) {
        for (const line of lines) {
          const history = (await getLineHistory(db, viewer, line.id))!;
          expect(history.entries.length).toBeGreaterThan(0);
          expect(history.entries.at(-1)!.running).toEqual({
            licenseCount: line.licenseCount,
            saCount: line.saCount,
            availableCount: line.availableCount,
            orderedCount: line.orderedCount,
          });
        }
      }
    }
  });
});

describe('search and paging', () => {
  it('matches product, family, edition and version by the start of words', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const names = async (query: string) => (await listProductGroups(db, viewer, { accounts: 'all', query }, 1)).groups.map((group) => group.productName);
    expect((await names('prof'))).toEqual(['Office Professionnel Plus', 'Visual Studio Professional avec MSDN']);
    expect((await names('WINDOWS'))).toEqual(['Windows Server CAL', 'Windows Server Standard']);
    expect((await names('2019'))).toEqual(['Windows Server Standard']);
    expect((await names('rofessionnel'))).toEqual([]);
    // Punctuation is not searchable (LIKE wildcards included): no words means no filter.
    expect((await names('%_'))).toEqual((await names('')));
  });

  it('a search adds up only the lines where every term starts a word of the product or of the line itself', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const everything = (await listAllLines(db, viewer, { accounts: 'all' }));
    // The rule, in plain code over every line: each term starts a word of the product's text or of the line's.
    const expected = (query: string) =>
      everything
        .map(({ group, lines }) => {
          const productText = foldForSearch(group.productName, group.familyName);
          const matching = lines.filter((line) => {
            // A resource usage is searched by its names in both languages.
            const lineText = foldForSearch(line.edition, line.version, ...resourceUsageNames(line.resourceUsage));
            return searchTerms(query).every((term) => productText.includes(` ${term}`) || lineText.includes(` ${term}`));
          });
          return { name: group.productName, lines: matching.length, licenses: matching.reduce((sum, line) => sum + line.licenseCount, 0) };
        })
        .filter((row) => row.lines > 0);
    for (const query of ['windows 2019', 'windows 2022', 'server cœur', 'office plus 2021', 'windows 2016', 'standard', 'par']) {
      const found = (await listProductGroups(db, viewer, { accounts: 'all', query }, 1)).groups.map((group) => ({ name: group.productName, lines: group.lineCount, licenses: group.totals.licenseCount }));
      expect(found, query).toEqual(expected(query));
    }
    expect(expected('windows 2019')).toEqual([{ name: 'Windows Server Standard', lines: 1, licenses: 8 }]);
    expect(expected('windows 2016')).toEqual([]);
  });

  it('opened rows carry only the lines that match the search', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const filters: InventoryFilters = { accounts: 'all', query: 'e3' };
    const { groups } = (await listProductGroups(db, viewer, filters, 1));
    expect(groups.map((group) => group.productName)).toEqual(['Office 365 E3']);
    expect((await listLinesOfGroups(db, viewer, filters, groups)).get(groups[0]!.key)!.map((line) => line.accountNumber)).toEqual([A.alphaNorth]);
  });

  it('an opened row shows at most the limit of lines asked for; the count of the row says how many there are', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const filters: InventoryFilters = { accounts: 'all' };
    const { groups } = (await listProductGroups(db, viewer, filters, 1));
    const crowded = groups.find((group) => group.lineCount > 1)!;
    expect((await listLinesOfGroups(db, viewer, filters, [crowded])).get(crowded.key)).toHaveLength(crowded.lineCount);
    expect((await listLinesOfGroups(db, viewer, filters, [crowded], 1)).get(crowded.key)).toHaveLength(1);
  });

  it('clamps the page into range', async () => {
    const page = (await listProductGroups(db, (await viewerOf(db, U.alphaAdmin)), { accounts: 'all' }, 99));
    expect(page.page).toBe(1);
    expect(page.pages).toBe(1);
  });
});

// SQLite's query planner only: PostgreSQL plans by its statistics.
describe.skipIf(onPostgres())('query plans (SQLite)', () => {
  it('a search over every account reads the lines from one covering index, never the table', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const statements = await preparedBy(db as DB, async () => (await listProductGroups(db, viewer, { accounts: 'all', query: 'windows 2019' }, 1)));
    const plans = statements.filter((sql) => /inventory_lines/.test(sql)).map((sql) => planOf(db as DB, sql));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/SEARCH inventory_lines USING COVERING INDEX inventory_lines_account_lines_idx/);
    // The product side of each term is a list built once, not a product looked up per line.
    expect(plans[0]).not.toMatch(/inventory_lines USING INTEGER PRIMARY KEY/);
    // The product side of each term is a list built once; products are looked up per product row, after the grouping.
    expect(plans[0]).toMatch(/LIST SUBQUERY/);
    expect(plans[0]).toMatch(/SCAN source\nSEARCH products USING INTEGER PRIMARY KEY/);
  });

  it('the inventory queries search by index, never scan the lines', async () => {
    const viewer = (await viewerOf(db, U.alphaAdmin));
    const filters: InventoryFilters = { accounts: { accountId: (await accountIdOf(db, A.alphaNorth)) }, query: 'office' };
    const statements = (
      await preparedBy(db as DB, async () => {
        const { groups } = (await listProductGroups(db, viewer, filters, 1));
        await listLinesOfGroups(db, viewer, filters, groups);
        await listProductGroups(db, viewer, { accounts: 'all' }, 1);
      })
    ).map((sql) => ({ sql }));
    // One account and a search: the lines of that account, by index.
    const plans = statements.filter((statement) => /inventory_lines/.test(statement.sql)).map((statement) => planOf(db as DB, statement.sql));
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      expect(plan).not.toMatch(/SCAN inventory_lines(?! USING)/);
      expect(plan).not.toMatch(/SCAN purchase_accounts(?! USING)/);
      expect(plan).toMatch(/inventory_lines USING (COVERING )?INDEX/);
    }
    // Every account: the customer's product summaries, by their key, and no line at all.
    const summaries = statements.filter((statement) => /product_summaries/.test(statement.sql)).map((statement) => planOf(db as DB, statement.sql));
    expect(summaries).toHaveLength(1);
    for (const plan of summaries) {
      expect(plan).toMatch(/SEARCH product_summaries USING (COVERING )?INDEX/);
      expect(plan).not.toMatch(/inventory_lines/);
    }
  });
});

describe('suggestOwnProductNames', () => {
  it("suggests the closest names among the viewer's own products only", async () => {
    // A product of the catalogue that nobody holds, whose name is as close to the misspelling as the one held.
    await run(db, "insert into products (code, family_id, name, kind, search, code_search) values ('FX-UNHELD', (select min(id) from product_families), 'Professionnel Secret', 'license', ?, ?)", foldForSearch('Professionnel Secret'), foldForSearch('FX-UNHELD'));
    const admin = (await viewerOf(db, U.alphaAdmin));
    const all: InventoryFilters = { accounts: 'all' };
    const own = new Set((await listAllProductGroups(db, admin, all)).map((group) => group.productName));
    const catalogue = (await db.select({ name: products.name }).from(products)).map((row) => row.name);
    // A misspelling ("professionel", one n) of a name: suggested when the viewer holds the product, never otherwise.
    for (const name of catalogue) {
      const misspelt = name.replace(/nn/, 'n').replace(/ss/, 's');
      const suggested = (await suggestOwnProductNames(db, admin, all, misspelt));
      if (own.has(name)) expect(suggested, misspelt).toContain(name);
      else expect(suggested, misspelt).not.toContain(name);
    }
    expect(catalogue.some((name) => !own.has(name)), 'a product the viewer does not hold').toBe(true);
    expect((await suggestOwnProductNames(db, admin, all, 'professionel'))).toContain('Office Professionnel Plus');
    // An account viewer: the products of the granted accounts' lines.
    expect((await suggestOwnProductNames(db, (await viewerOf(db, U.alphaViewer)), all, 'zzzzqqq'))).toEqual([]);
  });
});
