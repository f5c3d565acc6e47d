import Link from 'next/link';
import { database } from '@/db/client';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Translate } from '@/components/columns';
import { DataTable } from '@/components/DataTable';
import { Notice } from '@/components/Notice';
import { Pagination } from '@/components/Pagination';
import { ContextBar } from '@/components/shell/ContextBar';
import { isReversedRange, ReversedRangeNotice } from '@/components/ReversedRangeNotice';
import { PortalShell } from '@/components/shell/PortalShell';
import { printAccountOf } from '@/components/shell/PrintContext';
import type { Locale } from '@/db/schema';
import type { AccountSelection } from '@/lib/accounts/queries';
import { accountSelectionOf } from '@/lib/per-request';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { formatDate } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { accountFilterOf, accountParamOf, scopeLinkParams } from '@/lib/inventory/view';
import { newOrderHref } from '@/lib/orders/paths';
import { mayRecordOrders } from '@/lib/orders/record';
import { type OrderSearch, parseOrdersParams, searchOf } from '@/lib/orders/params';
import { listOrders } from '@/lib/orders/queries';
import { hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { ORDERS_NAMESPACE, orderColumns } from './columns';
import { OrderSearchForm } from './OrderSearchForm';

/** "Afficher l'historique des commandes — Tous les comptes d'achats (3 comptes)". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const { params } = parseOrdersParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const resolved = (await accountSelectionOf(database(), viewer, params.account));
  const selection: AccountSelection = resolved.kind === 'choose' ? { kind: 'all', accountCount: resolved.accountCount } : resolved;
  const t = await getTranslations(ORDERS_NAMESPACE);
  const words = orderSearchWords(t, (await getLocale()) as Locale, searchOf(params));
  return titleOf(t('title'), await accountInTitle(selection), words.join(', '));
}

/** The search in words, for the title and the printout: 'Numéro du bon de commande du client « BC-2026 », Du 01/01/2026'. */
function orderSearchWords(t: Translate, locale: Locale, search: OrderSearch): string[] {
  return [
    ...(['number', 'po', 'product'] as const).filter((name) => search[name]).map((name) => t('searchShown', { name: t(`search.${name}`), value: search[name]! })),
    ...(['from', 'to'] as const).filter((name) => search[name]).map((name) => `${t(`search.${name}`)} ${formatDate(locale, search[name]!)}`),
  ];
}


/**
 * Compte → Afficher l'historique des commandes: the orders
 * partners placed for the accounts in view, newest first. Selecting an order
 * number opens /orders/NUMBER, the same link a partner sends by e-mail.
 */
export default async function OrdersPage({ searchParams }: { searchParams: PageSearchParams }) {
  // The same fallbacks as the inventory: a malformed value is dropped (its default applies), never a 500.
  const { params, ignored } = parseOrdersParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });

  const resolved = (await accountSelectionOf(database(), viewer, params.account));
  if (resolved.kind === 'not-found') notFound();
  // Orders are worth reading across accounts: where the inventory would send a person to the selector, show them all.
  const selection: AccountSelection = resolved.kind === 'choose' ? { kind: 'all', accountCount: resolved.accountCount } : resolved;
  const search = searchOf(params);
  const searching = Object.values(search).some(Boolean);
  const list = (await listOrders(database(), viewer, { accounts: accountFilterOf(selection), page: params.page ?? 1, search }));

  const t = await getTranslations(ORDERS_NAMESPACE);
  const tc = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const view = { ...scopeLinkParams(viewer, selection), ...search };
  const reversed = isReversedRange(search.from, search.to);
  const shown = (['number', 'po', 'product'] as const).filter((name) => search[name]).map((name) => t('searchShown', { name: t(`search.${name}`), value: search[name]! }));
  const orderHref = (number: string) => hrefWith(`/orders/${encodeURIComponent(number)}`, scopeParams(viewer));

  return (
    <PortalShell viewer={viewer} section="orders" help="orders" print={{ account: printAccountOf(selection), filters: orderSearchWords(t, locale, search), page: { page: list.page, pages: list.pages } }} account={accountParamOf(selection)} context={<ContextBar viewer={viewer} selection={selection} returnTo="/orders" />}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{viewer.role === 'partner_user' ? t('partnerIntro') : t('intro')}</p>
        </div>
        {mayRecordOrders(viewer) && (
          <Link
            href={newOrderHref({ customer: viewer.customer.number, account: selection.kind === 'account' ? selection.account.number : undefined })}
            className="no-print rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
            data-testid="record-order"
          >
            {t('recordOrder')}
          </Link>
        )}
      </div>
      {ignored && <Notice>{tc('errors.paramIgnored')}</Notice>}
      {reversed && (
        <ReversedRangeNotice
          testId="orders-reversed"
          text={t('search.reversed', { from: formatDate(locale, search.from!), to: formatDate(locale, search.to!) })}
          swapLabel={t('search.swap', { from: formatDate(locale, search.from!), to: formatDate(locale, search.to!) })}
          swapHref={hrefWith('/orders', { ...view, from: search.to, to: search.from })}
        />
      )}

      <OrderSearchForm search={search} scope={scopeLinkParams(viewer, selection)} clearHref={hrefWith('/orders', scopeLinkParams(viewer, selection))} />

      <div className="mt-4 flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm">
        <p role="status" className="text-slate-700" data-testid="order-count">
          {t('results', { total: list.total })}
        </p>
        {selection.kind === 'account' && selection.accountCount > 1 && (
          <Link href={hrefWith('/orders', { ...scopeParams(viewer), ...search, account: 'all' })} className="link">
            {t('allAccounts')}
          </Link>
        )}
        {list.total > 0 && (
          <a href={hrefWith('/orders/export', view)} download className="no-print ml-auto link">
            {t('export.link')}
          </a>
        )}
      </div>

      <DataTable
        stacked
        namespace={ORDERS_NAMESPACE}
        columns={orderColumns({ t, locale, orderHref })}
        rows={list.orders}
        rowKey={(order) => order.number}
        rowAttributes={() => ({ data: { testid: 'order-row' } })}
        caption={t('tableCaption')}
        testId="orders-table"
        className="mt-2"
        empty={
          searching
            ? { title: shown.length ? t('emptySearchFor', { filters: shown.join(', ') }) : t('emptySearch'), hint: t('emptySearchHint'), action: { href: hrefWith('/orders', scopeLinkParams(viewer, selection)), label: t('search.clear') }, testId: 'orders-empty', className: 'mt-3' }
            : {
                title: selection.kind === 'account' ? t('empty') : t('emptyAll'),
                hint: t('emptyHint'),
                action: selection.accountCount > 1 ? { href: hrefWith('/accounts', scopeParams(viewer)), label: t('chooseAccount') } : undefined,
                testId: 'orders-empty',
                className: 'mt-3',
              }
        }
      />
      <Pagination page={list.page} pages={list.pages} hrefFor={(page) => hrefWith('/orders', { ...view, page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}
