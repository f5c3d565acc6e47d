import { notFound, redirect } from 'next/navigation';
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/DataTable';
import { EmptyState } from '@/components/EmptyState';
import { InventoryTabs } from '@/components/InventoryTabs';
import { Notice } from '@/components/Notice';
import { ContextBar } from '@/components/shell/ContextBar';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import { printAccountOf } from '@/components/shell/PrintContext';
import type { Locale } from '@/db/schema';
import { accountSelectionOf } from '@/lib/per-request';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { listBenefits, parseBenefitsParams } from '@/lib/inventory/benefits';
import { accountFilterOf, accountParamOf, scopeLinkParams } from '@/lib/inventory/view';
import { hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { BENEFITS_NAMESPACE, benefitColumns, benefitLines } from './columns';

/** "Avantages de Software Assurance et des services — Compte d'achats 5100201 – Lyon". */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const { params } = parseBenefitsParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });
  const t = await getTranslations(BENEFITS_NAMESPACE);
  return titleOf(t('title'), await accountInTitle((await accountSelectionOf(database(), viewer, params.account))));
}

/**
 * Avantages de Software Assurance et des services: the second
 * tab of the inventory. A server component only: the tables, the empty state
 * and the export link all work without JavaScript.
 */
export default async function BenefitsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const { params, ignored } = parseBenefitsParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer, { account: params.account });

  const selection = (await accountSelectionOf(database(), viewer, params.account));
  if (selection.kind === 'not-found') notFound();
  if (selection.kind === 'choose') redirect(hrefWith('/accounts', scopeParams(viewer)));

  const locale = (await getLocale()) as Locale;
  const list = await listBenefits(database(), viewer, accountFilterOf(selection), params.page ?? 1, locale);
  const t = await getTranslations(BENEFITS_NAMESPACE);
  const tc = await getTranslations('common');
  const scope = scopeLinkParams(viewer, selection);
  // One "today" for the whole page, so every marker is decided against the same date.
  const columns = benefitColumns({ locale, today: today() });

  return (
    <PortalShell viewer={viewer} section="inventory" help="benefits" print={{ account: printAccountOf(selection) }} account={accountParamOf(selection)} context={<ContextBar viewer={viewer} selection={selection} returnTo="/inventory/benefits" />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <InventoryTabs current="benefits" params={hrefWith('', scope)} />
      {ignored && <Notice>{tc('errors.paramIgnored')}</Notice>}

      <div className="mt-4 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <p className="max-w-3xl text-sm text-slate-600">{t('intro')}</p>
        <div className="no-print flex items-baseline gap-4">
          <p className="text-sm text-slate-700" data-testid="benefit-count">
            {t('count', { count: list.total })}
          </p>
          {list.shown > 0 && (
            <a href={hrefWith('/inventory/benefits/export', scope)} download className="text-sm link">
              {t('export')}
            </a>
          )}
        </div>
      </div>
      {list.capped && <Notice>{t('capped', { shown: list.shown, total: list.total })}</Notice>}

      {list.accounts.length === 0 ? (
        <EmptyState
          className="mt-4"
          testId="benefits-empty"
          title={selection.kind === 'all' ? t('emptyAll') : t('empty')}
          hint={selection.accountCount > 1 ? t('emptyHint') : t('emptyHintSingle')}
          action={selection.accountCount > 1 ? { href: hrefWith('/accounts', scopeParams(viewer)), label: t('chooseAccount') } : undefined}
        />
      ) : (
        list.accounts.map((group) => {
          const headingId = `benefits-account-${group.accountNumber}`;
          return (
            <section key={group.accountNumber} className="mt-6" data-account={group.accountNumber}>
              <h2 id={headingId} className="text-lg font-semibold text-slate-800">
                {t('account', { number: group.accountNumber, name: group.accountName })}
              </h2>
              <DataTable
                stacked
                namespace={BENEFITS_NAMESPACE}
                columns={columns}
                rows={benefitLines([group])}
                rowKey={(row) => row.id}
                rowAttributes={(row) => ({ data: { 'benefit-id': row.id } })}
                labelledBy={headingId}
                className="mt-2"
                empty={{ title: t('empty') }}
              />
            </section>
          );
        })
      )}
      <Pagination page={list.page} pages={list.pages} hrefFor={(next) => hrefWith('/inventory/benefits', { ...scope, page: next > 1 ? next : undefined })} />
    </PortalShell>
  );
}
