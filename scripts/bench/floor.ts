/**
 * The bench's floor: what the portal's main pages would cost with
 * nothing but the work they must do. A plain node:http server, in its own
 * process, that answers the same addresses as the portal by calling the same
 * query functions (lib/…/queries.ts) with a Viewer re-read on every request
 * through lib/auth/scope.ts loadViewer, and writes equivalent HTML — the same
 * shell, headings, tables, links, forms and texts from the same catalogues —
 * with template strings. No React, no Next, no client JavaScript.
 *
 * The bench compares every page's latency, throughput and bytes with the
 * floor's. `GET /__profile?path=…&runs=N` (with the same cookie) renders a
 * page N times and answers the median time of each query function and of the
 * whole page: where a page's time goes.
 *
 *   tsx --conditions=react-server scripts/bench/floor.ts --port N   (DATABASE_PATH: the bench's database)
 *
 * A request is signed in by the cookie `floor-user=ID.SESSIONVERSION` (the
 * bench reads them from the database; the floor measures pages, not sign-in).
 */
import { database } from '@/db/client';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createTranslator } from 'use-intl/core';
import type { Locale } from '@/db/schema';
import { ACCOUNT_SEARCH_FIELDS, resolveAccountSelection, searchAccounts, type AccountCriteria, type AccountSelection } from '@/lib/accounts/queries';
import { loadViewer, type Viewer } from '@/lib/auth/scope';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatCount, formatDate, formatInstant } from '@/lib/i18n/format';
import { elision } from '@/lib/i18n/elision';
import { messages } from '@/lib/i18n/messages';
import { HELP_TOPIC_PAGES, HELP_TOPICS } from '@/lib/help/topics';
import { listBenefits, parseBenefitsParams } from '@/lib/inventory/benefits';
import { getDataUpdatedAt, LINES_PER_PRODUCT_LIMIT, listLinesOfGroups, listProductGroups, type InventoryFilters, type InventoryLineRow, type ProductGroup } from '@/lib/inventory/queries';
import { expiryStatus, unpaidQuantity, type ExpiryStatus } from '@/lib/inventory/rules';
import { accountFilterOf, accountParamOf, parseInventoryParams, scopeLinkParams } from '@/lib/inventory/view';
import { reduceHref, setupHref } from '@/lib/online-services/paths';
import { maySetUpOnlineServices } from '@/lib/online-services/provisioning';
import { parseOrdersParams, searchOf } from '@/lib/orders/params';
import { getOrder, listOrders } from '@/lib/orders/queries';
import { listReportSuggestions, listUnpaidServices, parseReportParams } from '@/lib/reports/queries';
import { foldForSearch } from '@/lib/search/normalize';
import { hrefWith, scopeParams, type UrlParams } from '@/lib/url';

// ─── Timing: every query call goes through q() ─────────────────────────────

let profile: Map<string, number> | null = null;

/** Runs one query function; while profiling, adds its time to the current render's record. */
async function q<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  if (!profile) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    profile.set(name, (profile.get(name) ?? 0) + performance.now() - started);
  }
}

// ─── HTML helpers ───────────────────────────────────────────────────────────

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
const link = (href: string, text: string, extra = '') => `<a href="${esc(href)}" class="link"${extra}>${esc(text)}</a>`;

/** A catalogue translator, loosely typed: the floor reads keys the pages read. */
type Translate = { (key: string, values?: Record<string, string | number | Date>): string; raw(key: string): unknown };
const translators = new Map<string, Translate>();
function tr(locale: Locale, namespace: string): Translate {
  const key = `${locale}:${namespace}`;
  let t = translators.get(key);
  if (!t) {
    t = createTranslator({ locale, messages: messages[locale], namespace: namespace as never }) as unknown as Translate;
    translators.set(key, t);
  }
  return t;
}

/** A table named by a caption, or (`{ labelledBy }`) by a heading already on the page. */
function table(name: string | { labelledBy: string }, headings: { text: string; numeric?: boolean; help?: string }[], rows: string[], footer = ''): string {
  const head = headings.map((h) => `<th scope="col"${h.numeric ? ' class="num"' : ''}>${esc(h.text)}${h.help ? `<span class="tip" role="note">${esc(h.help)}</span>` : ''}</th>`).join('');
  const caption = typeof name === 'string' ? `<caption class="sr-only">${esc(name)}</caption>` : '';
  const labelled = typeof name === 'string' ? '' : ` aria-labelledby="${esc(name.labelledBy)}"`;
  return `<div role="region" tabindex="0" class="scroll"${labelled}><table${labelled}>${caption}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody>${footer}</table></div>`;
}
const td = (content: string, numeric = false) => `<td${numeric ? ' class="num"' : ''}>${content}</td>`;

function pagination(locale: Locale, page: number, pages: number, hrefFor: (page: number) => string): string {
  if (pages <= 1) return '';
  const t = tr(locale, 'common.pagination');
  return `<nav aria-label="${esc(t('label'))}" class="pages">${page > 1 ? link(hrefFor(page - 1), t('previous'), ' rel="prev"') : ''}<span aria-current="page">${esc(t('page', { page, pages }))}</span>${page < pages ? link(hrefFor(page + 1), t('next'), ' rel="next"') : ''}</nav>`;
}

function emptyState(title: string, hint?: string, action?: { href: string; label: string }): string {
  return `<div class="empty"><p>${esc(title)}</p>${hint ? `<p class="hint">${esc(hint)}</p>` : ''}${action ? link(action.href, action.label) : ''}</div>`;
}

function expiryBadge(locale: Locale, status: ExpiryStatus): string {
  const t = tr(locale, 'inventory.expiry');
  switch (status.kind) {
    case 'none':
      return '';
    case 'soon':
      return `<span class="badge soon" data-expiry="soon">${esc(t('soon'))}</span>`;
    case 'imminent':
      return `<span class="badge imminent" data-expiry="imminent">${esc(t('inDays', { days: status.days }))}</span>`;
    case 'expired':
      return `<span class="badge expired" data-expiry="expired">${esc(t('expired'))}</span>`;
  }
}

const expiryDate = (locale: Locale, day: string, date: string) => {
  const status = expiryStatus(day, date);
  return `<span class="date"><span${status.kind === 'imminent' ? ' class="red"' : ''}>${esc(formatDate(locale, date))}</span>${expiryBadge(locale, status)}</span>`;
};

