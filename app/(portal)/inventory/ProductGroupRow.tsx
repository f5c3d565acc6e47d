import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { DataTable } from '@/components/DataTable';
import type { Translate } from '@/components/columns';
import { ExpiryBadge } from '@/components/ExpiryBadge';
import { elision } from '@/lib/i18n/elision';
import type { InventoryLineRow, ProductGroup } from '@/lib/inventory/queries';
import { expiryStatus } from '@/lib/inventory/rules';
import { columnsOfProduct, INVENTORY_NAMESPACE, type InventoryLineColumn } from './columns';

/**
 * A product row: collapsed, its totals, line count and most urgent expiry;
 * expanded (Développer/Réduire — a link that works without JavaScript and
 * opens in place with it), every edition and version with its actions. Its
 * look is in app/globals.css (`.product-*`): it repeats on every row.
 */
export function ProductGroupRow({
  group,
  today,
  headingLevel,
  open,
  lines,
  columns,
  toggleHref,
  chooseAccountHref,
  highlightLineId,
}: {
  group: ProductGroup;
  /** The page's "today" (YYYY-MM-DD), the one its lines' markers are decided against. */
  today: string;
  headingLevel: 'h3' | 'h4';
  open: boolean;
  lines: InventoryLineRow[] | undefined;
  columns: InventoryLineColumn[];
  toggleHref: string;
  /** Where to choose one account, when a product has more lines than a row shows. */
  chooseAccountHref?: string;
  highlightLineId: number | null;
}) {
  const t = useTranslations(INVENTORY_NAMESPACE);
  const urgent = expiryStatus(today, group.earliestExpiration);
  const linesId = `lines-${group.key}`;
  const Heading = headingLevel;

  return (
    <li id={`product-${group.key}`} className="scroll-mt-4" data-testid="product-row" data-product={group.productCode}>
      <div className="product-bar">
        <Link
          href={toggleHref}
          scroll={false}
          prefetch={false}
          aria-expanded={open}
          aria-controls={open ? linesId : undefined}
          aria-label={open ? t('row.collapseLabel', { product: group.productName }) : t('row.expandLabel', { product: group.productName })}
          title={t('row.expand')}
          className="product-toggle"
        >
          <span aria-hidden="true">{open ? '−' : '+'}</span>
        </Link>
        <div className="product-title">
          <Heading>{group.productName}</Heading>
          <p>
            {t('row.family', { family: group.familyName })} · {t(`row.kinds.${group.kind}`)} · {t('row.lines', { count: group.lineCount })}
          </p>
        </div>
        <p className="product-totals" data-testid="product-totals">
          {productSummary(t, group)}
        </p>
        <span data-testid="product-expiry">
          <ExpiryBadge status={urgent} />
        </span>
      </div>

      {open && lines && (
        <div id={linesId} className="border-t border-slate-200 bg-slate-50 px-3 pb-3">
          <DataTable
            stacked
            namespace={INVENTORY_NAMESPACE}
            columns={columnsOfProduct(columns, group)}
            rows={lines.map((line) => ({ group, line }))}
            rowKey={({ line }) => line.id}
            rowAttributes={({ line }) => ({ id: `line-${line.id}`, highlighted: line.id === highlightLineId, data: { testid: 'inventory-line' } })}
            caption={t(group.packageId ? 'linesCaptionInPackage' : 'linesCaption', { product: group.productName, package: group.packageName ?? '', elision: elision(group.productName) })}
            className="mt-2"
            empty={{ title: t('empty') }}
          />
          {lines.length < group.lineCount && (
            <p className="mt-2 text-sm" data-testid="lines-capped">
              {t('row.linesCapped', { shown: lines.length, total: group.lineCount })}{' '}
              {chooseAccountHref && (
                <Link href={chooseAccountHref} className="link">
                  {t('chooseAccount')}
                </Link>
              )}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * A product's totals in the words of its kind: licences and SA, available and
 * ordered subscriptions, or a number of subscriptions for developer
 * subscriptions and cloud platforms (their licence count; they have no SA).
 */
function productSummary(t: Translate, group: ProductGroup): string {
  switch (group.kind) {
    case 'online_service':
      return t('totals.subscriptions', { available: group.totals.availableCount, ordered: group.totals.orderedCount });
    case 'developer_subscription':
      return t('totals.developerSubscriptions', { count: group.totals.licenseCount });
    case 'cloud_platform':
      return t('totals.cloudSubscriptions', { count: group.totals.licenseCount });
    case 'license':
      return t('totals.licenses', { licenses: group.totals.licenseCount, sa: group.totals.saCount });
  }
}
