import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { AccountSelection } from '@/lib/accounts/queries';
import type { SelectorReturnPage } from '@/lib/accounts/return';
import type { Viewer } from '@/lib/auth/viewer';
import { hrefWith, scopeParams } from '@/lib/url';

/**
 * The purchase account in scope (number, name, agreement, location) with a
 * link to change it; for a partner user, a coloured banner naming the
 * customer being served, with a link to change it.
 */
export async function ContextBar({ viewer, selection, returnTo }: { viewer: Viewer; selection: AccountSelection; returnTo?: SelectorReturnPage }) {
  const t = await getTranslations('common.context');
  // "Changer de compte" comes back to this page with the account chosen (the inventory needs no `return`).
  const changeHref = hrefWith('/accounts', { ...scopeParams(viewer), return: returnTo === '/inventory' ? undefined : returnTo });
  const canChange = selection.kind !== 'not-found' && selection.accountCount > 1;

  return (
    <section aria-label={t('label')} className="no-print">
      <PartnerBanner viewer={viewer} />
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-5 gap-y-1 px-4 py-2 text-sm">
          {selection.kind === 'account' && (
            <>
              <span className="font-semibold" data-testid="context-account">
                {t('account', { number: selection.account.number, name: selection.account.name })}
              </span>
              <span>{t('agreement', { number: selection.account.agreementNumber })}</span>
              <span>{t('location', { city: selection.account.city, country: selection.account.country })}</span>
            </>
          )}
          {selection.kind === 'all' && (
            <span className="font-semibold" data-testid="context-account">
              {t('allAccounts', { count: selection.accountCount })}
            </span>
          )}
          {(selection.kind === 'choose' || selection.kind === 'not-found') && <span>{t('none')}</span>}
          {canChange && (
            <Link href={changeHref} className="ml-auto inline-flex min-h-6 items-center font-medium link">
              {t('change')}
            </Link>
          )}
        </div>
      </div>
    </section>
  );
}

/** For a partner user, a coloured banner naming the customer being served, with a link to change it. */
export async function PartnerBanner({ viewer }: { viewer: Viewer }) {
  if (viewer.role !== 'partner_user' || !viewer.customer) return null;
  const t = await getTranslations('common.context');
  return (
    <div className="bg-amber-100 text-amber-950" data-testid="partner-banner">
      <p className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 px-4 py-1.5 text-sm">
        <strong>{t('partnerBanner', { name: viewer.customer.legalName, number: viewer.customer.number })}</strong>
        <Link href="/partner" className="inline-flex min-h-6 items-center underline underline-offset-2">
          {t('changeCustomer')}
        </Link>
      </p>
    </div>
  );
}
