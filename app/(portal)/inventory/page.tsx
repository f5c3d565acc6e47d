import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AutoSubmitCheckbox } from '@/components/AutoSubmit';
import { InventoryTabs } from '@/components/InventoryTabs';
import { Pagination } from '@/components/Pagination';
import { ScrollToLine } from '@/components/ScrollToLine';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection, type AccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { formatInstant } from '@/lib/i18n/format';
import { getDataUpdatedAt, getLineReference, listLinesOfGroups, listProductGroups, pageOfGroup, type InventoryFilters, type ProductGroup } from '@/lib/inventory/queries';
import { accountFilterOf, parseInventoryParams, scopeLinkParams, type InventoryParams } from '@/lib/inventory/view';
import { foldForSearch } from '@/lib/search/normalize';
import { hrefWith, scopeParams, type UrlParams } from '@/lib/url';
import { ProductGroupRow } from './ProductGroupRow';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('inventory');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Licences et services (SPEC §3 items 1, 3–9, 11, 12): the default tab of the inventory. */
export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const { params, ignored } = parseInventoryParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer);

  // A `line` deep link (e-mails, history, orders) must be the viewer's; it also decides the account when none is given.
  const lineRef = params.line ? getLineReference(viewer, params.line) : null;
  if (params.line && !lineRef) notFound();
  const selection = resolveAccountSelection(viewer, params.account ?? lineRef?.accountNumber);
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));
  if (lineRef && selection.kind === 'account' && selection.account.id !== lineRef.accountId) notFound();

  const filters: InventoryFilters = { accounts: accountFilterOf(selection), query: params.q, packages: params.packages === '1' };
  const lineGroupKey = lineRef ? (filters.packages && lineRef.packageId ? `${lineRef.packageId}-${lineRef.productId}` : String(lineRef.productId)) : null;
  const requestedPage = lineGroupKey ? (pageOfGroup(viewer, filters, lineGroupKey) ?? 1) : (params.page ?? 1);
  const inventory = listProductGroups(viewer, filters, requestedPage);

  const expandAll = params.expand === 'all';
  const open = new Set(params.open);
  if (lineGroupKey) open.add(lineGroupKey);
  const isOpen = (group: ProductGroup) => expandAll || open.has(group.key) || open.has(String(group.productId));
  const lines = listLinesOfGroups(viewer, filters, inventory.groups.filter(isOpen));

  const t = await getTranslations('inventory');
  const tc = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const updatedAt = getDataUpdatedAt(viewer);

  // The view's own parameters, kept by every link that changes one of them.
  const view: UrlParams = {
    ...scopeLinkParams(viewer, selection),
    q: params.q,
    packages: params.packages,
    expand: params.expand,
    open: [...open].filter((key) => !lineGroupKey || key !== lineGroupKey || params.open.includes(key)),
    page: inventory.page > 1 ? inventory.page : undefined,
  };
  const tabParams = hrefWith('', scopeLinkParams(viewer, selection));
  const toggleHref = (group: ProductGroup) => {
    const keys = new Set(view.open as string[]);
    if (isOpen(group)) {
      keys.delete(group.key);
      keys.delete(String(group.productId));
    } else keys.add(group.key);
    return hrefWith('/inventory', { ...view, expand: undefined, open: [...keys] }) + `#product-${group.key}`;
  };

  return (
    <PortalShell viewer={viewer} section="inventory" context={<ContextBar viewer={viewer} selection={selection} />}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-xs text-slate-600" data-testid="data-updated">
          {updatedAt ? t('lastUpdated', { date: formatInstant(locale, updatedAt, env().APP_TIME_ZONE) }) : t('neverUpdated')}
        </p>
      </div>
      <InventoryTabs current="licenses" params={tabParams} />
      {ignored && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {tc('errors.paramIgnored')}
        </p>
      )}

      <Toolbar params={params} viewerScope={scopeLinkParams(viewer, selection)} expandAll={expandAll} view={view} selection={selection} />

      <p role="status" className="mt-4 text-sm text-slate-700" data-testid="product-count">
        {params.q ? t('searchResults', { total: inventory.totalGroups, q: params.q }) : t('results', { total: inventory.totalGroups })}
      </p>
      {!filters.packages && inventory.groups.length > 0 && (
        <nav aria-label={t('toolbar.browse')} className="no-print mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <span className="font-medium">{t('toolbar.browseLabel')}</span>
          {[...new Set(inventory.groups.map((group) => group.familyName))].map((family) => (
            <a key={family} href={`#${familyAnchor(family)}`} className="text-brand-700 underline underline-offset-2">
              {family}
            </a>
          ))}
        </nav>
      )}

      {inventory.groups.length === 0 ? (
        <div className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6 text-center">
          {params.q ? (
            <>
              <p className="font-medium">{t('emptySearch', { q: params.q })}</p>
              <p className="mt-1 text-sm text-slate-600">{t('emptySearchHint')}</p>
              <Link href={hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] })} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
                {t('toolbar.clearSearch')}
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium">{t('empty')}</p>
              <p className="mt-1 text-sm text-slate-600">{t('emptyHint')}</p>
              {selection.accountCount > 1 && (
                <Link href={hrefWith('/accounts', scopeParams(viewer))} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
                  {t('chooseAccount')}
                </Link>
              )}
            </>
          )}
        </div>
      ) : (
        <div id="inventory-list" className="mt-2">
          <InventorySections
            groups={inventory.groups}
            split={filters.packages ?? false}
            row={(group, headingLevel) => (
            <ProductGroupRow
              headingLevel={headingLevel}
              key={group.key}
              group={group}
              open={isOpen(group)}
              lines={lines.get(group.key)}
              toggleHref={toggleHref(group)}
              highlightLineId={lineRef?.id ?? null}
              scope={scopeParams(viewer)}
              locale={locale}
            />
            )}
          />
        </div>
      )}
      {lineRef && <ScrollToLine elementId={`line-${lineRef.id}`} />}
      <Pagination page={inventory.page} pages={inventory.pages} hrefFor={(page) => hrefWith('/inventory', { ...view, page: page > 1 ? page : undefined, open: [] })} />
    </PortalShell>
  );
}

