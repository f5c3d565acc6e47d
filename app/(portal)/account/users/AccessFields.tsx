import type { AccountChoice } from '@/lib/online-services/queries';

/**
 * Role and accounts: administrator (every account) or account viewer of the
 * accounts ticked — or, for a customer with too many accounts to list, typed
 * as numbers. No hooks: used by the client forms of the invitation and of
 * a person's page.
 */
export function AccessFields({
  labels,
  accounts,
  role,
  chosen,
  errors,
}: {
  labels: { role: string; admin: string; adminHint: string; viewer: string; viewerHint: string; accounts: string; accountsTyped: string };
  accounts: AccountChoice[] | null;
  role: string;
  chosen: string[];
  errors: { role?: string; accounts?: string };
}) {
  return (
    <>
      <fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
        <legend className="text-sm font-medium">{labels.role}</legend>
        {(
          [
            ['customer_admin', labels.admin, labels.adminHint],
            ['account_viewer', labels.viewer, labels.viewerHint],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="mt-1 flex items-start gap-2 text-sm">
            <input type="radio" name="role" value={value} defaultChecked={role === value} className="mt-1" />
            <span>
              <span className="font-medium">{label}</span>
              <span className="block text-xs text-slate-600">{hint}</span>
            </span>
          </label>
        ))}
        {errors.role && (
          <p id="role-error" className="mt-1 text-sm text-red-700">
            {errors.role}
          </p>
        )}
      </fieldset>
      <fieldset aria-describedby={errors.accounts ? 'accounts-error' : undefined}>
        <legend className="text-sm font-medium">{labels.accounts}</legend>
        {accounts ? (
          <ul className="mt-1 grid gap-1 sm:grid-cols-2">
            {accounts.map((account) => (
              <li key={account.number}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="accounts" value={account.number} defaultChecked={chosen.includes(account.number)} />
                  <span>
                    <span className="tabular">{account.number}</span> – {account.name}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        ) : (
          <>
            <label htmlFor="accounts" className="mt-1 block text-xs text-slate-600">
              {labels.accountsTyped}
            </label>
            <input id="accounts" name="accounts" type="text" defaultValue={chosen.join(' ')} className="mt-1 block w-full rounded border border-slate-400 px-3 py-2" />
          </>
        )}
        {errors.accounts && (
          <p id="accounts-error" className="mt-1 text-sm text-red-700">
            {errors.accounts}
          </p>
        )}
      </fieldset>
    </>
  );
}
