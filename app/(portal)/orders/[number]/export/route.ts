/**
 * Exporter (CSV) of one order, from its page: its items with the order's
 * fields, unit prices, amounts, currency, total and parties (the columns of
 * the order history's export, ../../exportColumns.ts). Asks for the viewer
 * itself; an order that does not exist or is not the viewer's is a 404 alike.
 */
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { columnsCsv } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { recordExport } from '@/lib/audit/log';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { csvNotFound, csvResponse } from '@/lib/csv';
import { clientAddress } from '@/lib/http/request-headers';
import { getOrder, listOrderItemsForExport } from '@/lib/orders/queries';
import { customerParamSchema, rawSearchParams } from '@/lib/url';
import { ORDERS_NAMESPACE } from '../../columns';
import { orderExportColumns } from '../../exportColumns';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({
  customer: customerParamSchema,
  // Order numbers are natural keys of the import format (1–64 characters, no surrounding spaces).
  number: z.string().min(1).max(64).regex(/^\S(?:.*\S)?$/).optional().catch(undefined),
});

export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { customer, number } = paramsSchema.parse({ customer: rawSearchParams(request).customer, number: (await params).number });
  const viewer = await requireCustomerViewer(customer, { order: number });
  const locale = (await getLocale()) as Locale;
  const order = number === undefined ? null : await getOrder(database(), viewer, number, locale);
  if (!order) return csvNotFound();
  const rows = await listOrderItemsForExport(database(), viewer, { accounts: 'all', orderNumber: order.header.number, locale });

  const t = await getTranslations(ORDERS_NAMESPACE);
  await recordExport(database(), viewer, request, rows.length, clientAddress(request.headers));
  return csvResponse(`${t('csv.orderFilename', { number: order.header.number })}.csv`, columnsCsv(locale, t, orderExportColumns(t, locale), rows));
}
