import type { AccountChoice } from '@/lib/online-services/queries';
import { TextField } from './TextField';

/**
 * The purchase account of a form: a drop-down of the accounts in the
 * viewer's reach, or — when they are too many to list (no choice list grows
 * with the customer) — the number typed. Its message beside it. No hooks:
 * the labels come translated from the form.
 */
export function AccountField({
  accounts,
  value,
  error,
  labels,
  className = 'w-full max-w-md',
}: {
  accounts: AccountChoice[] | null;
  value: string;
  error?: string;
  labels: { label: string; choose: string; option: (account: AccountChoice) => string; numberHint: string };
  className?: string;
}) {
  if (!accounts) return <TextField name="account" label={labels.label} hint={labels.numberHint} inputMode="numeric" defaultValue={value} error={error} className="w-48" />;
  return (
    <div>
      <label htmlFor="account" className="block text-sm font-medium">
        {labels.label}
      </label>
      {/*
        Keyed by its value: after a server action React resets the form to its fields' defaults, and a drop-down's
        default is set only when it is created — a new one shows the account that was chosen, not the first one.
      */}
      <select
        key={value}
        id="account"
        name="account"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'account-error' : undefined}
        className={`mt-1 block ${className} rounded border border-slate-400 bg-white px-2 py-2 text-sm`}
      >
        <option value="">{labels.choose}</option>
        {accounts.map((account) => (
          <option key={account.number} value={account.number}>
            {labels.option(account)}
          </option>
        ))}
      </select>
      {error && (
        <p id="account-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
