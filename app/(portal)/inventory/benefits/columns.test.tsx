// @vitest-environment jsdom
/**
 * The benefits tab and its CSV export are written from one set of columns:
 * the export's header is the purchase account (the heading above each table
 * on the page), then the table's own column headings, in the same order, in
 * the reader's language. A column added to one side only fails here.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '@/db/schema';
import { toCsv } from '@/lib/csv';
import { listBenefits } from '@/lib/inventory/benefits';
import { FIXTURE_TODAY, FIXTURE_USERS as U } from '@/tests/helpers/fixtures';
import { exportedHeader, fixturesForEachTest, translatorOf } from '@/tests/helpers/request';
import { pageHeadings } from '@/tests/helpers/table';
import { viewerOf } from '@/tests/helpers/viewers';
import { BENEFITS_NAMESPACE, benefitColumns, benefitLines } from './columns';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

const db = fixturesForEachTest();

describe.each(['fr', 'en'] as const)('the benefits in %s', (locale: Locale) => {
  it('exports the account, then exactly the columns of each account’s table', async () => {
    const viewer = (await viewerOf(db(), U.alphaAdmin));
    const rows = benefitLines((await listBenefits(db(), viewer, 'all')).accounts);
    expect(rows.length).toBeGreaterThan(0);
    const onPage = pageHeadings(locale, BENEFITS_NAMESPACE, benefitColumns({ locale, today: FIXTURE_TODAY }), rows);
    const t = translatorOf(locale, BENEFITS_NAMESPACE);

    const header = [t('columns.accountNumber'), t('columns.accountName'), ...onPage];
    expect(await exportedHeader(GET, '/inventory/benefits/export?account=all', { locale, viewer })).toBe(toCsv(locale, header, []));
    expect(onPage).toEqual(locale === 'fr' ? ['Avantage', 'Quantité autorisée', 'Quantité utilisée', 'Quantité restante', 'Expiration'] : ['Benefit', 'Entitled', 'Used', 'Remaining', 'Expiration']);
  });
});
