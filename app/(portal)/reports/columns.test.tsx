// @vitest-environment jsdom
/**
 * The reconciliation's page and its CSV export are written from one set of
 * columns: the export's header is the page's column headings, in the same
 * order, in the reader's language. A column added to the page and not to the
 * export (or the other way round) fails here.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '@/db/schema';
import { toCsv } from '@/lib/csv';
import { listUnpaidServices } from '@/lib/reports/queries';
import { FIXTURE_TODAY, FIXTURE_USERS as U } from '@/tests/helpers/fixtures';
import { exportedHeader, fixturesForEachTest, translatorOf } from '@/tests/helpers/request';
import { pageHeadings } from '@/tests/helpers/table';
import { viewerOf } from '@/tests/helpers/viewers';
import { REPORT_NAMESPACE, reportColumns } from './columns';
import { GET } from './export/route';

vi.mock('next-intl/server', () => import('@/tests/helpers/request'));
vi.mock('@/lib/auth/viewer', () => import('@/tests/helpers/request'));

const db = fixturesForEachTest();

describe.each(['fr', 'en'] as const)('the reconciliation in %s', (locale: Locale) => {
  it('exports exactly the columns of the page, headings in the reader’s language', async () => {
    const viewer = (await viewerOf(db(), U.alphaAdmin));
    const rows = (await listUnpaidServices(db(), viewer, {}))!.rows;
    expect(rows.length).toBeGreaterThan(0);
    const columns = reportColumns({ t: translatorOf(locale, REPORT_NAMESPACE), locale, today: FIXTURE_TODAY, scope: {} });
    const onPage = pageHeadings(locale, REPORT_NAMESPACE, columns, rows);

    expect(await exportedHeader(GET, '/reports/export', { locale, viewer })).toBe(toCsv(locale, onPage, []));
    expect(onPage).toHaveLength(9);
    expect(onPage[0]).toBe(locale === 'fr' ? 'PRODUIT' : 'PRODUCT');
  });
});
