/**
 * Exporter (CSV) of the Licences et services view: one row per line with
 * every column, the same rows and figures as the page with its filters,
 * written from the page's own column definitions (../columns.tsx) with the
 * CSV rules of every export (lib/csv.ts: UTF-8 with a BOM, `;` in French and
 * `,` in English, ISO dates, cells that could be formulas neutralised). Asks
 * for the viewer itself; outside the grants is a 404.
 */
import { database } from '@/db/client';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { recordExport } from '@/lib/audit/log';
import { clientAddress } from '@/lib/http/request-headers';
import { columnsCsv } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { csvNotFound, csvResponse } from '@/lib/csv';
import { listAllLines } from '@/lib/inventory/queries';
import { accountFilterOf, parseInventoryParams } from '@/lib/inventory/view';
import { hrefWith, scopeParams } from '@/lib/url';
import { INVENTORY_NAMESPACE, inventoryLineColumns } from '../columns';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const raw = Object.fromEntries(new URL(request.url).searchParams);
  const { params } = parseInventoryParams(raw);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const selection = (await resolveAccountSelection(database(), viewer, params.account));
  // Not the viewer's (or no such account): answered exactly like a missing page.
  if (selection.kind === 'not-found') return csvNotFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const t = await getTranslations(INVENTORY_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const packagesView = params.packages === '1';
  const columns = inventoryLineColumns({ t, locale, today: today(), packagesView, scope: scopeParams(viewer) });
  const rows = (await listAllLines(database(), viewer, { accounts: accountFilterOf(selection), query: params.q, packages: packagesView, locale })).flatMap(({ group, lines }) => lines.map((line) => ({ group, line })));
  const scopeName = selection.kind === 'account' ? selection.account.number : 'all';
  await recordExport(database(), viewer, request, rows.length, clientAddress(request.headers));
  return csvResponse(`${t('csv.filename')}-${scopeName}.csv`, columnsCsv(locale, t, columns, rows));
}
