/**
 * Exporter (CSV) of the Software Assurance and services benefits tab: one row
 * per benefit, the same rows and figures as the page for the same `account`
 * and `customer` (both read listBenefits()), written from the tab's own column
 * definitions (../columns.tsx) with the CSV rules of every export (lib/csv.ts:
 * UTF-8 with a BOM, `;` in French and `,` in English, ISO dates, cells that
 * could be formulas neutralised). Asks for the
 * viewer itself; outside the grants is a 404.
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
import { listBenefits, parseBenefitsParams } from '@/lib/inventory/benefits';
import { accountFilterOf } from '@/lib/inventory/view';
import { hrefWith, rawSearchParams, scopeParams } from '@/lib/url';
import { BENEFITS_NAMESPACE, benefitColumns, benefitLines } from '../columns';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // Repeated parameters keep their first value, as on the page.
  const { params } = parseBenefitsParams(rawSearchParams(request));
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const selection = (await resolveAccountSelection(database(), viewer, params.account));
  // Not the viewer's (or no such account): answered exactly like a missing page.
  if (selection.kind === 'not-found') return csvNotFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const t = await getTranslations(BENEFITS_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const rows = benefitLines((await listBenefits(database(), viewer, accountFilterOf(selection), 'all', locale)).accounts);
  const scopeName = selection.kind === 'account' ? selection.account.number : 'all';
  await recordExport(database(), viewer, request, rows.length, clientAddress(request.headers));
  return csvResponse(`${t('csv.filename')}-${scopeName}.csv`, columnsCsv(locale, t, benefitColumns({ locale, today: today() }), rows));
}
