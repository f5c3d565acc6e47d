/**
 * Exporter (CSV) of the Licences et services view: one row per line with
 * every column, the same rows and figures as the page with its filters
 * (SPEC §5 CSV rules). Asks for the viewer itself; outside the grants is a 404.
 */
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { csvResponse, toCsv } from '@/lib/csv';
import { listAllLines } from '@/lib/inventory/queries';
import { unpaidQuantity } from '@/lib/inventory/rules';
import { accountFilterOf, parseInventoryParams } from '@/lib/inventory/view';
import { hrefWith, scopeParams } from '@/lib/url';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const { params } = parseInventoryParams(raw);
  const viewer = await requireCustomerViewer(params.customer);
  const selection = resolveAccountSelection(viewer, params.account);
  // Not the viewer's (or no such account): answered exactly like a missing page.
  if (selection.kind === 'not-found') return new Response('Not found', { status: 404 });
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const t = await getTranslations('inventory');
  const locale = (await getLocale()) as Locale;
  const packagesView = params.packages === '1';
  const header = [
    ...(packagesView ? [t('columns.package')] : []),
    t('columns.family'),
    t('columns.product'),
    t('columns.kind'),
    t('columns.edition'),
    t('columns.version'),
    t('columns.accountNumber'),
    t('columns.accountName'),
    t('columns.resourceUsage'),
    t('columns.licenseCount'),
    t('columns.saCount'),
    t('columns.available'),
    t('columns.ordered'),
    t('columns.unpaid'),
    t('columns.nextExpiration'),
  ];
  const rows = listAllLines(viewer, { accounts: accountFilterOf(selection), query: params.q, packages: packagesView }).flatMap(({ group, lines }) =>
    lines.map((line) => {
      const isService = line.kind === 'subscription';
      return [
        ...(packagesView ? [group.packageName ?? t('sections.products')] : []),
        group.familyName,
        group.productName,
        t(`row.kinds.${group.kind}`),
        line.edition,
        line.version,
        line.accountNumber,
        line.accountName,
        line.resourceUsage,
        isService ? null : line.licenseCount,
        isService ? null : line.saCount,
        isService ? line.availableCount : null,
        isService ? line.orderedCount : null,
        isService ? unpaidQuantity(line.availableCount, line.orderedCount) : null,
        line.nextExpiration,
      ];
    }),
  );
  const scopeName = selection.kind === 'account' ? selection.account.number : 'all';
  return csvResponse(`${t('csv.filename')}-${scopeName}.csv`, toCsv(locale, header, rows));
}
