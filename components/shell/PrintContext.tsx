import { getLocale, getTranslations } from 'next-intl/server';
import { database } from '@/db/client';
import type { Locale } from '@/db/schema';
import type { AccountSelection } from '@/lib/accounts/queries';
import type { Viewer } from '@/lib/auth/viewer';
import { renderedAt } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatInstant } from '@/lib/i18n/format';
import { dataUpdatedAtOf } from '@/lib/per-request';

/** What a printed page must say about itself, beyond its title: the account in view, the filters applied, the page of a list. */
export type PrintContextOf = {
  account?: { number: string; name: string } | { all: number } | null;
  /** Each filter in words ("Produit : Office 365 E3"). */
  filters?: string[];
  page?: { page: number; pages: number };
};

/** The account part of a page's print context, from its account selection. */
export function printAccountOf(selection: AccountSelection): PrintContextOf['account'] {
  if (selection.kind === 'account') return { number: selection.account.number, name: selection.account.name };
  if (selection.kind === 'all') return { all: selection.accountCount };
  return null;
}

/**
 * One line seen only on paper (app/globals.css, `.print-only`): whose data
 * it is (the customer, the partner serving it), which purchase account or
 * "all accounts", the filters, and when the data was last updated and the
 * page printed — the top bar and the context bar, which say it on screen,
 * are not printed.
 */
export async function PrintContext({ viewer, context }: { viewer: Viewer; context?: PrintContextOf }) {
  const t = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const timeZone = env().APP_TIME_ZONE;
  // Only the pages that show the customer's data say how fresh it is (they pass a context).
  const updatedAt = context && viewer.customer ? (await dataUpdatedAtOf(database(), viewer)) : null;
  const parts: string[] = [];
  if (viewer.customer) parts.push(t('print.customer', { name: viewer.customer.legalName, number: viewer.customer.number }));
  if (viewer.partner) parts.push(t('print.partner', { name: viewer.partner.name }));
  const { account, filters = [], page } = context ?? {};
  if (account) parts.push('all' in account ? t('context.allAccounts', { count: account.all }) : t('context.account', account));
  if (filters.length > 0) parts.push(t('print.filters', { filters: filters.join(', ') }));
  if (page && page.pages > 1) parts.push(t('pagination.page', page));
  if (updatedAt) parts.push(t('dataUpdated', { date: formatInstant(locale, updatedAt, timeZone) }));
  parts.push(t('print.printedAt', { date: formatInstant(locale, renderedAt(), timeZone) }));
  return (
    <p className="print-only print-context" data-testid="print-context">
      {parts.join(' · ')}
    </p>
  );
}
