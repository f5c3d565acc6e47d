import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ExpiryBadge, ExpiryDate } from '@/components/ExpiryBadge';
import { HelpTip } from '@/components/HelpTip';
import type { Locale } from '@/db/schema';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatCount, formatDate } from '@/lib/i18n/format';
import type { InventoryLineRow, ProductGroup } from '@/lib/inventory/queries';
import { expiryStatus, unpaidQuantity } from '@/lib/inventory/rules';
import { hrefWith } from '@/lib/url';

/** Where "Gérer les services" / "Gérer l'abonnement" leads for a product, if anywhere. */
function manageLink(group: ProductGroup): { kind: 'services' | 'subscription'; href: string } | null {
  if (group.kind === 'developer_subscription') return { kind: 'subscription', href: group.managementUrl ?? env().DEV_SUBSCRIPTIONS_PORTAL_URL };
  if (group.kind === 'cloud_platform') return { kind: 'subscription', href: group.managementUrl ?? env().AZURE_PORTAL_URL };
  return group.managementUrl ? { kind: 'services', href: group.managementUrl } : null;
}

/**
 * A product row: collapsed, its totals, line count and most urgent expiry;
 * expanded (Développer/Réduire — a link that works without JavaScript and
 * opens in place with it), every edition and version with its actions.
 */
