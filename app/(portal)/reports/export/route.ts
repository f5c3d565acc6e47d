/**
 * Exporter (CSV) of the unpaid online services reconciliation: the same rows,
 * figures and filters as the page (both read listUnpaidServices()), written
 * from the page's own column definitions (../columns.tsx) with the CSV rules
 * of the CSV. Asks for the viewer itself; a filter naming something outside
 * the viewer's scope gives the rows of a filter naming nothing, as on the page.
 */
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { recordExport } from '@/lib/audit/log';
import { clientAddress } from '@/lib/http/request-headers';
import { columnsCsv } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { csvResponse } from '@/lib/csv';
import { listUnpaidServices, parseReportParams } from '@/lib/reports/queries';
import { rawSearchParams, scopeParams } from '@/lib/url';
import { REPORT_NAMESPACE, reportColumns } from '../columns';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { params } = parseReportParams(rawSearchParams(request));
  const viewer = await requireCustomerViewer(params.customer, { account: params.account, order: params.order });

  // The same rows as the page: a filter naming something outside the viewer's scope matches nothing, like one naming nothing.
  const locale = (await getLocale()) as Locale;
  const report = await listUnpaidServices(database(), viewer, { account: params.account, order: params.order, agreement: params.agreement, product: params.product }, 'all', locale);

  const t = await getTranslations(REPORT_NAMESPACE);
  const columns = reportColumns({ t, locale, today: today(), scope: scopeParams(viewer) });
  await recordExport(database(), viewer, request, report.rows.length, clientAddress(request.headers));
  return csvResponse(`${t('csv.filename')}.csv`, columnsCsv(locale, t, columns, report.rows));
}
