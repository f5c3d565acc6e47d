import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { Pagination } from '@/components/Pagination';
import { chooseAccount } from '@/lib/accounts/actions';
import { ACCOUNT_SEARCH_FIELDS, resolveAccountSelection, searchAccounts, type AccountCriteria } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { firstParam, hrefWith, scopeParams } from '@/lib/url';
import { AccountSearchBox } from './AccountSearchBox';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accounts.selector');
  return { title: t('title') };
}

const criterion = z.string().trim().max(100).optional().catch(undefined);
const paramsSchema = z.object({
  customer: z.string().max(64).optional().catch(undefined),
  field: z.enum(ACCOUNT_SEARCH_FIELDS).optional().catch(undefined),
  term: criterion,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  agreement: criterion,
  entity: criterion,
  location: criterion,
  name: criterion,
  number: criterion,
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sélectionner un compte d'achats (SPEC §3 item 2): five fields, combinable criteria, a plain GET form. */
export default async function AccountsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const params = paramsSchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
  const viewer = await requireCustomerViewer(params.customer);

  const criteria: AccountCriteria = {};
  for (const field of ACCOUNT_SEARCH_FIELDS) if (params[field]) criteria[field] = params[field];
  // The search box adds (or replaces) one criterion; the others ride along as hidden fields.
  if (params.field && params.term) criteria[params.field] = params.term;

  const t = await getTranslations('accounts.selector');
  const scope = scopeParams(viewer);
  const result = searchAccounts(viewer, criteria, params.page ?? 1);
  const selection = resolveAccountSelection(viewer, undefined);
  const currentNumber = selection.kind === 'account' ? selection.account.number : null;
  const activeCriteria = ACCOUNT_SEARCH_FIELDS.filter((field) => criteria[field]);
  const fieldLabels = Object.fromEntries(ACCOUNT_SEARCH_FIELDS.map((field) => [field, t(`fields.${field}`)])) as Record<(typeof ACCOUNT_SEARCH_FIELDS)[number], string>;

  return (
    <PortalShell viewer={viewer} section="accounts" context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>

      <form method="get" action="/accounts" role="search" className="mt-4 flex flex-wrap items-end gap-2">
        {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
        {activeCriteria.map((field) => (
          <input key={field} type="hidden" name={field} value={criteria[field]} />
        ))}
        <div>
          <label htmlFor="account-field" className="block text-sm font-medium">
            {t('field')}
          </label>
          <select id="account-field" name="field" defaultValue={params.field ?? 'name'} className="mt-1 rounded border border-slate-400 bg-white px-2 py-2 text-sm">
            {ACCOUNT_SEARCH_FIELDS.map((field) => (
              <option key={field} value={field}>
                {fieldLabels[field]}
              </option>
            ))}
          </select>
        </div>
        <AccountSearchBox label={t('term')} defaultValue={params.field && params.term ? params.term : ''} />
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          {t('submit')}
        </button>
        <p className="basis-full text-xs text-slate-600">{t('addHint')}</p>
      </form>

      {activeCriteria.length > 0 && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">{t('criteria')}</span>
          <ul className="flex flex-wrap gap-2">
            {activeCriteria.map((field) => {
              const rest = Object.fromEntries(activeCriteria.filter((other) => other !== field).map((other) => [other, criteria[other]]));
              return (
                <li key={field}>
                  <Link
                    href={hrefWith('/accounts', { ...scope, ...rest })}
                    className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white px-3 py-0.5 hover:bg-slate-100"
                    aria-label={t('removeCriterion', { field: fieldLabels[field], value: criteria[field] ?? '' })}
                  >
                    {t('criterion', { field: fieldLabels[field], value: criteria[field] ?? '' })} <span aria-hidden="true">×</span>
                  </Link>
                </li>
              );
            })}
          </ul>
          <Link href={hrefWith('/accounts', scope)} className="text-brand-700 underline underline-offset-2">
            {t('clearAll')}
          </Link>
        </div>
      )}

      <div className="mt-4 flex items-center justify-between gap-4">
        <p role="status" className="text-sm text-slate-700" data-testid="account-count">
          {t('results', { total: result.total })}
        </p>
        {selection.kind !== "not-found" && selection.accountCount > 1 && (
          <Link href={hrefWith('/inventory', { ...scope, account: 'all' })} className="text-sm text-brand-700 underline underline-offset-2">
            {t('allAccounts')}
          </Link>
        )}
      </div>

      {result.rows.length === 0 ? (
        <div className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6 text-center">
          <p className="font-medium">{t('empty')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('emptyHint')}</p>
          <Link href={hrefWith('/accounts', scope)} className="mt-2 inline-block text-sm text-brand-700 underline underline-offset-2">
            {t('clearAll')}
          </Link>
        </div>
      ) : (
        <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" id="account-results">
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('columns.number')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.name')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.agreement')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.entity')}</th>
                <th scope="col" className="px-3 py-2">{t('columns.location')}</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t('columns.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((account) => (
                <tr key={account.number} className="border-t border-slate-200" aria-current={account.number === currentNumber ? 'true' : undefined}>
                  <td className="tabular px-3 py-2 font-medium">{account.number}</td>
                  <td className="px-3 py-2">
                    {account.name}
                    {account.number === currentNumber && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs">{t('current')}</span>}
                  </td>
                  <td className="tabular px-3 py-2">{account.agreementNumber}</td>
                  <td className="px-3 py-2">{account.customerLegalName}</td>
                  <td className="px-3 py-2">
                    {account.city}, {account.country}
                  </td>
                  <td className="px-3 py-2 text-right">
                    <form action={chooseAccount}>
                      {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
                      <input type="hidden" name="account" value={account.number} />
                      <button
                        type="submit"
                        data-account-result
                        aria-label={t('chooseLabel', { number: account.number, name: account.name })}
                        className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-blue-50"
                      >
                        {t('choose')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={result.page} pages={result.pages} hrefFor={(page) => hrefWith('/accounts', { ...scope, ...criteria, page })} />
    </PortalShell>
  );
}
