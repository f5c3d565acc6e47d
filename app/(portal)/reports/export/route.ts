/**
 * Exporter (CSV) of the unpaid online services reconciliation: the same rows,
 * figures and filters as the page (both read listUnpaidServices()), following
 * the CSV rules of SPEC §5. Asks for the viewer itself; a filter outside the
 * viewer's scope is a 404, as on the page.
 */
import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { csvResponse, toCsv } from '@/lib/csv';
import { listUnpaidServices, parseReportParams } from '@/lib/reports/queries';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  // Repeated parameters keep their first value, as on the page.
  const raw: Record<string, string[]> = {};
  for (const [key, value] of searchParams) (raw[key] ??= []).push(value);
  const { params } = parseReportParams(raw);
  const viewer = await requireCustomerViewer(params.customer);

  const report = listUnpaidServices(viewer, { account: params.account, order: params.order, agreement: params.agreement, product: params.product });
  // Not the viewer's (or no such thing): answered exactly like a missing page.
  if (!report) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

  const t = await getTranslations('reports');
  const locale = (await getLocale()) as Locale;
  const header = [
    t('columns.product'),
    t('columns.edition'),
    t('columns.accountNumber'),
    t('columns.accountName'),
    t('columns.agreement'),
    t('columns.available'),
    t('columns.ordered'),
    t('columns.unpaid'),
    t('columns.nextExpiration'),
  ];
  const rows = report.rows.map((row) => [
    row.productName,
    row.edition,
    row.accountNumber,
    row.accountName,
    row.agreementNumber,
    row.available,
    row.ordered,
    row.unpaid,
    row.nextExpiration,
  ]);
  return csvResponse(`${t('csv.filename')}.csv`, toCsv(locale, header, rows));
}
