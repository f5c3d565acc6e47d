/**
 * Exporter (CSV) of the Software Assurance and services benefits tab: one row
 * per benefit, the same rows and figures as the page for the same `account`
 * and `customer` (both read listBenefits()), following the CSV rules of
 * SPEC §5. Asks for the viewer itself; outside the grants is a 404.
 */
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { csvResponse, toCsv } from '@/lib/csv';
import { listBenefits, parseBenefitsParams } from '@/lib/inventory/benefits';
import { accountFilterOf } from '@/lib/inventory/view';
import { hrefWith, scopeParams } from '@/lib/url';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  // Repeated parameters keep their first value, as on the page.
  const raw: Record<string, string[]> = {};
  for (const [key, value] of searchParams) (raw[key] ??= []).push(value);
  const { params } = parseBenefitsParams(raw);
  const viewer = await requireCustomerViewer(params.customer);
  const selection = resolveAccountSelection(viewer, params.account);
  // Not the viewer's (or no such account): answered exactly like a missing page.
  if (selection.kind === 'not-found') return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const t = await getTranslations('benefits');
  const locale = (await getLocale()) as Locale;
  const header = [
    t('columns.accountNumber'),
    t('columns.accountName'),
    t('columns.benefit'),
    t('columns.entitled'),
    t('columns.used'),
    t('columns.remaining'),
    t('columns.expiresOn'),
  ];
  const rows = listBenefits(viewer, accountFilterOf(selection)).accounts.flatMap((group) =>
    group.benefits.map((benefit) => [group.accountNumber, group.accountName, benefit.name, benefit.entitled, benefit.used, benefit.remaining, benefit.expiresOn]),
  );
  const scopeName = selection.kind === 'account' ? selection.account.number : 'all';
  return csvResponse(`${t('csv.filename')}-${scopeName}.csv`, toCsv(locale, header, rows));
}