/** The in-page anchor of a family heading (Parcourir). */
function familyAnchor(family: string): string {
  return `family-${foldForSearch(family).trim().replace(/ /g, '-')}`;
}

/** Product rows under family headings; in the packages view, "Produits" then "Packages" (each package with its items). */
async function InventorySections({ groups, split, row }: { groups: ProductGroup[]; split: boolean; row: (group: ProductGroup, headingLevel: 'h3' | 'h4') => React.ReactNode }) {
  const t = await getTranslations('inventory');
  const byHeading = (list: ProductGroup[], heading: (group: ProductGroup) => string, level: 'h2' | 'h3') => {
    const blocks: { title: string; groups: ProductGroup[] }[] = [];
    for (const group of list) {
      const title = heading(group);
      const last = blocks.at(-1);
      if (last && last.title === title) last.groups.push(group);
      else blocks.push({ title, groups: [group] });
    }
    const Heading = level;
    return blocks.map((block) => (
      <section key={`${level}-${block.title}`} id={level === 'h2' ? familyAnchor(block.title) : undefined} className="mt-5 scroll-mt-4">
        <Heading className={level === 'h2' ? 'text-lg font-semibold text-slate-800' : 'text-base font-semibold text-slate-800'}>{block.title}</Heading>
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white">{block.groups.map((group) => row(group, level === 'h2' ? 'h3' : 'h4'))}</ul>
      </section>
    ));
  };
  if (!split) return byHeading(groups, (group) => group.familyName, 'h2');
  const separate = groups.filter((group) => group.packageId === null);
  const packaged = groups.filter((group) => group.packageId !== null);
  return (
    <>
      {separate.length > 0 && (
        <section className="mt-6" aria-labelledby="section-products">
          <h2 id="section-products" className="text-xl font-semibold">
            {t('sections.products')}
          </h2>
          <p className="text-sm text-slate-600">{t('sections.productsHint')}</p>
          {byHeading(separate, (group) => group.familyName, 'h3')}
        </section>
      )}
      {packaged.length > 0 && (
        <section className="mt-8" aria-labelledby="section-packages">
          <h2 id="section-packages" className="text-xl font-semibold">
            {t('sections.packages')}
          </h2>
          <p className="text-sm text-slate-600">{t('sections.packagesHint')}</p>
          {byHeading(packaged, (group) => t('sections.package', { name: group.packageName ?? '' }), 'h3')}
        </section>
      )}
    </>
  );
}

async function Toolbar({
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
          <Link href={hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] })} className="py-1.5 text-sm text-brand-700 underline underline-offset-2">
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
        className="text-sm text-brand-700 underline underline-offset-2"
        data-testid="expand-all"
      >
        {t('expandAll')}
      </Link>

      {selection.kind !== 'not-found' && (
        <a href={hrefWith('/inventory/export', { ...viewerScope, q: params.q, packages: params.packages })} className="ml-auto text-sm text-brand-700 underline underline-offset-2" download>
          {t('export')}
        </a>
      )}
    </div>
  );
}