// ─── The shell ──────────────────────────────────────────────────────────────

function htmlDocument(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · License Desk</title><link rel="stylesheet" href="/styles.css"></head><body>${body}</body></html>`;
}

function portal(viewer: Viewer, section: string, account: string | undefined, context: string, title: string, main: string, path: string): string {
  const locale = viewer.locale ?? 'fr';
  const t = tr(locale, 'common');
  const scope = scopeParams(viewer);
  const inView = { ...scope, account };
  const menu = [
    { label: t('menu.inventory'), href: hrefWith('/inventory', inView), text: t('menu.manageInventory'), active: section === 'inventory' || section === 'accounts' },
    { label: t('menu.account'), href: hrefWith('/orders', inView), text: t('menu.orderHistory'), active: section === 'orders' },
    { label: null, href: hrefWith('/reports', scope), text: t('menu.reports'), active: section === 'reports' },
    { label: null, href: '/help', text: t('menu.help'), active: section === 'help' },
  ]
    .map((item) => `<li>${item.label ? `<span class="group">${esc(item.label)} ▸</span>` : ''}<a href="${esc(item.href)}"${item.active ? ' aria-current="page" class="active"' : ''}>${esc(item.text)}</a></li>`)
    .join('');
  const other = locale === 'fr' ? 'en' : 'fr';
  const userLinks = [
    viewer.role === 'customer_admin' ? link('/account/users', t('user.people')) : '',
    viewer.role !== 'account_viewer' ? link('/account/activity', t('user.activity')) : '',
    link('/settings', t('user.settings')),
    link('/account/password', t('user.security')),
  ].join('');
  const header = `<a href="#main" class="sr-only">${esc(t('skipToContent'))}</a><header class="top"><div class="bar">${link(hrefWith('/inventory', scope), t('productName'))}<nav aria-label="${esc(t('menu.label'))}"><ul>${menu}</ul></nav><div class="end"><form method="post" action="/language"><input type="hidden" name="locale" value="${other}"><input type="hidden" name="returnTo" value="${esc(path)}"><button type="submit" lang="${other}" title="${esc(t('language.switchToLabel'))}">${esc(t('language.switchTo'))}</button></form><details><summary aria-label="${esc(t('user.menu', { name: viewer.name, elision: elision(viewer.name) }))}">${esc(viewer.name)} ▾</summary><div class="menu"><p>${esc(t('user.signedInAs', { email: viewer.email, elision: elision(viewer.email) }))}</p>${userLinks}<form method="post" action="/sign-out"><button type="submit">${esc(t('user.signOut'))}</button></form></div></details></div></div></header>`;
  return htmlDocument(locale, title, `${header}${context}<main id="main" tabindex="-1">${main}</main>`);
}

function contextBar(viewer: Viewer, selection: AccountSelection, returnTo?: string): string {
  const locale = viewer.locale ?? 'fr';
  const t = tr(locale, 'common.context');
  const change = selection.kind !== 'not-found' && selection.accountCount > 1 ? link(hrefWith('/accounts', { ...scopeParams(viewer), return: returnTo }), t('change')) : '';
  const what =
    selection.kind === 'account'
      ? `<span class="strong">${esc(t('account', { number: selection.account.number, name: selection.account.name }))}</span><span>${esc(t('agreement', { number: selection.account.agreementNumber }))}</span><span>${esc(t('location', { city: selection.account.city, country: selection.account.country }))}</span>`
      : selection.kind === 'all'
        ? `<span class="strong">${esc(t('allAccounts', { count: selection.accountCount }))}</span>`
        : `<span>${esc(t('none'))}</span>`;
  return `<section aria-label="${esc(t('label'))}" class="context"><div>${what}${change}</div></section>`;
}

function tabs(locale: Locale, current: string, params: string): string {
  const t = tr(locale, 'inventory.tabs');
  const items = [
    ['licenses', `/inventory${params}`, t('licenses')],
    ['benefits', `/inventory/benefits${params}`, t('benefits')],
    ['expiring', `/inventory/expiring${params}`, t('expiring')],
  ]
    .map(([id, href, label]) => `<li><a href="${esc(href)}"${id === current ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`)
    .join('');
  return `<nav aria-label="${esc(t('label'))}" class="tabs"><ul>${items}</ul></nav>`;
}

// ─── Pages ──────────────────────────────────────────────────────────────────

type Answer = { status: 200; html: string } | { status: 302; location: string } | { status: 404 };
type RawParams = Record<string, string | string[] | undefined>;

function rawParams(url: URL): RawParams {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const seen = raw[key];
    raw[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return raw;
}

function familyAnchor(family: string): string {
  return `family-${foldForSearch(family).trim().replace(/ /g, '-')}`;
}

function productSummary(locale: Locale, group: ProductGroup): string {
  const t = tr(locale, 'inventory.totals');
  switch (group.kind) {
    case 'online_service':
      return t('subscriptions', { available: group.totals.availableCount, ordered: group.totals.orderedCount });
    case 'developer_subscription':
      return t('developerSubscriptions', { count: group.totals.licenseCount });
    case 'cloud_platform':
      return t('cloudSubscriptions', { count: group.totals.licenseCount });
    case 'license':
      return t('licenses', { licenses: group.totals.licenseCount, sa: group.totals.saCount });
  }
}

function manageLink(group: ProductGroup): { kind: 'services' | 'subscription'; href: string } | null {
  if (group.kind === 'developer_subscription') return { kind: 'subscription', href: group.managementUrl ?? env().DEV_SUBSCRIPTIONS_PORTAL_URL };
  if (group.kind === 'cloud_platform') return { kind: 'subscription', href: group.managementUrl ?? env().AZURE_PORTAL_URL };
  return group.managementUrl ? { kind: 'services', href: group.managementUrl } : null;
}

function lineRows(viewer: Viewer, group: ProductGroup, lines: InventoryLineRow[], day: string, canReduce: boolean): string {
  const locale = viewer.locale ?? 'fr';
  const t = tr(locale, 'inventory');
  const count = (value: number) => esc(formatCount(locale, value));
  const service = group.kind === 'online_service';
  const scope = scopeParams(viewer);
  const headings = [
    { text: t('columns.edition') },
    { text: t('columns.version') },
    { text: t('columns.accountNumber') },
    { text: t('columns.accountName') },
    { text: t('columns.resourceUsage') },
    ...(service
      ? [
          { text: t('columns.available'), numeric: true, help: t('help.available') },
          { text: t('columns.ordered'), numeric: true, help: t('help.ordered') },
        ]
      : [
          { text: t('columns.licenseCount'), numeric: true, help: t('help.licenseCount') },
          { text: t('columns.saCount'), numeric: true, help: t('help.saCount') },
        ]),
    { text: t('columns.nextExpiration') },
    { text: t('columns.actions') },
  ];
  const manage = manageLink(group);
  const rows = lines.map((line) => {
    const unpaid = unpaidQuantity(line.availableCount, line.orderedCount);
    const counts = service
      ? td(`${count(line.availableCount)}${unpaid > 0 ? `<p class="self" data-testid="self-provisioned">${esc(t(scope.customer ? 'selfProvisionedForPartner' : 'selfProvisioned', { count: unpaid }))}</p>` : ''}`, true) + td(count(line.orderedCount), true)
      : td(count(line.licenseCount), true) + td(count(line.saCount), true);
    const actions = [
      `<li>${link(hrefWith(`/inventory/history/${line.id}`, scope), t('actions.history'), ` aria-label="${esc(t('actions.historyLabel', { product: group.productName, edition: line.edition, version: line.version, account: line.accountNumber }))}"`)}</li>`,
      canReduce && line.kind === 'subscription' && unpaid > 0 ? `<li>${link(reduceHref(line.id), t('actions.reduce'), ` aria-label="${esc(t('actions.reduceLabel', { product: group.productName, account: line.accountNumber }))}"`)}</li>` : '',
      manage ? `<li><a href="${esc(manage.href)}" target="_blank" rel="noopener noreferrer" class="link">${esc(manage.kind === 'subscription' ? t('actions.manageSubscription') : t('actions.manageServices'))}<span class="sr-only"> ${esc(t('actions.opensElsewhere'))}</span></a></li>` : '',
    ].join('');
    return `<tr id="line-${line.id}" data-testid="inventory-line">${td(`${esc(line.edition)}${line.packageName && !group.packageId ? `<span class="small">${esc(t('row.viaPackage', { name: line.packageName }))}</span>` : ''}`)}${td(esc(line.version))}${td(esc(line.accountNumber))}${td(esc(line.accountName))}${td(esc(line.resourceUsage))}${counts}${td(line.nextExpiration ? expiryDate(locale, day, line.nextExpiration) : `<span aria-label="${esc(t('noExpirationLabel'))}">${esc(t('noExpiration'))}</span>`)}${td(`<ul>${actions}</ul>`)}</tr>`;
  });
  return table(t(group.packageId ? 'linesCaptionInPackage' : 'linesCaption', { product: group.productName, package: group.packageName ?? '', elision: elision(group.productName) }), headings, rows);
}

async function inventoryPage(viewer: Viewer, url: URL): Promise<Answer> {
  const { params } = parseInventoryParams(rawParams(url));
  const locale = viewer.locale ?? 'fr';
  const selection = (await q('resolveAccountSelection', async () => (await resolveAccountSelection(database(), viewer, params.account))));
  if (selection.kind === 'not-found') return { status: 404 };
  if (selection.kind === 'choose') return { status: 302, location: hrefWith('/accounts', scopeParams(viewer)) };
  const filters: InventoryFilters = { accounts: accountFilterOf(selection), query: params.q, packages: params.packages === '1' };
  const inventory = (await q('listProductGroups', async () => (await listProductGroups(database(), viewer, filters, params.page ?? 1))));
  const expandAll = params.expand === 'all';
  const open = new Set(params.open);
  const isOpen = (group: ProductGroup) => expandAll || open.has(group.key) || open.has(String(group.productId));
  const lines = (await q('listLinesOfGroups', async () => (await listLinesOfGroups(database(), viewer, filters, inventory.groups.filter(isOpen), selection.kind === 'all' ? LINES_PER_PRODUCT_LIMIT : Infinity))));
  const updatedAt = (await q('getDataUpdatedAt', async () => (await getDataUpdatedAt(database(), viewer))));
  const t = tr(locale, 'inventory');
  const day = today();
  const canSetUp = maySetUpOnlineServices(viewer);
  const scope = scopeLinkParams(viewer, selection);
  const view: UrlParams = { ...scope, q: params.q, packages: params.packages, expand: params.expand, open: [...open], page: inventory.page > 1 ? inventory.page : undefined };
  const hidden = (name: string, value: unknown) => (typeof value === 'string' && value ? `<input type="hidden" name="${name}" value="${esc(value)}">` : '');

  const toolbar = `<div class="toolbar"><form method="get" action="/inventory" role="search">${hidden('customer', scope.customer)}${hidden('account', scope.account)}${hidden('packages', params.packages)}<div><label for="inventory-q">${esc(t('toolbar.search'))}</label><input id="inventory-q" name="q" type="search" value="${esc(params.q ?? '')}" maxlength="100" aria-describedby="inventory-q-hint"><span id="inventory-q-hint" class="sr-only">${esc(t('toolbar.searchLabel'))}</span></div><button type="submit">${esc(t('toolbar.searchSubmit'))}</button>${params.q ? link(hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] }), t('toolbar.clearSearch')) : ''}</form><form method="get" action="/inventory">${hidden('customer', scope.customer)}${hidden('account', scope.account)}${hidden('q', params.q)}<input type="checkbox" id="show-packages" name="packages" value="1"${params.packages === '1' ? ' checked' : ''}><label for="show-packages">${esc(t('toolbar.showPackages'))}</label><noscript><button type="submit">${esc(t('toolbar.apply'))}</button></noscript></form>${link(hrefWith('/inventory', { ...view, expand: expandAll ? undefined : 'all', open: [] }), t('toolbar.expandAll'), ` aria-expanded="${expandAll}" aria-controls="inventory-list" title="${esc(expandAll ? t('toolbar.expandAllLabelHide') : t('toolbar.expandAllLabelShow'))}"`)}<a href="${esc(hrefWith('/inventory/export', { ...scope, q: params.q, packages: params.packages }))}" class="link" download>${esc(t('toolbar.export'))}</a></div>`;

  const families = [...new Set(inventory.groups.map((group) => group.familyName))];
  const browse = inventory.groups.length ? `<nav aria-label="${esc(t('toolbar.browse'))}" class="browse"><span>${esc(t('toolbar.browseLabel'))}</span>${families.map((family) => link(`#${familyAnchor(family)}`, family)).join('')}</nav>` : '';
  const chooseAccountHref = selection.accountCount > 1 ? hrefWith('/accounts', scopeParams(viewer)) : undefined;
  const row = (group: ProductGroup) => {
    const opened = isOpen(group);
    const keys = new Set(view.open as string[]);
    if (opened) {
      keys.delete(group.key);
      keys.delete(String(group.productId));
    } else keys.add(group.key);
    const toggle = hrefWith('/inventory', { ...view, expand: undefined, open: [...keys] }) + `#product-${group.key}`;
    const groupLines = lines.get(group.key);
    const detail =
      opened && groupLines
        ? `<div id="lines-${group.key}" class="lines">${lineRows(viewer, group, groupLines, day, canSetUp)}${groupLines.length < group.lineCount ? `<p data-testid="lines-capped">${esc(t('row.linesCapped', { shown: groupLines.length, total: group.lineCount }))} ${chooseAccountHref ? link(chooseAccountHref, t('chooseAccount')) : ''}</p>` : ''}</div>`
        : '';
    return `<li id="product-${group.key}" data-testid="product-row" data-product="${esc(group.productCode)}"><div class="row"><a href="${esc(toggle)}" aria-expanded="${opened}"${opened ? ` aria-controls="lines-${group.key}"` : ''} aria-label="${esc(opened ? t('row.collapseLabel', { product: group.productName }) : t('row.expandLabel', { product: group.productName }))}" title="${esc(t('row.expand'))}" class="toggle"><span aria-hidden="true">${opened ? '−' : '+'}</span></a><div><h3>${esc(group.productName)}</h3><p class="small">${esc(t('row.family', { family: group.familyName }))} · ${esc(t(`row.kinds.${group.kind}`))} · ${esc(t('row.lines', { count: group.lineCount }))}</p></div><p class="totals" data-testid="product-totals">${esc(productSummary(locale, group))}</p><span data-testid="product-expiry">${expiryBadge(locale, expiryStatus(day, group.earliestExpiration))}</span></div>${detail}</li>`;
  };
  const sections: string[] = [];
  for (const family of families) {
    const groups = inventory.groups.filter((group) => group.familyName === family);
    sections.push(`<section id="${familyAnchor(family)}"><h2>${esc(family)}</h2><ul class="products">${groups.map(row).join('')}</ul></section>`);
  }
  const list = inventory.groups.length
    ? `<div id="inventory-list">${sections.join('')}</div>`
    : params.q
      ? emptyState(t('emptySearch', { q: params.q }), t('emptySearchHint'), { href: hrefWith('/inventory', { ...view, q: undefined, page: undefined, open: [] }), label: t('toolbar.clearSearch') })
      : emptyState(t('empty'), t('emptyHint'));

  const main = `<div class="heading"><h1>${esc(t('title'))}</h1><p class="small" data-testid="data-updated">${esc(updatedAt ? t('lastUpdated', { date: formatInstant(locale, updatedAt, env().APP_TIME_ZONE) }) : t('neverUpdated'))}</p></div>${tabs(locale, 'licenses', hrefWith('', scope))}${canSetUp ? `<p>${link(setupHref({ account: selection.kind === 'account' ? selection.account.number : undefined }), tr(locale, 'onlineServices.setup')('button'), ' class="button"')}</p>` : ''}${toolbar}<p role="status" data-testid="product-count">${esc(params.q ? t('searchResults', { total: inventory.totalGroups, q: params.q }) : t('results', { total: inventory.totalGroups }))}</p>${browse}${list}${pagination(locale, inventory.page, inventory.pages, (page) => hrefWith('/inventory', { ...view, page: page > 1 ? page : undefined, open: [] }))}`;
  return { status: 200, html: portal(viewer, 'inventory', accountParamOf(selection), contextBar(viewer, selection), t('title'), main, url.pathname + url.search) };
}

