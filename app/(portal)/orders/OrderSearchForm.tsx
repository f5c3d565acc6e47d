import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { OrderSearch } from '@/lib/orders/params';
import type { UrlParams } from '@/lib/url';

const fields: { name: keyof OrderSearch; type: 'search' | 'date'; maxLength: number; width: string }[] = [
  { name: 'number', type: 'search', maxLength: 64, width: 'w-40' },
  { name: 'po', type: 'search', maxLength: 64, width: 'w-56' },
  { name: 'product', type: 'search', maxLength: 100, width: 'w-56' },
  { name: 'from', type: 'date', maxLength: 10, width: '' },
  { name: 'to', type: 'date', maxLength: 10, width: '' },
];

/**
 * The order history's search: one GET form (works without JavaScript) whose
 * fields combine — order number, customer PO number, product, date range —
 * and stay in the URL, so paging and the export keep them. Text fields only:
 * no choice list grows with the customer's orders or products.
 */
export async function OrderSearchForm({ search, scope, clearHref }: { search: OrderSearch; scope: UrlParams; clearHref: string }) {
  const t = await getTranslations('orders.search');
  const hidden = Object.entries(scope).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  return (
    <form method="get" action="/orders" role="search" aria-label={t('label')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((input) => (
        <div key={input.name}>
          <label htmlFor={`orders-${input.name}`} className="block text-sm font-medium">
            {t(input.name)}
          </label>
          <input
            id={`orders-${input.name}`}
            name={input.name}
            type={input.type}
            maxLength={input.type === 'date' ? undefined : input.maxLength}
            placeholder={input.name === 'product' ? t('productHint') : undefined}
            defaultValue={search[input.name] ?? ''}
            className={`mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm ${input.width}`}
          />
        </div>
      ))}
      <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t('submit')}
      </button>
      {Object.values(search).some(Boolean) && (
        <Link href={clearHref} className="py-1.5 text-sm link">
          {t('clear')}
        </Link>
      )}
    </form>
  );
}
