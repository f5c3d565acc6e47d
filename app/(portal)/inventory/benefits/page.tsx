import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ExpiryDate } from '@/components/ExpiryBadge';
import { InventoryTabs } from '@/components/InventoryTabs';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { resolveAccountSelection } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { listBenefits, parseBenefitsParams, type BenefitAccountGroup } from '@/lib/inventory/benefits';
import { expiryStatus } from '@/lib/inventory/rules';
import { accountFilterOf, scopeLinkParams } from '@/lib/inventory/view';
import { hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('benefits');
  return { title: t('title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Avantages de Software Assurance et des services (SPEC §3 item 1): the second
 * tab of the inventory. A server component only: the tables, the empty state
 * and the export link all work without JavaScript.
 */
export default async function BenefitsPage({ searchParams }: { searchParams: SearchParams }) {
  const { params, ignored } = parseBenefitsParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer);

  const selection = resolveAccountSelection(viewer, params.account);
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const list = listBenefits(viewer, accountFilterOf(selection));
  const t = await getTranslations('benefits');
  const tc = await getTranslations('common');
  const locale = (await getLocale()) as Locale;
  const scope = scopeLinkParams(viewer, selection);
  // One "today" for the whole page, so every marker is decided against the same date.
  const currentDay = today();

  return (
    <PortalShell viewer={viewer} section="inventory" context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <InventoryTabs current="benefits" params={hrefWith('', scope)} />
      {ignored && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {tc('errors.paramIgnored')}
        </p>
      )}

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
        <div className="no-print flex items-baseline gap-4">
          <p className="text-sm text-slate-700" data-testid="benefit-count">
            {t('count', { count: list.total })}
          </p>
          {list.shown > 0 && (
            <a href={hrefWith('/inventory/benefits/export', scope)} download className="text-sm text-brand-700 underline underline-offset-2">
              {t('export')}
            </a>
          )}
        </div>
      </div>

      {list.capped && (
        <p role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {t('capped', { shown: list.shown, total: list.total })}
        </p>
      )}

      {list.accounts.length === 0 ? (
        <div className="mt-4 rounded border border-dashed border-slate-300 bg-white p-6 text-center" data-testid="benefits-empty">
          <p className="font-medium">{selection.kind === 'all' ? t('emptyAll') : t('empty')}</p>
          {selection.accountCount > 1 ? (
            <>
              <p className="mt-1 text-sm text-slate-600">{t('emptyHint')}</p>
              <Link href={hrefWith('/accounts', scopeParams(viewer))} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
                {t('chooseAccount')}
              </Link>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t('emptyHintSingle')}</p>
          )}
        </div>
      ) : (
        list.accounts.map((group) => <AccountBenefits key={group.accountNumber} group={group} locale={locale} currentDay={currentDay} />)
      )}
    </PortalShell>
  );
}

/** One purchase account's benefits: a heading and a table that scrolls sideways on narrow screens. */
async function AccountBenefits({ group, locale, currentDay }: { group: BenefitAccountGroup; locale: Locale; currentDay: string }) {
  const t = await getTranslations('benefits');
  const headingId = `benefits-account-${group.accountNumber}`;
  const numeric = 'tabular px-3 py-2 text-right';
  return (
    <section className="mt-6" data-account={group.accountNumber}>
      <h2 id={headingId} className="text-lg font-semibold text-slate-800">
        {t('account', { number: group.accountNumber, name: group.accountName })}
      </h2>
      {/* Focusable and named so that keyboard users can scroll the table when it is wider than the screen. */}
      <div role="region" aria-labelledby={headingId} tabIndex={0} className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm" aria-labelledby={headingId}>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t('columns.benefit')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('columns.entitled')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('columns.used')}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t('columns.remaining')}
              </th>
              <th scope="col" className="px-3 py-2">
                {t('columns.expiresOn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {group.benefits.map((benefit) => (
              <tr key={benefit.id} className="border-t border-slate-200 align-top" data-benefit-id={benefit.id}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {benefit.name}
                </th>
                <td className={numeric}>{formatCount(locale, benefit.entitled)}</td>
                <td className={numeric}>{formatCount(locale, benefit.used)}</td>
                <td className={`${numeric} font-semibold`}>{formatCount(locale, benefit.remaining)}</td>
                <td className="px-3 py-2">
                  <ExpiryDate status={expiryStatus(currentDay, benefit.expiresOn)} formatted={formatDate(locale, benefit.expiresOn)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