async function benefitsPage(viewer: Viewer, url: URL): Promise<Answer> {
  const { params } = parseBenefitsParams(rawParams(url));
  const locale = viewer.locale ?? 'fr';
  const selection = (await q('resolveAccountSelection', async () => (await resolveAccountSelection(database(), viewer, params.account))));
  if (selection.kind === 'not-found') return { status: 404 };
  if (selection.kind === 'choose') return { status: 302, location: hrefWith('/accounts', scopeParams(viewer)) };
  const list = (await q('listBenefits', async () => (await listBenefits(database(), viewer, accountFilterOf(selection)))));
  const t = tr(locale, 'benefits');
  const day = today();
  const scope = scopeLinkParams(viewer, selection);
  const count = (value: number) => esc(formatCount(locale, value));
  const headings = [{ text: t('columns.benefit') }, { text: t('columns.entitled'), numeric: true }, { text: t('columns.used'), numeric: true }, { text: t('columns.remaining'), numeric: true }, { text: t('columns.expiresOn') }];
  const sections = list.accounts.map((group) => {
    const rows = group.benefits.map((row) => `<tr data-benefit-id="${row.id}"><th scope="row">${esc(row.name)}</th>${td(count(row.entitled), true)}${td(count(row.used), true)}${td(`<span class="strong">${count(row.remaining)}</span>`, true)}${td(expiryDate(locale, day, row.expiresOn))}</tr>`);
    return `<section data-account="${esc(group.accountNumber)}"><h2 id="benefits-account-${esc(group.accountNumber)}">${esc(t('account', { number: group.accountNumber, name: group.accountName }))}</h2>${table({ labelledBy: `benefits-account-${group.accountNumber}` }, headings, rows)}</section>`;
  });
  const main = `<h1>${esc(t('title'))}</h1>${tabs(locale, 'benefits', hrefWith('', scope))}<div class="intro"><p>${esc(t('intro'))}</p><div><p data-testid="benefit-count">${esc(t('count', { count: list.total }))}</p>${list.shown > 0 ? `<a href="${esc(hrefWith('/inventory/benefits/export', scope))}" class="link" download>${esc(t('export'))}</a>` : ''}</div></div>${list.capped ? `<p class="notice">${esc(t('capped', { shown: list.shown, total: list.total }))}</p>` : ''}${sections.length ? sections.join('') : emptyState(selection.kind === 'all' ? t('emptyAll') : t('empty'), selection.accountCount > 1 ? t('emptyHint') : t('emptyHintSingle'))}`;
  return { status: 200, html: portal(viewer, 'inventory', accountParamOf(selection), contextBar(viewer, selection, '/inventory/benefits'), t('title'), main, url.pathname + url.search) };
}

