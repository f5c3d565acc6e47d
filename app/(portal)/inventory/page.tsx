import Link from 'next/link';
import { database } from '@/db/client';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/EmptyState';
import { InventoryTabs } from '@/components/InventoryTabs';
import { Notice } from '@/components/Notice';
import { Pagination } from '@/components/Pagination';
import { ScrollToLine } from '@/components/ScrollToLine';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { printAccountOf } from '@/components/shell/PrintContext';
import type { Locale } from '@/db/schema';
import { accountSelectionOf, dataUpdatedAtOf } from '@/lib/per-request';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatInstant } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { getLineReference, LINES_PER_PRODUCT_LIMIT, listLinesOfGroups, listProductGroups, pageOfGroup, suggestOwnProductNames, type InventoryFilters, type ProductGroup } from '@/lib/inventory/queries';
import { accountFilterOf, accountParamOf, parseInventoryParams, scopeLinkParams } from '@/lib/inventory/view';
import { setupHref } from '@/lib/online-services/paths';
import { maySetUpOnlineServices } from '@/lib/online-services/provisioning';
import { hrefWith, type PageSearchParams, scopeParams, type UrlParams } from '@/lib/url';
import { INVENTORY_NAMESPACE, inventoryLineColumns } from './columns';
import { BrowseLinks, InventorySections } from './InventorySections';
import { ProductGroupRow } from './ProductGroupRow';
import { Toolbar } from './Toolbar';

