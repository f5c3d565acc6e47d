import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import { ExpiryDate } from '@/components/ExpiryBadge';
import type { Locale } from '@/db/schema';
import { env } from '@/lib/env';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { resourceUsageName } from '@/lib/i18n/names';
import type { InventoryLineRow, ProductGroup, Totals } from '@/lib/inventory/queries';
import { expiryStatus, unpaidQuantity } from '@/lib/inventory/rules';
import { reduceHref } from '@/lib/online-services/paths';
import { hrefWith } from '@/lib/url';

/** The catalogue namespace of the lines' headings and help tips. */
export const INVENTORY_NAMESPACE = 'inventory';

/** One line with the product row it sits under. */
export type InventoryLine = { group: ProductGroup; line: InventoryLineRow };

/**
 * A line column. `counts` marks the columns of one kind of product: a
 * product's table shows licence and SA counts, or, for an online service,
 * available and ordered subscriptions instead, or, for a developer
 * subscription or a cloud platform, its number of subscriptions alone (they
 * have no SA, and a licence count means nothing there); the export, one flat
 * list, has every kind's columns, each filled only on the lines of its kind.
 */
export type InventoryLineColumn = Column<InventoryLine> & { counts?: CountsKind };

/** Which counts a product's lines are read in. */
export type CountsKind = 'licenses' | 'subscriptions' | 'units';

export function countsOf(kind: ProductGroup['kind']): CountsKind {
  if (kind === 'online_service') return 'subscriptions';
  if (kind === 'developer_subscription' || kind === 'cloud_platform') return 'units';
  return 'licenses';
}

/** Where "Gérer les services" / "Gérer l'abonnement" leads for a product, if anywhere. */
function manageLink(group: ProductGroup): { kind: 'services' | 'subscription'; href: string } | null {
  if (group.kind === 'developer_subscription') return { kind: 'subscription', href: group.managementUrl ?? env().DEV_SUBSCRIPTIONS_PORTAL_URL };
  if (group.kind === 'cloud_platform') return { kind: 'subscription', href: group.managementUrl ?? env().AZURE_PORTAL_URL };
  return group.managementUrl ? { kind: 'services', href: group.managementUrl } : null;
}

type Context = {
  t: Translate;
  locale: Locale;
  /** One date for the whole page, so that every marker is decided against the same day. */
  today: string;
  /** The packages view: the export then says which package (or none) each line was bought in. */
  packagesView: boolean;
  /** The parameters every link keeps (a partner's `customer`). */
  scope: { customer?: string };
  /** The line a `line` deep link asked for. */
  highlightLineId?: number | null;
  /** A customer administrator: self-provisioned subscriptions get a link to reduce or switch them off. */
  canReduceSelfProvisioning?: boolean;
};

/**
 * The columns of the Licences et services lines: each product's table and
 * /inventory/export are both written from them. The export also names what
 * the page shows above the table (package, family, product, kind) and the
 * self-provisioned quantity the page explains under the available count.
 */
