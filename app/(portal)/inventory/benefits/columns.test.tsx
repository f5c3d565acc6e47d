// @vitest-environment jsdom
/**
 * The benefits tab and its CSV export are written from one set of columns:
 * the export's header is the purchase account (the heading above each table
 * on the page), then the table's own column headings, in the same order, in
 * the reader's language. A column added to one side only fails here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setDb, type DB } from '@/db/client';
import type { Locale } from '@/db/schema';
import { listBenefits } from '@/lib/inventory/benefits';
import { createTestDb } from '@/tests/helpers/db';
import { FIXTURE_TODAY, FIXTURE_USERS as U, loadFixtures } from '@/tests/helpers/fixtures';
import { csvHeader, setRequestContext, translatorOf } from '@/tests/helpers/request';
import { pageHeadings } from '@/tests/helpers/table';
import { viewerOf } from '@/tests/helpers/viewers';
import { BENEFITS_NAMESPACE, benefitColumns, benefitLines } from './columns';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

let db: DB;

beforeEach(async () => {
  db = createTestDb();
  await loadFixtures(db);
  setDb(db);
});

describe.each(['fr', 'en'] as const)('the benefits in %s', (locale: Locale) => {
  it('exports the account, then exactly the columns of each account’s table', async () => {
    const viewer = viewerOf(db, U.alphaAdmin);
    setRequestContext({ locale, viewer });
    const exported = await csvHeader(await GET(new Request('http://localhost/inventory/benefits/export?account=all')), locale);

    const t = translatorOf(locale, BENEFITS_NAMESPACE);
    const rows = benefitLines(listBenefits(viewer, 'all').accounts);
    expect(rows.length).toBeGreaterThan(0);
    const onPage = pageHeadings(locale, BENEFITS_NAMESPACE, benefitColumns({ locale, today: FIXTURE_TODAY }), rows);

    expect(exported).toEqual([t('columns.accountNumber'), t('columns.accountName'), ...onPage]);
    expect(onPage).toEqual(locale === 'fr' ? ['Avantage', 'Quantité autorisée', 'Quantité utilisée', 'Quantité restante', 'Expiration'] : ['Benefit', 'Entitled', 'Used', 'Remaining', 'Expiration']);
  });
});
