import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AutoSubmitCheckbox } from '@/components/AutoSubmit';
import type { AccountSelection } from '@/lib/accounts/queries';
import type { InventoryParams } from '@/lib/inventory/view';
import { hrefWith, type UrlParams } from '@/lib/url';

/**
 * The inventory's toolbar: search with a real submit button, the
 * "show packages" toggle (applied at once with JavaScript, by its button
 * without), expand/collapse all, and the export of the view.
 */
export async function Toolbar({
  params,
  viewerScope,
  expandAll,
  view,
  selection,
}: {
  params: InventoryParams;
  viewerScope: UrlParams;
  expandAll: boolean;
  view: UrlParams;
  selection: AccountSelection;
}) {
  const t = await getTranslations('inventory.toolbar');
  const hidden = (name: string, value: unknown) => (typeof value === 'string' && value ? <input type="hidden" name={name} value={value} /> : null);
  return (
    <div className="no-print mt-4 flex flex-wrap items-end gap-x-6 gap-y-3 rounded border border-slate-200 bg-white p-3">
      <form method="get" action="/inventory" role="search" className="flex flex-wrap items-end gap-2">
        {hidden('customer', viewerScope.customer)}
        {hidden('account', viewerScope.account)}
        {hidden('packages', params.packages)}
        <div>
          <label htmlFor="inventory-q" className="block text-sm font-medium">
            {t('search')}
          </label>
          <input
            id="inventory-q"
            name="q"
            type="search"
            defaultValue={params.q ?? ''}
            maxLength={100}
            aria-describedby="inventory-q-hint"
            className="mt-1 w-64 rounded border border-slate-400 px-3 py-1.5 text-sm"
          />
          <span id="inventory-q-hint" className="sr-only">
            {t('searchLabel')}
          </span>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t('searchSubmit')}
        </button>
        {params.q && (
          <Link href={hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] })} className="py-1.5 text-sm link">
            {t('clearSearch')}
          </Link>
        )}
      </form>

      <form method="get" action="/inventory" className="flex items-center gap-2">
        {hidden('customer', viewerScope.customer)}
        {hidden('account', viewerScope.account)}
        {hidden('q', params.q)}
        <AutoSubmitCheckbox id="show-packages" name="packages" value="1" defaultChecked={params.packages === '1'} label={t('showPackages')} />
        <noscript>
          <button type="submit" className="rounded border border-slate-400 px-2 py-1 text-sm">
            {t('apply')}
          </button>
        </noscript>
      </form>

      <Link
        href={hrefWith('/inventory', { ...view, expand: expandAll ? undefined : 'all', open: [] })}
        scroll={false}
        aria-expanded={expandAll}
        aria-controls="inventory-list"
        title={expandAll ? t('expandAllLabelHide') : t('expandAllLabelShow')}
        className="text-sm link"
        data-testid="expand-all"
      >
        {t('expandAll')}
      </Link>

      {selection.kind !== 'not-found' && (
        <a href={hrefWith('/inventory/export', { ...viewerScope, q: params.q, packages: params.packages })} className="ml-auto text-sm link" download>
          {t('export')}
        </a>
      )}
    </div>
  );
}