async function ordersPage(viewer: Viewer, url: URL): Promise<Answer> {
  const { params } = parseOrdersParams(rawParams(url));
  const locale = viewer.locale ?? 'fr';
  const resolved = (await q('resolveAccountSelection', async () => (await resolveAccountSelection(database(), viewer, params.account))));
  if (resolved.kind === 'not-found') return { status: 404 };
  const selection: AccountSelection = resolved.kind === 'choose' ? { kind: 'all', accountCount: resolved.accountCount } : resolved;
  const search = searchOf(params);
  const searching = Object.values(search).some(Boolean);
  const list = (await q('listOrders', async () => (await listOrders(database(), viewer, { accounts: accountFilterOf(selection), page: params.page ?? 1, search }))));
  const t = tr(locale, 'orders');
  const scope = scopeLinkParams(viewer, selection);
  const view = { ...scope, ...search };
  const fields = (['number', 'po', 'product', 'from', 'to'] as const)
    .map((name) => `<div><label for="orders-${name}">${esc(t(`search.${name}`))}</label><input id="orders-${name}" name="${name}" type="${name === 'from' || name === 'to' ? 'date' : 'search'}"${name === 'product' ? ` placeholder="${esc(t('search.productHint'))}"` : ''} value="${esc(search[name] ?? '')}"></div>`)
    .join('');
  const hidden = Object.entries(scope)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${esc(value)}">`)
    .join('');
  const form = `<form method="get" action="/orders" role="search" aria-label="${esc(t('search.label'))}" class="toolbar">${hidden}${fields}<button type="submit">${esc(t('search.submit'))}</button>${searching ? link(hrefWith('/orders', scope), t('search.clear')) : ''}</form>`;
  const headings = [
    { text: t('columns.number') },
    { text: t('columns.date') },
    { text: t('columns.status') },
    { text: t('columns.partner') },
    { text: t('columns.account') },
    { text: t('columns.customerPoNumber'), help: t('help.customerPoNumber') },
    { text: t('columns.items'), numeric: true },
  ];
  const rows = list.orders.map(
    (order) =>
      `<tr data-testid="order-row">${td(link(hrefWith(`/orders/${encodeURIComponent(order.number)}`, scopeParams(viewer)), order.number, ` aria-label="${esc(t('openOrder', { number: order.number }))}"`))}${td(esc(formatDate(locale, order.orderedOn)))}${td(esc(t(`status.${order.status}`)))}${td(esc(order.partnerName))}${td(`<span class="tabular">${esc(order.accountNumber)}</span> – ${esc(order.accountName)}`)}${td(order.customerPoNumber ? esc(order.customerPoNumber) : `<span aria-hidden="true">${esc(t('none'))}</span><span class="sr-only">${esc(t('detail.notGiven'))}</span>`)}${td(esc(formatCount(locale, order.itemCount)), true)}</tr>`,
  );
  const main = `<h1>${esc(t('title'))}</h1><p class="intro">${esc(t('intro'))}</p>${form}<div class="counts"><p role="status" data-testid="order-count">${esc(t('results', { total: list.total }))}</p>${selection.kind === 'account' && selection.accountCount > 1 ? link(hrefWith('/orders', { ...scopeParams(viewer), ...search, account: 'all' }), t('allAccounts')) : ''}${list.total > 0 ? `<a href="${esc(hrefWith('/orders/export', view))}" class="link" download>${esc(t('export.link'))}</a>` : ''}</div>${rows.length ? table(t('tableCaption'), headings, rows) : emptyState(searching ? t('emptySearch') : t('emptyAll'), searching ? t('emptySearchHint') : t('emptyHint'))}${pagination(locale, list.page, list.pages, (page) => hrefWith('/orders', { ...view, page: page > 1 ? page : undefined }))}`;
  return { status: 200, html: portal(viewer, 'orders', accountParamOf(selection), contextBar(viewer, selection, '/orders'), t('title'), main, url.pathname + url.search) };
}

