/**
 * Exporter (CSV) of the order history: the orders the list shows — the same
 * account in view and search, through the same query conditions — one row per
 * item (./exportColumns.ts), at most ORDER_EXPORT_ROW_LIMIT items, newest
 * first. Asks for the viewer itself; an account outside its scope is a 404.
 */
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { recordExport } from '@/lib/audit/log';
import { clientAddress } from '@/lib/http/request-headers';
import { columnsCsv } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { csvNotFound, csvResponse } from '@/lib/csv';
import { accountFilterOf } from '@/lib/inventory/view';
import { parseOrdersParams, searchOf } from '@/lib/orders/params';
import { listOrderItemsForExport } from '@/lib/orders/queries';
import { rawSearchParams } from '@/lib/url';
import { ORDERS_NAMESPACE } from '../columns';
import { orderExportColumns } from '../exportColumns';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { params } = parseOrdersParams(rawSearchParams(request));
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const selection = (await resolveAccountSelection(database(), viewer, params.account));
  if (selection.kind === 'not-found') return csvNotFound();
  // As on the page: without a chosen account, every account in scope.
  const accounts = selection.kind === 'account' ? accountFilterOf(selection) : 'all';
  const locale = (await getLocale()) as Locale;
  const rows = await listOrderItemsForExport(database(), viewer, { accounts, search: searchOf(params), locale });

  const t = await getTranslations(ORDERS_NAMESPACE);
  await recordExport(database(), viewer, request, rows.length, clientAddress(request.headers));
  return csvResponse(`${t('csv.filename')}.csv`, columnsCsv(locale, t, orderExportColumns(t, locale), rows));
}
