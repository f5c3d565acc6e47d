import { getLocale, getTranslations } from 'next-intl/server';
import { database } from '@/db/client';
import { DataTable } from '@/components/DataTable';
import { Notice } from '@/components/Notice';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount } from '@/lib/i18n/format';
import { titleOf } from '@/lib/i18n/metadata';
import { listReportSuggestions, listUnpaidServices, parseReportParams, REPORT_FILTERS } from '@/lib/reports/queries';
import { hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { REPORT_NAMESPACE, reportColumns } from './columns';
import { ReportFilters } from './ReportFilters';
import { reportFilterWords } from './filters';

/** "Rapprochement de services en ligne non payés — Compte d'achats : 5100201 ; Produit : O365E3". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const { params } = parseReportParams(await searchParams);
  const t = await getTranslations(REPORT_NAMESPACE);
  const words = reportFilterWords(t, { account: params.account, order: params.order, agreement: params.agreement, product: params.product });
  return titleOf(t('title'), words.join(', '));
}

/**
 * Rapprochement de services en ligne non payés: what the
 * customer switched on without an order, per online service line, so that the
 * partner orders it before an interruption. A server component only: the
 * filter form is a GET form with a real submit button, the rows are links.
 */
export default async function ReportsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { params, ignored } = parseReportParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account, order: params.order });

  const filters = { account: params.account, order: params.order, agreement: params.agreement, product: params.product };
  // Every filter takes what was typed; one naming something outside the viewer's scope matches nothing, like one naming nothing.
  const locale = (await getLocale()) as Locale;
  // Independent: on PostgreSQL the two run at once on separate pooled connections.
  const [report, suggestions] = await Promise.all([listUnpaidServices(database(), viewer, filters, params.page ?? 1, locale), listReportSuggestions(database(), viewer, locale)]);

  const t = await getTranslations(REPORT_NAMESPACE);
  const tc = await getTranslations('common');
  const scope = scopeParams(viewer);
  const filtered = Object.values(filters).some(Boolean);
  const tf = await getTranslations('reports.filters');
  // The empty state repeats the filters as they were typed, so the person sees what found nothing.
  const shown = REPORT_FILTERS.filter((name) => filters[name]).map((name) => t('filterShown', { name: tf(name), value: filters[name]! }));
  const count = (value: number) => formatCount(locale, value);
  // One "today" for the whole page, so every marker is decided against the same date.
  const columns = reportColumns({ t, locale, today: today(), scope });

  return (
    <PortalShell viewer={viewer} section="reports" help="report" print={{ filters: reportFilterWords(t, filters), page: { page: report.page, pages: report.pages } }} account={params.account}>
      <p className="text-sm font-medium text-slate-600">{t('section')}</p>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700" data-testid="report-intro">
        {viewer.role === 'partner_user' ? t('partnerIntro') : t('intro')}
      </p>
      {ignored && <Notice>{tc('errors.paramIgnored')}</Notice>}

      <ReportFilters suggestions={suggestions} params={params} scope={scope} filtered={filtered} locale={locale} />

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <p role="status" className="text-sm text-slate-700" data-testid="report-count">
          {t('count', { count: report.total })}
        </p>
        {report.total > 0 && (
          <a href={hrefWith('/reports/export', { ...scope, ...filters })} download className="no-print text-sm link">
            {t('export')}
          </a>
        )}
      </div>

      <DataTable
        stacked
        namespace={REPORT_NAMESPACE}
        columns={columns}
        rows={report.rows}
        rowKey={(row) => row.lineId}
        rowAttributes={(row) => ({ data: { testid: 'report-row', 'line-id': row.lineId } })}
        caption={t('tableLabel')}
        testId="report-table"
        footer={{
          label: report.pages > 1 ? t('totalAllPages') : t('total'),
          cells: { available: count(report.totals.available), ordered: count(report.totals.ordered), unpaid: count(report.totals.unpaid) },
          testId: 'report-totals',
        }}
        empty={{
          title: filtered ? t('emptyFilteredFor', { filters: shown.join(', ') }) : viewer.role === 'partner_user' ? t('partnerEmpty') : t('empty'),
          hint: filtered ? t('emptyFilteredHint') : undefined,
          action: filtered ? { href: hrefWith('/reports', scope), label: t('filters.clear') } : undefined,
          testId: 'report-empty',
          className: 'mt-4',
        }}
      />
      <Pagination page={report.page} pages={report.pages} hrefFor={(page) => hrefWith('/reports', { ...scope, ...filters, page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}
