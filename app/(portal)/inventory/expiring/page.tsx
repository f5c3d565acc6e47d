import { notFound, redirect } from 'next/navigation';
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { BarChart } from '@/components/BarChart';
import { DataTable } from '@/components/DataTable';
import { InventoryTabs } from '@/components/InventoryTabs';
import { Pagination } from '@/components/Pagination';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { printAccountOf } from '@/components/shell/PrintContext';
import type { Locale } from '@/db/schema';
import { accountSelectionOf } from '@/lib/per-request';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { expirationsByMonth, listExpiring } from '@/lib/inventory/expiring';
import { accountFilterOf, accountParamOf, inventoryParamsSchema, scopeLinkParams } from '@/lib/inventory/view';
import { hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { EXPIRING_NAMESPACE, expiringColumns } from './columns';

/** "Expire bientôt — Tous les comptes d'achats (3 comptes)". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const t = await getTranslations(EXPIRING_NAMESPACE);
  return titleOf(t('expiring.title'), await accountInTitle((await accountSelectionOf(database(), viewer, params.account))));
}

const paramsSchema = inventoryParamsSchema.pick({ customer: true, account: true, page: true });

/**
 * Expire bientôt: the online services that expire within 90 days
 * or have expired, soonest first, each linked to its line (the e-mails'
 * "everything that expires soon" link), and a chart of the subscriptions
 * expiring per month over the next twelve months with its table.
 */
export default async function ExpiringPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = paramsSchema.parse(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const selection = (await accountSelectionOf(database(), viewer, params.account));
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const day = today();
  const accounts = accountFilterOf(selection);
  const locale = (await getLocale()) as Locale;
  const list = await listExpiring(database(), viewer, { accounts, today: day, page: params.page ?? 1, locale });
  const months = await expirationsByMonth(database(), viewer, { accounts, today: day });
  const t = await getTranslations(EXPIRING_NAMESPACE);
  const scope = scopeLinkParams(viewer, selection);
  const monthName = (month: string) => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  const total = months.reduce((sum, month) => sum + month.subscriptions, 0);

  return (
    <PortalShell viewer={viewer} section="inventory" help="expiring" print={{ account: printAccountOf(selection) }} account={accountParamOf(selection)} context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('expiring.title')}</h1>
      <InventoryTabs current="expiring" params={hrefWith('', scope)} />
      <p className="mt-4 max-w-3xl text-sm text-slate-700">{viewer.role === 'partner_user' ? t('expiring.introPartner') : t('expiring.intro')}</p>

      <p role="status" className="mt-4 text-sm text-slate-700" data-testid="expiring-count">
        {t('expiring.count', { count: list.total })}
      </p>
      <DataTable
        stacked
        namespace={EXPIRING_NAMESPACE}
        columns={expiringColumns({ locale, today: day, scope: scopeParams(viewer) })}
        rows={list.lines}
        rowKey={(line) => line.lineId}
        rowAttributes={() => ({ data: { testid: 'expiring-row' } })}
        caption={t('expiring.caption')}
        className="mt-2"
        empty={{ title: t('expiring.empty') }}
      />
      <Pagination page={list.page} pages={list.pages} hrefFor={(page) => hrefWith('/inventory/expiring', { ...scope, page: page > 1 ? page : undefined })} />

      <section aria-labelledby="by-month" className="mt-8">
        <h2 id="by-month" className="text-lg font-semibold">
          {t('expiring.chartTitle')}
        </h2>
        <BarChart
          id="expiring-chart"
          title={t('expiring.chartTitle')}
          description={t('expiring.chartDescription', { total })}
          bars={months.map((month) => ({ label: monthName(month.month), value: month.subscriptions, figure: formatCount(locale, month.subscriptions) }))}
        />
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer link">{t('expiring.chartTable')}</summary>
          <table className="mt-2 text-sm" data-testid="chart-table">
            <caption className="sr-only">{t('expiring.chartTitle')}</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left">
                  {t('expiring.month')}
                </th>
                <th scope="col" className="px-2 py-1 text-right">
                  {t('expiring.subscriptions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month} className="border-t border-slate-200">
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    {monthName(month.month)}
                  </th>
                  <td className="tabular px-2 py-1 text-right">{formatCount(locale, month.subscriptions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </PortalShell>
  );
}