export function inventoryLineColumns({ t, locale, today, packagesView, scope, highlightLineId = null, canReduceSelfProvisioning = false }: Context): InventoryLineColumn[] {
  const count = (value: number) => formatCount(locale, value);
  const isService = ({ line }: InventoryLine) => line.kind === 'subscription';
  // What a line is counted in: a subscription line as an online service's; any other as its product's kind.
  const countsOfLine = (row: InventoryLine): CountsKind => (isService(row) ? 'subscriptions' : countsOf(row.group.kind) === 'subscriptions' ? 'licenses' : countsOf(row.group.kind));
  // A count with its help tip; in the export, empty on the lines of another kind (no licence or SA count on an Azure commitment).
  const countColumn = (key: 'licenseCount' | 'saCount' | 'available' | 'ordered', counts: 'licenses' | 'subscriptions', field: keyof Totals): InventoryLineColumn => ({
    key,
    heading: `columns.${key}`,
    help: `help.${key}`,
    numeric: true,
    counts,
    cell: ({ line }) => count(line[field]),
    csv: (row) => (countsOfLine(row) === counts ? row.line[field] : null),
  });
  return [
    ...(packagesView ? [{ key: 'package', heading: 'columns.package', csv: ({ group }: InventoryLine) => group.packageName ?? t('sections.products') }] : []),
    { key: 'family', heading: 'columns.family', csv: ({ group }) => group.familyName },
    { key: 'product', heading: 'columns.product', csv: ({ group }) => group.productName },
    { key: 'kind', heading: 'columns.kind', csv: ({ group }) => t(`row.kinds.${group.kind}`) },
    {
      key: 'edition',
      heading: 'columns.edition',
      cell: ({ group, line }) => (
        <>
          {line.edition}
          {line.packageName && !group.packageId && <span className="block text-xs text-slate-600">{t('row.viaPackage', { name: line.packageName })}</span>}
          {line.id === highlightLineId && <span className="sr-only"> ({t('lineHighlighted')})</span>}
        </>
      ),
      csv: ({ line }) => line.edition,
    },
    { key: 'version', heading: 'columns.version', cell: ({ line }) => line.version, csv: ({ line }) => line.version },
    { key: 'accountNumber', heading: 'columns.accountNumber', code: true, cell: ({ line }) => line.accountNumber, csv: ({ line }) => line.accountNumber },
    { key: 'accountName', heading: 'columns.accountName', text: true, cell: ({ line }) => line.accountName, csv: ({ line }) => line.accountName },
    {
      key: 'resourceUsage',
      heading: 'columns.resourceUsage',
      cell: ({ line }) => resourceUsageName(line.resourceUsage, locale),
      csv: ({ line }) => resourceUsageName(line.resourceUsage, locale),
    },
    countColumn('licenseCount', 'licenses', 'licenseCount'),
    countColumn('saCount', 'licenses', 'saCount'),
    // A developer subscription or a cloud platform counts subscriptions (kept as the licence count, which the export has).
    {
      key: 'subscriptionCount',
      heading: 'columns.subscriptionCount',
      numeric: true,
      counts: 'units',
      cell: ({ line }) => count(line.licenseCount),
      csv: (row) => (countsOfLine(row) === 'units' ? row.line.licenseCount : null),
    },
    {
      ...countColumn('available', 'subscriptions', 'availableCount'),
      cell: ({ line }) => {
        const unpaid = unpaidQuantity(line.availableCount, line.orderedCount);
        return (
          <>
            {count(line.availableCount)}
            {unpaid > 0 && (
              <p className="mt-1 min-w-44 max-w-56 whitespace-normal text-left text-xs text-amber-900" data-testid="self-provisioned">
                {t(scope.customer ? 'selfProvisionedForPartner' : 'selfProvisioned', { count: unpaid })}
              </p>
            )}
          </>
        );
      },
    },
    countColumn('ordered', 'subscriptions', 'orderedCount'),
    // On the page, the self-provisioned note under the available count says it in words.
    { key: 'unpaid', heading: 'columns.unpaid', csv: (row) => (isService(row) ? unpaidQuantity(row.line.availableCount, row.line.orderedCount) : null) },
    {
      key: 'nextExpiration',
      heading: 'columns.nextExpiration',
      cell: ({ line }) =>
        line.nextExpiration ? (
          <ExpiryDate status={expiryStatus(today, line.nextExpiration)} formatted={formatDate(locale, line.nextExpiration)} />
        ) : (
          <span aria-label={t('noExpirationLabel')}>{t('noExpiration')}</span>
        ),
      csv: ({ line }) => line.nextExpiration,
    },
    // Links: nothing to export.
    {
      key: 'actions',
      heading: 'columns.actions',
      control: true,
      cell: ({ group, line }) => {
        const manage = manageLink(group);
        return (
          <ul className="row-actions">
            <li>
              <Link
                href={hrefWith(`/inventory/history/${line.id}`, scope)}
                prefetch={false}
                aria-label={t('actions.historyLabel', { product: group.productName, edition: line.edition, version: line.version, account: line.accountNumber })}
                className="link"
              >
                {t('actions.history')}
              </Link>
            </li>
            {canReduceSelfProvisioning && line.kind === 'subscription' && unpaidQuantity(line.availableCount, line.orderedCount) > 0 && (
              <li>
                <Link
                  href={reduceHref(line.id)}
                  prefetch={false}
                  aria-label={t('actions.reduceLabel', { product: group.productName, account: line.accountNumber })}
                  className="link"
                >
                  {t('actions.reduce')}
                </Link>
              </li>
            )}
            {manage && (
              <li>
                <a href={manage.href} target="_blank" rel="noopener noreferrer" className="link">
                  {manage.kind === 'subscription' ? t('actions.manageSubscription') : t('actions.manageServices')}
                  <span className="sr-only"> {t('actions.opensElsewhere')}</span>
                </a>
              </li>
            )}
          </ul>
        );
      },
    },
  ];
}

/** The columns of one product's table: its kind's counts only. */
export function columnsOfProduct(columns: InventoryLineColumn[], group: ProductGroup): InventoryLineColumn[] {
  const counts = countsOf(group.kind);
  return columns.filter((column) => !column.counts || column.counts === counts);
}
