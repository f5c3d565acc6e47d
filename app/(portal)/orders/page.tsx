import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/Pagination';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection, type AccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { accountFilterOf, inventoryParamsSchema, scopeLinkParams } from '@/lib/inventory/view';
import { listOrders } from '@/lib/orders/queries';
import { hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The same fallbacks as the inventory (SPEC §5): a malformed value is dropped, never a 500.
const ordersParamsSchema = inventoryParamsSchema.pick({ customer: true, account: true, page: true });

/**
 * Compte → Afficher l'historique des commandes (SPEC §3 item 10): the orders
 * partners placed for the accounts in view, newest first. Selecting an order
 * number opens /orders/NUMBER, the same link a partner sends by e-mail.
 */
export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const params = ordersParamsSchema.parse(raw);
  const ignored = (['account', 'page'] as const).some((key) => raw[key] !== undefined && raw[key] !== '' && params[key] === undefined);
  const viewer = await requireCustomerViewer(params.customer);

  const resolved = resolveAccountSelection(viewer, params.account);
  if (resolved.kind === 'not-found') notFound();
  // Orders are worth reading across accounts: where the inventory would send a person to the selector, show them all.
  const selection: AccountSelection = resolved.kind === 'choose' ? { kind: 'all', accountCount: resolved.accountCount } : resolved;
  const list = listOrders(viewer, { accounts: accountFilterOf(selection), page: params.page ?? 1 });

  const t = await getTranslations('orders');
  const tc = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const view = scopeLinkParams(viewer, selection);
  const orderHref = (number: string) => hrefWith(`/orders/${encodeURIComponent(number)}`, scopeParams(viewer));

  return (
    <PortalShell viewer={viewer} section="orders" context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      {ignored && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {tc('errors.paramIgnored')}
        </p>
      )}

      <div className="mt-4 flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm">
        <p role="status" className="text-slate-700" data-testid="order-count">
          {t('results', { total: list.total })}
        </p>
        {selection.kind === 'account' && selection.accountCount > 1 && (
          <Link href={hrefWith('/orders', { ...scopeParams(viewer), account: 'all' })} className="text-brand-700 underline underline-offset-2">
            {t('allAccounts')}
          </Link>
        )}
      </div>

      {list.orders.length === 0 ? (
        <div className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="orders-empty">
          <p className="font-medium">{selection.kind === 'account' ? t('empty') : t('emptyAll')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('emptyHint')}</p>
          {selection.accountCount > 1 && (
            <Link href={hrefWith('/accounts', scopeParams(viewer))} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
              {t('chooseAccount')}
            </Link>
          )}
        </div>
      ) : (
        <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="orders-table">
            <caption className="sr-only">{t('tableCaption')}</caption>
            <thead className="bg-slate-100 text-left text-xs tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t('columns.number')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('columns.date')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('columns.status')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('columns.partner')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('columns.account')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('columns.customerPoNumber')}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t('columns.items')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.orders.map((order) => (
                <tr key={order.number} className="border-t border-slate-200" data-testid="order-row">
                  <td className="tabular whitespace-nowrap px-3 py-2">
                    <Link href={orderHref(order.number)} prefetch={false} aria-label={t('openOrder', { number: order.number })} className="font-medium text-brand-700 underline underline-offset-2">
                      {order.number}
                    </Link>
                  </td>
                  <td className="tabular whitespace-nowrap px-3 py-2">{formatDate(locale, order.orderedOn)}</td>
                  <td className="px-3 py-2">{t(`status.${order.status}`)}</td>
                  <td className="px-3 py-2">{order.partnerName}</td>
                  <td className="px-3 py-2">
                    <span className="tabular">{order.accountNumber}</span> – {order.accountName}
                  </td>
                  <td className="px-3 py-2">{order.customerPoNumber ?? <NotGiven label={t('detail.notGiven')} dash={t('none')} />}</td>
                  <td className="tabular px-3 py-2 text-right">{formatCount(locale, order.itemCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pages={list.pages} hrefFor={(page) => hrefWith('/orders', { ...view, page: page > 1 ? page : undefined })} />
    </PortalShell>
  );
}

/** An empty cell that reads as "not provided" rather than a bare dash to screen readers. */
function NotGiven({ label, dash }: { label: string; dash: string }) {
  return (
    <>
      <span aria-hidden="true">{dash}</span>
      <span className="sr-only">{label}</span>
    </>
  );
}
