import type { Column, Translate } from '@/components/columns';
import { chooseAccount } from '@/lib/accounts/actions';
import type { AccountSummary } from '@/lib/accounts/queries';

/** The catalogue namespace of the selector's headings. */
export const ACCOUNTS_NAMESPACE = 'accounts.selector';

/**
 * The selector's results. Choosing is a form per row (a server action that
 * remembers the account), so it works without JavaScript; the buttons carry
 * `data-account-result` for the search box's arrow keys.
 */
export function accountColumns({ t, scope, currentNumber, returnTo }: { t: Translate; scope: { customer?: string }; currentNumber: string | null; returnTo?: string }): Column<AccountSummary>[] {
  return [
    { key: 'number', heading: 'columns.number', code: true, cell: (account) => <span className="font-medium">{account.number}</span> },
    {
      key: 'name',
      heading: 'columns.name',
      text: true,
      cell: (account) => (
        <>
          {account.name}
          {account.number === currentNumber && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs">{t('current')}</span>}
        </>
      ),
    },
    { key: 'agreement', heading: 'columns.agreement', code: true, cell: (account) => account.agreementNumber },
    { key: 'entity', heading: 'columns.entity', text: true, cell: (account) => account.customerLegalName },
    { key: 'location', heading: 'columns.location', cell: (account) => `${account.city}, ${account.country}` },
    {
      key: 'action',
      heading: 'columns.action',
      headingHidden: true,
      alignEnd: true,
      pinEnd: true,
      control: true,
      cell: (account) => (
        <form action={chooseAccount}>
          {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
          <input type="hidden" name="account" value={account.number} />
          {returnTo && <input type="hidden" name="return" value={returnTo} />}
          <button
            type="submit"
            data-account-result
            aria-label={t('chooseLabel', { number: account.number, name: account.name })}
            className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-blue-50"
          >
            {t('choose')}
          </button>
        </form>
      ),
    },
  ];
}