async function orderPage(viewer: Viewer, url: URL, number: string): Promise<Answer> {
  const locale = viewer.locale ?? 'fr';
  const order = (await q('getOrder', async () => (await getOrder(database(), viewer, number))));
  if (!order) return { status: 404 };
  const t = tr(locale, 'orders');
  const { header, information, items } = order;
  const notGiven = `<span class="muted">${esc(t('detail.notGiven'))}</span>`;
  const orderPath = `/orders/${encodeURIComponent(header.number)}`;
  const appUrl = env().APP_URL;
  const fieldList = (fields: [string, string][]) => `<dl>${fields.map(([label, value]) => `<div><dt>${esc(label)}</dt><dd>${value}</dd></div>`).join('')}</dl>`;
  const address = (name: string | null, text: string | null) => (name || text ? `<address>${name ? `<span class="strong">${esc(name)}</span>` : ''}${esc(text ?? '')}</address>` : notGiven);
  const tag = locale === 'fr' ? 'fr-FR' : 'en-US';
  const price = (amount: number) => new Intl.NumberFormat(tag, { style: 'currency', currency: information.currency ?? 'EUR', minimumFractionDigits: information.fractionDigits, maximumFractionDigits: information.fractionDigits }).format(amount);
  const orNone = (value: string) => esc(value || t('none'));
  const rows = items.map(
    (item) =>
      `<tr data-testid="order-item">${td(String(item.position), true)}${td(item.lineId === null ? esc(item.productName) : link(`${hrefWith('/inventory', { ...scopeParams(viewer), account: header.accountNumber, line: item.lineId })}#line-${item.lineId}`, item.productName, ` aria-label="${esc(t('detail.openLine', { product: item.productName }))}"`))}${td(orNone(item.edition))}${td(orNone(item.version))}${td(orNone(item.resourceUsage))}${td(esc(formatCount(locale, item.quantity)), true)}${td(esc(item.withSoftwareAssurance ? t('detail.yes') : t('detail.no')))}${td(esc(item.termMonths === null ? t('none') : t('detail.termMonths', { months: item.termMonths })), true)}${td(esc(item.unitPrice === null ? t('detail.noPrice') : price(item.unitPrice)), true)}</tr>`,
  );
  const headings = (['position', 'product', 'edition', 'version', 'resourceUsage', 'quantity', 'softwareAssurance', 'term', 'unitPrice'] as const).map((key) => ({ text: t(`detail.columns.${key}`), numeric: ['position', 'quantity', 'term', 'unitPrice'].includes(key) }));
  const main = `${link(hrefWith('/orders', { ...scopeParams(viewer), account: header.accountNumber }), `← ${t('detail.back')}`)}<h1>${esc(t('detail.title', { number: header.number }))}</h1><p data-testid="order-link"><span class="strong">${esc(t('link.label'))}</span><a href="${esc(orderPath)}" class="link">${esc(appUrl ? new URL(orderPath, appUrl).toString() : orderPath)}</a></p><section aria-labelledby="order-header"><h2 id="order-header">${esc(t('detail.header'))}</h2>${fieldList([
    [t('detail.number'), esc(header.number)],
    [t('detail.date'), esc(formatDate(locale, header.orderedOn))],
    [t('detail.status'), esc(t(`status.${header.status}`))],
    [t('detail.partner'), esc(header.partnerName)],
    [t('detail.partnerEmail'), header.partnerEmail ? link(`mailto:${header.partnerEmail}`, header.partnerEmail) : notGiven],
    [t('detail.partnerPhone'), header.partnerPhone ? link(`tel:${header.partnerPhone.replace(/[^\d+]/g, '')}`, header.partnerPhone) : notGiven],
    [t('detail.accountNumber'), esc(header.accountNumber)],
    [t('detail.accountName'), esc(header.accountName)],
    [t('detail.customerPoNumber'), header.customerPoNumber ? esc(header.customerPoNumber) : notGiven],
  ])}</section><section aria-labelledby="order-information"><h2 id="order-information">${esc(t('detail.information'))}</h2>${fieldList([
    [t('detail.agreementNumber'), esc(information.agreementNumber)],
    [t('detail.currency'), information.currency ? esc(information.currency) : notGiven],
    [t('detail.billTo'), address(information.billToName, information.billToAddress)],
    [t('detail.shipTo'), address(information.shipToName, information.shipToAddress)],
  ])}</section><section aria-labelledby="order-items"><h2 id="order-items">${esc(t('detail.items'))}</h2>${rows.length ? table(t('detail.itemsCaption', { number: header.number }), headings, rows) : emptyState(t('detail.noItems'))}</section>`;
  return { status: 200, html: portal(viewer, 'orders', header.accountNumber, '', t('detail.title', { number: header.number }), main, url.pathname + url.search) };
}

