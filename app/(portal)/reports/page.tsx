import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ExpiryDate } from '@/components/ExpiryBadge';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { expiryStatus } from '@/lib/inventory/rules';
import { listReportFilterOptions, listUnpaidServices, parseReportParams, type ReportParams, type UnpaidServiceRow } from '@/lib/reports/queries';
import { hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('reports');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Option = { value: string; label: string };
type FilterName = 'account' | 'order' | 'agreement' | 'product';

/**
 * Rapprochement de services en ligne non payés (SPEC §3 item 14): what the
 * customer switched on without an order, per online service line, so that the
 * partner orders it before an interruption. A server component only: the
 * filter form is a GET form with a real submit button, the rows are links.
 */
export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const { params, ignored } = parseReportParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer);

  const filters = { account: params.account, order: params.order, agreement: params.agreement, product: params.product };
  const report = listUnpaidServices(viewer, filters);
  // A filter naming an account, order or agreement outside the viewer's scope: as if it did not exist.
  if (!report) notFound();
  const options = listReportFilterOptions(viewer);

  const t = await getTranslations('reports');
  const tc = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const scope = scopeParams(viewer);
  const filtered = Object.values(filters).some(Boolean);
  const count = (value: number) => formatCount(locale, value);
  // One "today" for the whole page, so every marker is decided against the same date.
  const currentDay = today();
  const numeric = 'tabular px-3 py-2 text-right';

  const choices: Record<FilterName, Option[]> = {
    account: options.accounts.map((account) => ({ value: account.number, label: t('filters.accountOption', { number: account.number, name: account.name }) })),
    order: options.orders.map((order) => ({
      value: order.number,
      label: t('filters.orderOption', { number: order.number, date: formatDate(locale, order.orderedOn), account: order.accountNumber }),
    })),
    agreement: options.agreements.map((agreement) => ({
      value: agreement.number,
      label: agreement.name ? t('filters.agreementOption', { number: agreement.number, name: agreement.name }) : agreement.number,
    })),
    product: options.products.map((product) => ({ value: product.code, label: product.name })),
  };

  return (
    <PortalShell viewer={viewer} section="reports">
      <p className="text-sm font-medium text-slate-600">{t('section')}</p>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      {viewer.role === 'partner_user' && viewer.customer && (
        <p className="mt-2 text-sm">
          <strong>{t('partnerIntro', { name: viewer.customer.legalName, number: viewer.customer.number })}</strong>{' '}
          <Link href="/partner" className="text-brand-700 underline underline-offset-2">
            {t('changeCustomer')}
          </Link>
        </p>
      )}
      <p className="mt-2 max-w-3xl text-sm text-slate-700" data-testid="report-intro">
        {t('intro')}
      </p>
      {ignored && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {tc('errors.paramIgnored')}
        </p>
      )}

      <form method="get" action="/reports" aria-label={t('filters.label')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
        <FilterSelect name="account" label={t('filters.account')} allLabel={t('filters.allAccounts')} options={choices.account} selected={params.account} />
        <FilterSelect name="order" label={t('filters.order')} allLabel={t('filters.allOrders')} options={choices.order} selected={params.order} />
        <FilterSelect name="agreement" label={t('filters.agreement')} allLabel={t('filters.allAgreements')} options={choices.agreement} selected={params.agreement} />
        <FilterSelect name="product" label={t('filters.product')} allLabel={t('filters.allProducts')} options={choices.product} selected={params.product} />
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t('filters.submit')}
        </button>
        {filtered && (
          <Link href={hrefWith('/reports', scope)} className="py-1.5 text-sm text-brand-700 underline underline-offset-2">
            {t('filters.clear')}
          </Link>
        )}
      </form>

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <p role="status" className="text-sm text-slate-700" data-testid="report-count">
          {t('count', { count: report.total })}
        </p>
        {report.total > 0 && (
          <a href={hrefWith('/reports/export', { ...scope, ...filters })} download className="no-print text-sm text-brand-700 underline underline-offset-2">
            {t('export')}
          </a>
        )}
      </div>

      {report.capped && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {t('capped', { shown: report.shown, total: report.total })}
        </p>
      )}

      {report.rows.length === 0 ? (
        <div className="mt-4 rounded border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="report-empty">
          <p className="font-medium">{filtered ? t('emptyFiltered') : t('empty')}</p>
          {filtered && (
            <>
              <p className="mt-1 text-sm text-slate-600">{t('emptyFilteredHint')}</p>
              <Link href={hrefWith('/reports', scope)} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
                {t('filters.clear')}
              </Link>
            </>
          )}
        </div>
      ) : (
        // Focusable and named so that keyboard users can scroll the table when it is wider than the screen.
        <div role="region" aria-labelledby="report-table-label" tabIndex={0} className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="report-table">
            <caption id="report-table-label" className="sr-only">
              {t('tableLabel')}
            </caption>
            <thead className="bg-slate-100 text-left text-xs tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('columns.product')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.edition')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.accountNumber')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.accountName')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.agreement')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('columns.available')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('columns.ordered')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('columns.unpaid')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.nextExpiration')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.lineId} className="border-t border-slate-200 align-top" data-testid="report-row" data-line-id={row.lineId}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={lineHref(scope, row)}
                      prefetch={false}
                      aria-label={t('viewLine', { product: row.productName, account: row.accountNumber })}
                      className="text-brand-700 underline underline-offset-2"
                    >
                      {row.productName}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{row.edition}</td>
                  <td className="tabular px-3 py-2">{row.accountNumber}</td>
                  <td className="px-3 py-2">{row.accountName}</td>
                  <td className="tabular px-3 py-2">{row.agreementNumber}</td>
                  <td className={numeric}>{count(row.available)}</td>
                  <td className={numeric}>{count(row.ordered)}</td>
                  <td className={`${numeric} font-semibold`}>{count(row.unpaid)}</td>
                  <td className="px-3 py-2">
                    {row.nextExpiration ? (
                      <ExpiryDate status={expiryStatus(currentDay, row.nextExpiration)} formatted={formatDate(locale, row.nextExpiration)} />
                    ) : (
                      <span aria-label={t('noExpirationLabel')}>{t('noExpiration')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold" data-testid="report-totals">
              <tr>
                <th scope="row" colSpan={5} className="px-3 py-2 text-left">
                  {t('total')}
                </th>
                <td className={numeric}>{count(report.totals.available)}</td>
                <td className={numeric}>{count(report.totals.ordered)}</td>
                <td className={numeric}>{count(report.totals.unpaid)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </PortalShell>
  );
}

/** The inventory line of a row, opened and highlighted (the same link e-mails use). */
function lineHref(scope: { customer?: string }, row: UnpaidServiceRow): string {
  return `${hrefWith('/inventory', { ...scope, account: row.accountNumber, line: row.lineId })}#line-${row.lineId}`;
}

/** A labelled drop-down with an "all" option; a value typed into the URL but not offered is kept selectable. */
function FilterSelect({ name, label, allLabel, options, selected }: { name: FilterName; label: string; allLabel: string; options: Option[]; selected: ReportParams[FilterName] }) {
  const id = `report-${name}`;
  const all = selected && !options.some((option) => option.value === selected) ? [...options, { value: selected, label: selected }] : options;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={selected ?? ''} className="mt-1 max-w-72 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
        <option value="">{allLabel}</option>
        {all.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