/** "Licences et services — Compte d'achats 5100201 – Lyon — Recherche : « office »". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const { params } = parseInventoryParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { line: params.line, account: params.account });
  const lineRef = params.line ? (await getLineReference(database(), viewer, params.line)) : null;
  const t = await getTranslations(INVENTORY_NAMESPACE);
  const selection = (await accountSelectionOf(database(), viewer, params.account ?? lineRef?.accountNumber));
  return titleOf(t('title'), await accountInTitle(selection), params.q && t('printSearch', { q: params.q }));
}

/** Licences et services: the default tab of the inventory — products by family, searched or browsed, expanded into their lines, packages shown apart on request, help tips and expiry markers. */
export default async function InventoryPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { params, ignored } = parseInventoryParams(await searchParams);
  // A partner's link opens in its customer's context: the account's when it names one (the line is then looked for in it), else the line's.
  const viewer = await requireCustomerViewer(params.customer, params.account && params.account !== 'all' ? { account: params.account } : { line: params.line, account: params.account });

  // A `line` deep link (e-mails, history, orders) highlights the line and decides the account when none is given. Links
  // outlive lines (an import removes or replaces them): a line no longer there — or no longer the viewer's, answered
  // alike — or not in the account asked for opens the inventory as it is, saying so, never a 404 for the whole page.
  const found = params.line ? (await getLineReference(database(), viewer, params.line)) : null;
  const inAccountAsked = (ref: NonNullable<typeof found>) => !params.account || params.account === 'all' || params.account === ref.accountNumber;
  const lineRef = found && inAccountAsked(found) ? found : null;
  const lineGone = params.line !== undefined && !lineRef;
  const selection = (await accountSelectionOf(database(), viewer, params.account ?? lineRef?.accountNumber ?? (lineGone ? 'all' : undefined)));
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const locale = (await getLocale()) as Locale;
  const filters: InventoryFilters = { accounts: accountFilterOf(selection), query: params.q, packages: params.packages === '1', locale };
  const lineGroupKey = lineRef ? (filters.packages && lineRef.packageId ? `${lineRef.packageId}-${lineRef.productId}` : String(lineRef.productId)) : null;
  const requestedPage = lineGroupKey ? ((await pageOfGroup(database(), viewer, filters, lineGroupKey)) ?? 1) : (params.page ?? 1);
  const inventory = (await listProductGroups(database(), viewer, filters, requestedPage));
  const closest = params.q && inventory.groups.length === 0 ? (await suggestOwnProductNames(database(), viewer, filters, params.q)) : [];

  const expandAll = params.expand === 'all';
  const open = new Set(params.open);
  if (lineGroupKey) open.add(lineGroupKey);
  const isOpen = (group: ProductGroup) => expandAll || open.has(group.key) || open.has(String(group.productId));
  // With every account in view a product can have hundreds of lines: a row shows the first ones (one account shows all its own).
  const lines = (await listLinesOfGroups(database(), viewer, filters, inventory.groups.filter(isOpen), selection.kind === 'all' ? LINES_PER_PRODUCT_LIMIT : Infinity));

  const t = await getTranslations(INVENTORY_NAMESPACE);
  const tc = await getTranslations('common');
  const ts = await getTranslations('onlineServices.setup');
  // The shell's print line says it too (components/shell/PrintContext.tsx): one query for both.
  const updatedAt = await dataUpdatedAtOf(database(), viewer);
  // One "today" for the whole page — the lines' markers and every product row's — so every marker is decided against the same date.
  const day = today();
  const canSetUp = maySetUpOnlineServices(viewer);
  const columns = inventoryLineColumns({
    t,
    locale,
    today: day,
    packagesView: filters.packages ?? false,
    scope: scopeParams(viewer),
    highlightLineId: lineRef?.id ?? null,
    canReduceSelfProvisioning: canSetUp,
  });

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
    <PortalShell viewer={viewer} section="inventory" help={filters.packages ? 'packages' : 'inventory'} print={{ account: printAccountOf(selection), filters: params.q ? [t('printSearch', { q: params.q })] : [], page: { page: inventory.page, pages: inventory.pages } }} account={accountParamOf(selection)} context={<ContextBar viewer={viewer} selection={selection} />}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-xs text-slate-600" data-testid="data-updated">
          {updatedAt ? t('lastUpdated', { date: formatInstant(locale, updatedAt, env().APP_TIME_ZONE) }) : t('neverUpdated')}
        </p>
      </div>
      <InventoryTabs current="licenses" params={tabParams} />
      {canSetUp && (
        // CONFIGURER DES SERVICES EN LIGNE: customer administrators only.
        <p className="no-print mt-3">
          <Link href={setupHref({ account: selection.kind === 'account' ? selection.account.number : undefined })} className="inline-block rounded bg-brand-700 px-4 py-2 text-sm font-semibold tracking-wide text-white hover:bg-brand-800" data-testid="set-up-services">
            {ts('button')}
          </Link>
        </p>
      )}
      {ignored && <Notice>{tc('errors.paramIgnored')}</Notice>}
      {lineGone && (
        <Notice>
          <span data-testid="line-gone">{t('lineGone')}</span>
        </Notice>
      )}

      <Toolbar params={params} viewerScope={scopeLinkParams(viewer, selection)} expandAll={expandAll} view={view} selection={selection} />

      <p role="status" className="mt-4 text-sm text-slate-700" data-testid="product-count">
        {params.q ? t('searchResults', { total: inventory.totalGroups, q: params.q }) : t('results', { total: inventory.totalGroups })}
      </p>
      {inventory.groups.length > 0 && <BrowseLinks groups={inventory.groups} split={filters.packages ?? false} />}

      {inventory.groups.length === 0 ? (
        params.q ? (
          <>
            <EmptyState
              title={t('emptySearch', { q: params.q })}
              hint={t('emptySearchHint')}
              action={{ href: hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] }), label: t('toolbar.clearSearch') }}
            />
            {/* A search that found nothing: the closest names among the viewer's own products, each a search of its own. */}
            {closest.length > 0 && (
              <p className="mt-3 text-center text-sm" data-testid="did-you-mean">
                {t('didYouMean')}{' '}
                {closest.map((name, index) => (
                  <span key={name}>
                    {index > 0 && t('didYouMeanOr')}
                    <Link href={hrefWith('/inventory', { ...view, q: name, page: undefined, open: [] })} className="link">
                      {name}
                    </Link>
                  </span>
                ))}
                {t('didYouMeanEnd')}
              </p>
            )}
          </>
        ) : (
          <EmptyState
            title={t('empty')}
            hint={t('emptyHint')}
            action={selection.accountCount > 1 ? { href: hrefWith('/accounts', scopeParams(viewer)), label: t('chooseAccount') } : undefined}
          />
        )
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
                today={day}
                open={isOpen(group)}
                lines={lines.get(group.key)}
                columns={columns}
                toggleHref={toggleHref(group)}
                chooseAccountHref={selection.accountCount > 1 ? hrefWith('/accounts', scopeParams(viewer)) : undefined}
                highlightLineId={lineRef?.id ?? null}
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