async function reportsPage(viewer: Viewer, url: URL): Promise<Answer> {
  const { params } = parseReportParams(rawParams(url));
  const locale = viewer.locale ?? 'fr';
  const filters = { account: params.account, order: params.order, agreement: params.agreement, product: params.product };
  const report = (await q('listUnpaidServices', async () => (await listUnpaidServices(database(), viewer, filters, params.page ?? 1))));
  if (!report) return { status: 404 };
  const suggestions = (await q('listReportSuggestions', async () => (await listReportSuggestions(database(), viewer))));
  const t = tr(locale, 'reports');
  const day = today();
  const scope = scopeParams(viewer);
  const filtered = Object.values(filters).some(Boolean);
  const count = (value: number) => esc(formatCount(locale, value));
  const lists = {
    account: suggestions.accounts.map((account) => [account.number, t('filters.accountOption', { number: account.number, name: account.name })]),
    order: suggestions.orders.map((order) => [order.number, t('filters.orderOption', { number: order.number, date: formatDate(locale, order.orderedOn), account: order.accountNumber })]),
    agreement: suggestions.agreements.map((agreement) => [agreement.number, agreement.name ? t('filters.agreementOption', { number: agreement.number, name: agreement.name }) : agreement.number]),
    product: suggestions.products.map((product) => [product.code, product.name]),
  };
  const fields = (['account', 'order', 'agreement', 'product'] as const)
    .map((name) => {
      const id = `report-${name}`;
      const hint = t(`filters.${name}Hint`);
      return `<div><label for="${id}">${esc(t(`filters.${name}`))}</label><input id="${id}" name="${name}" type="text" list="${id}-suggestions" value="${esc(params[name] ?? '')}" maxlength="64" autocomplete="off" placeholder="${esc(hint)}" aria-describedby="${id}-hint"><span id="${id}-hint" class="sr-only">${esc(hint)}</span><datalist id="${id}-suggestions">${lists[name].map(([value, label]) => `<option value="${esc(value)}">${esc(label)}</option>`).join('')}</datalist></div>`;
    })
    .join('');
  const form = `<form method="get" action="/reports" aria-label="${esc(t('filters.label'))}" class="toolbar">${scope.customer ? `<input type="hidden" name="customer" value="${esc(scope.customer)}">` : ''}${fields}<button type="submit">${esc(t('filters.submit'))}</button>${filtered ? link(hrefWith('/reports', scope), t('filters.clear')) : ''}</form>`;
  const help = scope.customer ? 'partnerHelp' : 'help';
  const headings = [
    { text: t('columns.product') },
    { text: t('columns.edition') },
    { text: t('columns.accountNumber') },
    { text: t('columns.accountName') },
    { text: t('columns.agreement') },
    { text: t('columns.available'), numeric: true, help: t(`${help}.available`) },
    { text: t('columns.ordered'), numeric: true, help: t(`${help}.ordered`) },
    { text: t('columns.unpaid'), numeric: true },
    { text: t('columns.nextExpiration') },
  ];
  const rows = report.rows.map(
    (row) =>
      `<tr data-testid="report-row" data-line-id="${row.lineId}"><th scope="row">${link(`${hrefWith('/inventory', { ...scope, account: row.accountNumber, line: row.lineId })}#line-${row.lineId}`, row.productName, ` aria-label="${esc(t('viewLine', { product: row.productName, account: row.accountNumber }))}"`)}</th>${td(esc(row.edition))}${td(esc(row.accountNumber))}${td(esc(row.accountName))}${td(esc(row.agreementNumber))}${td(count(row.available), true)}${td(count(row.ordered), true)}${td(`<span class="strong">${count(row.unpaid)}</span>`, true)}${td(row.nextExpiration ? expiryDate(locale, day, row.nextExpiration) : `<span aria-label="${esc(t('noExpirationLabel'))}">${esc(t('noExpiration'))}</span>`)}</tr>`,
  );
  const footer = `<tfoot data-testid="report-totals"><tr><th scope="row" colspan="5">${esc(report.pages > 1 ? t('totalAllPages') : t('total'))}</th>${td(count(report.totals.available), true)}${td(count(report.totals.ordered), true)}${td(count(report.totals.unpaid), true)}<td></td></tr></tfoot>`;
  const main = `<p class="small">${esc(t('section'))}</p><h1>${esc(t('title'))}</h1><p data-testid="report-intro">${esc(viewer.role === 'partner_user' ? t('partnerIntro') : t('intro'))}</p>${form}<div class="counts"><p role="status" data-testid="report-count">${esc(t('count', { count: report.total }))}</p>${report.total > 0 ? `<a href="${esc(hrefWith('/reports/export', { ...scope, ...filters }))}" class="link" download>${esc(t('export'))}</a>` : ''}</div>${rows.length ? table(t('tableLabel'), headings, rows, footer) : emptyState(filtered ? t('emptyFiltered') : t('empty'))}${pagination(locale, report.page, report.pages, (page) => hrefWith('/reports', { ...scope, ...filters, page: page > 1 ? page : undefined }))}`;
  return { status: 200, html: portal(viewer, 'reports', params.account, '', t('title'), main, url.pathname + url.search) };
}