export function ProductGroupRow({
  group,
  headingLevel,
  open,
  lines,
  toggleHref,
  highlightLineId,
  scope,
  locale,
}: {
  group: ProductGroup;
  headingLevel: 'h3' | 'h4';
  open: boolean;
  lines: InventoryLineRow[] | undefined;
  toggleHref: string;
  highlightLineId: number | null;
  scope: { customer?: string };
  locale: Locale;
}) {
  const t = useTranslations('inventory');
  const isService = group.kind === 'online_service';
  const now = today();
  const urgent = expiryStatus(now, group.earliestExpiration);
  const count = (value: number) => formatCount(locale, value);
  const linesId = `lines-${group.key}`;
  const manage = manageLink(group);
  const Heading = headingLevel;

  return (
    <li id={`product-${group.key}`} className="scroll-mt-4" data-testid="product-row" data-product={group.productCode}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
        <Link
          href={toggleHref}
          scroll={false}
          prefetch={false}
          aria-expanded={open}
          aria-controls={open ? linesId : undefined}
          aria-label={open ? t('row.collapseLabel', { product: group.productName }) : t('row.expandLabel', { product: group.productName })}
          title={t('row.expand')}
          className="inline-flex h-7 w-7 shrink-0 items-center justify-center rounded border border-slate-400 text-base leading-none text-slate-800 hover:bg-slate-100"
        >
          <span aria-hidden="true">{open ? '−' : '+'}</span>
        </Link>
        <div className="min-w-0 flex-1">
          <Heading className="font-medium text-slate-900">{group.productName}</Heading>
          <p className="text-xs text-slate-600">
            {t('row.family', { family: group.familyName })} · {t(`row.kinds.${group.kind}`)} · {t('row.lines', { count: group.lineCount })}
          </p>
        </div>
        <p className="tabular text-sm text-slate-800" data-testid="product-totals">
          {isService
            ? t('totals.subscriptions', { available: group.totals.availableCount, ordered: group.totals.orderedCount })
            : t('totals.licenses', { licenses: group.totals.licenseCount, sa: group.totals.saCount })}
        </p>
        <span data-testid="product-expiry">
          <ExpiryBadge status={urgent} />
        </span>
      </div>

      {open && lines && (
        <div id={linesId} className="overflow-x-auto border-t border-slate-200 bg-slate-50 px-3 pb-3">
          <table className="mt-2 min-w-full text-sm">
            <thead className="text-left text-xs tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-2 py-1.5">{t('columns.edition')}</th>
                <th scope="col" className="px-2 py-1.5">{t('columns.version')}</th>
                <th scope="col" className="px-2 py-1.5">{t('columns.accountNumber')}</th>
                <th scope="col" className="px-2 py-1.5">{t('columns.accountName')}</th>
                <th scope="col" className="px-2 py-1.5">{t('columns.resourceUsage')}</th>
                {isService ? (
                  <>
                    <th scope="col" className="px-2 py-1.5 text-right">
                      {t('columns.available')}
                      <HelpTip label={t('help.button', { term: t('columns.available') })} text={t('help.available')} />
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right">
                      {t('columns.ordered')}
                      <HelpTip label={t('help.button', { term: t('columns.ordered') })} text={t('help.ordered')} />
                    </th>
                  </>
                ) : (
                  <>
                    <th scope="col" className="px-2 py-1.5 text-right">
                      {t('columns.licenseCount')}
                      <HelpTip label={t('help.button', { term: t('columns.licenseCount') })} text={t('help.licenseCount')} />
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right">
                      {t('columns.saCount')}
                      <HelpTip label={t('help.button', { term: t('columns.saCount') })} text={t('help.saCount')} />
                    </th>
                  </>
                )}
                <th scope="col" className="px-2 py-1.5">{t('columns.nextExpiration')}</th>
                <th scope="col" className="px-2 py-1.5">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                const status = expiryStatus(now, line.nextExpiration);
                const unpaid = isService ? unpaidQuantity(line.availableCount, line.orderedCount) : 0;
                const highlighted = line.id === highlightLineId;
                return (
                  <tr
                    key={line.id}
                    id={`line-${line.id}`}
                    className={`scroll-mt-24 border-t border-slate-200 align-top ${highlighted ? 'bg-yellow-100 outline outline-2 outline-amber-500' : 'bg-white'}`}
                    aria-current={highlighted ? 'true' : undefined}
                    data-testid="inventory-line"
                  >
                    <td className="px-2 py-1.5">
                      {line.edition}
                      {line.packageName && !group.packageId && <span className="block text-xs text-slate-600">{t('row.viaPackage', { name: line.packageName })}</span>}
                      {highlighted && <span className="sr-only"> ({t('lineHighlighted')})</span>}
                    </td>
                    <td className="px-2 py-1.5">{line.version}</td>
                    <td className="tabular px-2 py-1.5">{line.accountNumber}</td>
                    <td className="px-2 py-1.5">{line.accountName}</td>
                    <td className="px-2 py-1.5">{line.resourceUsage}</td>
                    {isService ? (
                      <>
                        <td className="tabular px-2 py-1.5 text-right">
                          {count(line.availableCount)}
                          {unpaid > 0 && (
                            <p className="mt-1 max-w-56 text-left text-xs text-amber-900" data-testid="self-provisioned">
                              {t('selfProvisioned', { count: unpaid })}
                            </p>
                          )}
                        </td>
                        <td className="tabular px-2 py-1.5 text-right">{count(line.orderedCount)}</td>
                      </>
                    ) : (
                      <>
                        <td className="tabular px-2 py-1.5 text-right">{count(line.licenseCount)}</td>
                        <td className="tabular px-2 py-1.5 text-right">{count(line.saCount)}</td>
                      </>
                    )}
                    <td className="px-2 py-1.5">
                      {line.nextExpiration ? (
                        <ExpiryDate status={status} formatted={formatDate(locale, line.nextExpiration)} />
                      ) : (
                        <span aria-label={t('noExpirationLabel')}>{t('noExpiration')}</span>
                      )}
                    </td>
                    <td className="px-2 py-1.5">
                      <ul className="flex flex-col gap-1">
                        <li>
                          <Link
                            href={hrefWith(`/inventory/history/${line.id}`, scope)}
                            prefetch={false}
                            aria-label={t('actions.historyLabel', { product: group.productName, edition: line.edition, version: line.version, account: line.accountNumber })}
                            className="text-brand-700 underline underline-offset-2"
                          >
                            {t('actions.history')}
                          </Link>
                        </li>
                        {manage && (
                          <li>
                            <a href={manage.href} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline underline-offset-2">
                              {manage.kind === 'subscription' ? t('actions.manageSubscription') : t('actions.manageServices')}
                              <span className="sr-only"> {t('actions.opensElsewhere')}</span>
                            </a>
                          </li>
                        )}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}
