import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { OrderSearch } from '@/lib/orders/params';
import type { UrlParams } from '@/lib/url';

/**
 * The order history's search: one GET form (works without JavaScript) whose
 * fields combine — order number, customer PO number, product, date range —
 * and stay in the URL, so paging and the export keep them. Text fields only:
 * no choice list grows with the customer's orders or products.
 */
export async function OrderSearchForm({ search, scope, clearHref }: { search: OrderSearch; scope: UrlParams; clearHref: string }) {
  const t = await getTranslations('orders.search');
  const hidden = Object.entries(scope).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  const field = 'mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm';
  return (
    <form method="get" action="/orders" role="search" aria-label={t('label')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="orders-number" className="block text-sm font-medium">
          {t('number')}
        </label>
        <input id="orders-number" name="number" type="search" maxLength={64} defaultValue={search.number ?? ''} className={`${field} w-40`} />
      </div>
      <div>
        <label htmlFor="orders-po" className="block text-sm font-medium">
          {t('po')}
        </label>
        <input id="orders-po" name="po" type="search" maxLength={64} defaultValue={search.po ?? ''} className={`${field} w-56`} />
      </div>
      <div>
        <label htmlFor="orders-product" className="block text-sm font-medium">
          {t('product')}
        </label>
        <input id="orders-product" name="product" type="search" maxLength={100} placeholder={t('productHint')} defaultValue={search.product ?? ''} className={`${field} w-56`} />
      </div>
      <div>
        <label htmlFor="orders-from" className="block text-sm font-medium">
          {t('from')}
        </label>
        <input id="orders-from" name="from" type="date" defaultValue={search.from ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="orders-to" className="block text-sm font-medium">
          {t('to')}
        </label>
        <input id="orders-to" name="to" type="date" defaultValue={search.to ?? ''} className={field} />
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t('submit')}
      </button>
      {Object.values(search).some(Boolean) && (
        <Link href={clearHref} className="py-1.5 text-sm text-brand-700 underline underline-offset-2">
          {t('clear')}
        </Link>
      )}
    </form>
  );
}