async function accountsPage(viewer: Viewer, url: URL): Promise<Answer> {
  const locale = viewer.locale ?? 'fr';
  const get = (name: string) => url.searchParams.get(name)?.trim().slice(0, 100) || undefined;
  const field = ACCOUNT_SEARCH_FIELDS.find((candidate) => candidate === get('field'));
  const criteria: AccountCriteria = {};
  for (const name of ACCOUNT_SEARCH_FIELDS) if (get(name)) criteria[name] = get(name);
  if (field && get('term')) criteria[field] = get('term');
  const page = Number(get('page') ?? 1) || 1;
  const result = (await q('searchAccounts', async () => (await searchAccounts(database(), viewer, criteria, page))));
  const selection = (await q('resolveAccountSelection', async () => (await resolveAccountSelection(database(), viewer, undefined))));
  const t = tr(locale, 'accounts.selector');
  const scope = scopeParams(viewer);
  const currentNumber = selection.kind === 'account' ? selection.account.number : null;
  const active = ACCOUNT_SEARCH_FIELDS.filter((name) => criteria[name]);
  const labels = Object.fromEntries(ACCOUNT_SEARCH_FIELDS.map((name) => [name, t(`fields.${name}`)])) as Record<(typeof ACCOUNT_SEARCH_FIELDS)[number], string>;
  const form = `<form method="get" action="/accounts" role="search" class="toolbar">${active.map((name) => `<input type="hidden" name="${name}" value="${esc(criteria[name])}">`).join('')}<div><label for="account-field">${esc(t('field'))}</label><select id="account-field" name="field">${ACCOUNT_SEARCH_FIELDS.map((name) => `<option value="${name}"${name === (field ?? 'name') ? ' selected' : ''}>${esc(labels[name])}</option>`).join('')}</select></div><div><label for="account-term">${esc(t('term'))}</label><input id="account-term" name="term" type="search" value="${esc(field ? (get('term') ?? '') : '')}"></div><button type="submit">${esc(t('submit'))}</button><p class="small">${esc(t('addHint'))}</p></form>`;
  const chips = active.length
    ? `<div class="chips"><span>${esc(t('criteria'))}</span><ul>${active.map((name) => `<li>${link(hrefWith('/accounts', { ...scope, ...Object.fromEntries(active.filter((other) => other !== name).map((other) => [other, criteria[other]])) }), `${t('criterion', { field: labels[name], value: criteria[name] ?? '' })} ×`, ` aria-label="${esc(t('removeCriterion', { field: labels[name], value: criteria[name] ?? '' }))}"`)}</li>`).join('')}</ul>${link(hrefWith('/accounts', scope), t('clearAll'))}</div>`
    : '';
  const headings = [{ text: t('columns.number') }, { text: t('columns.name') }, { text: t('columns.agreement') }, { text: t('columns.entity') }, { text: t('columns.location') }, { text: t('columns.action') }];
  const rows = result.rows.map(
    (account) =>
      `<tr${account.number === currentNumber ? ' aria-current="true"' : ''}>${td(`<span class="strong">${esc(account.number)}</span>`)}${td(`${esc(account.name)}${account.number === currentNumber ? `<span class="chip">${esc(t('current'))}</span>` : ''}`)}${td(esc(account.agreementNumber))}${td(esc(account.customerLegalName))}${td(esc(`${account.city}, ${account.country}`))}${td(`<form method="post" action="/accounts/choose"><input type="hidden" name="account" value="${esc(account.number)}"><button type="submit" data-account-result aria-label="${esc(t('chooseLabel', { number: account.number, name: account.name }))}">${esc(t('choose'))}</button></form>`)}</tr>`,
  );
  const main = `<h1>${esc(t('title'))}</h1><p class="intro">${esc(t('intro'))}</p>${form}${chips}<div class="counts"><p role="status" data-testid="account-count">${esc(t('results', { total: result.total }))}</p>${selection.kind !== 'not-found' && selection.accountCount > 1 ? link(hrefWith('/inventory', { ...scope, account: 'all' }), t('allAccounts')) : ''}</div>${rows.length ? table(t('tableCaption'), headings, rows) : emptyState(t('empty'), t('emptyHint'), { href: hrefWith('/accounts', scope), label: t('clearAll') })}${pagination(locale, result.page, result.pages, (next) => hrefWith('/accounts', { ...scope, ...criteria, page: next }))}`;
  return { status: 200, html: portal(viewer, 'accounts', undefined, contextBar(viewer, selection), t('title'), main, url.pathname + url.search) };
}

function helpPage(viewer: Viewer, url: URL): Answer {
  const locale = viewer.locale ?? 'fr';
  const t = tr(locale, 'help');
  const main = `<h1>${esc(t('title'))}</h1><p>${esc(t('intro'))}</p><nav aria-label="${esc(t('contents'))}"><ul>${HELP_TOPICS.map((section) => `<li>${link(`#${section}`, t(`sections.${section}.title`))}</li>`).join('')}</ul></nav>${HELP_TOPICS.map((section) => { const target = HELP_TOPIC_PAGES[section]; const mayOpen = !target.roles || target.roles.includes(viewer.role); return `<section id="${section}" aria-labelledby="${section}-title"><h2 id="${section}-title">${esc(t(`sections.${section}.title`))}</h2><ol>${(t.raw(`sections.${section}.steps`) as string[]).map((step) => `<li>${esc(step)}</li>`).join('')}</ol>${mayOpen ? `<p>${link(hrefWith(target.path, scopeParams(viewer)), `${t('open', { page: t(`sections.${section}.page`) })} →`)}</p>` : ''}</section>`; }).join('')}`;
  return { status: 200, html: portal(viewer, 'help', undefined, '', t('title'), main, url.pathname) };
}

function signInPage(): Answer {
  const locale: Locale = 'fr';
  const t = tr(locale, 'auth.signIn');
  const common = tr(locale, 'common');
  const main = `<h1>${esc(t('title'))}</h1><p>${esc(t('intro'))}</p><form method="post" action="/sign-in" novalidate><input type="hidden" name="callbackUrl" value="/inventory"><div><label for="email">${esc(t('email'))}</label><input id="email" name="email" type="email" autocomplete="username" required maxlength="320"></div><div><label for="password">${esc(t('password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"></div><button type="submit">${esc(t('submit'))}</button></form><p>${link('/forgot-password', tr(locale, 'auth.reset')('forgotLink'))}</p>`;
  const header = `<header class="top"><div class="bar"><span class="strong">${esc(common('productName'))}</span><form method="post" action="/language"><input type="hidden" name="locale" value="en"><input type="hidden" name="returnTo" value="/sign-in"><button type="submit" lang="en" title="${esc(common('language.switchToLabel'))}">${esc(common('language.switchTo'))}</button></form></div></header>`;
  return { status: 200, html: htmlDocument(locale, t('title'), `${header}<main id="main">${main}</main>`) };
}

// ─── The server ─────────────────────────────────────────────────────────────

async function viewerOf(cookie: string | undefined): Promise<Viewer | null> {
  const match = /(?:^|;\s*)floor-user=(\d+)\.(\d+)/.exec(cookie ?? '');
  if (!match) return null;
  return (await q('loadViewer', async () => (await loadViewer(database(), Number(match[1]), Number(match[2])))));
}

async function route(url: URL, cookie: string | undefined): Promise<Answer> {
  if (url.pathname === '/sign-in') return signInPage();
  const viewer = (await viewerOf(cookie));
  if (!viewer) return { status: 302, location: `/sign-in?callbackUrl=${encodeURIComponent(url.pathname + url.search)}` };
  switch (url.pathname) {
    case '/inventory':
      return (await inventoryPage(viewer, url));
    case '/inventory/benefits':
      return (await benefitsPage(viewer, url));
    case '/orders':
      return (await ordersPage(viewer, url));
    case '/reports':
      return (await reportsPage(viewer, url));
    case '/accounts':
      return (await accountsPage(viewer, url));
    case '/help':
      return helpPage(viewer, url);
    case '/bench/minimal':
      return { status: 200, html: portal(viewer, 'account', undefined, '', tr(viewer.locale ?? 'fr', 'common')('productName'), `<h1>${esc(tr(viewer.locale ?? 'fr', 'common')('productName'))}</h1>`, url.pathname) };
  }
  const order = /^\/orders\/([^/]+)$/.exec(url.pathname);
  if (order) return (await orderPage(viewer, url, decodeURIComponent(order[1]!)));
  return { status: 404 };
}

function answer(response: ServerResponse, result: Answer): void {
  if (result.status === 200) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' });
    response.end(result.html);
  } else if (result.status === 302) {
    response.writeHead(302, { location: result.location });
    response.end();
  } else {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found');
  }
}

/** Renders a page `runs` times; the median of each query's time and of the whole render (ms). */
async function profilePage(url: URL, cookie: string | undefined, runs: number): Promise<Record<string, number>> {
  const samples = new Map<string, number[]>();
  for (let run = 0; run < runs; run++) {
    profile = new Map();
    const started = performance.now();
    await route(url, cookie);
    const total = performance.now() - started;
    const queries = [...profile.values()].reduce((sum, ms) => sum + ms, 0);
    profile.set('(total)', total);
    profile.set('(HTML and the rest)', total - queries);
    for (const [name, ms] of profile) (samples.get(name) ?? samples.set(name, []).get(name)!).push(ms);
    profile = null;
  }
  const medians: Record<string, number> = {};
  for (const [name, values] of samples) medians[name] = values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return medians;
}

const portIndex = process.argv.indexOf('--port');
const port = Number(portIndex >= 0 ? process.argv[portIndex + 1] : 3290);

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://floor.invalid');
    if (url.pathname === '/__profile') {
      const target = new URL(url.searchParams.get('path') ?? '/', 'http://floor.invalid');
      const runs = Math.min(Math.max(1, Number(url.searchParams.get('runs') ?? 15) || 15), 200);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify((await profilePage(target, request.headers.cookie, runs))));
      return;
    }
    answer(response, (await route(url, request.headers.cookie)));
  } catch (error) {
    console.error('[floor]', error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  }
}

createServer((request, response) => void handle(request, response)).listen(port, '127.0.0.1', () => console.log(`floor listening on http://127.0.0.1:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
