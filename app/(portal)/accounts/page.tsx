import Link from 'next/link';
import { database } from '@/db/client';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import type { Translate } from '@/components/columns';
import { DataTable } from '@/components/DataTable';
import { ContextBar } from '@/components/shell/ContextBar';
import { PortalShell } from '@/components/shell/PortalShell';
import { Pagination } from '@/components/Pagination';
import { ACCOUNT_SEARCH_FIELDS, resolveAccountSelection, searchAccounts, type AccountCriteria } from '@/lib/accounts/queries';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { titleOf } from '@/lib/i18n/metadata';
import { selectorReturnSchema } from '@/lib/accounts/return';
import { firstParam, hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { AccountSearchBox } from './AccountSearchBox';
import { ACCOUNTS_NAMESPACE, accountColumns } from './columns';

/** "Sélectionner un compte d'achats — Lieu : « lyon »": the selector with its criteria. */
export async function generateMetadata({ searchParams }: { searchParams: PageSearchParams }) {
  const params = parseParams(await searchParams);
  const t = await getTranslations(ACCOUNTS_NAMESPACE);
  return titleOf(t('title'), criteriaWords(t, criteriaOf(params)).join(', '));
}

function parseParams(raw: Awaited<PageSearchParams>) {
  return paramsSchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
}

/** The criteria of the search: the ones kept in the URL, and the one the search box adds (or replaces). */
function criteriaOf(params: z.infer<typeof paramsSchema>): AccountCriteria {
  const criteria: AccountCriteria = {};
  for (const field of ACCOUNT_SEARCH_FIELDS) if (params[field]) criteria[field] = params[field];
  if (params.field && params.term) criteria[params.field] = params.term;
  return criteria;
}

/** Each criterion in words ("Lieu : « lyon »"), for the title and the printout. */
function criteriaWords(t: Translate, criteria: AccountCriteria): string[] {
  return ACCOUNT_SEARCH_FIELDS.filter((field) => criteria[field]).map((field) => t('criterion', { field: t(`fields.${field}`), value: criteria[field]! }));
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
  return: selectorReturnSchema,
});

/** Sélectionner un compte d'achats: a search by one of five fields (agreement number, customer legal entity name, location, account name, account number), criteria combinable, in a plain GET form. */
export default async function AccountsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const params = parseParams(await searchParams);
  const viewer = await requireCustomerViewer(params.customer);

  // The search box adds (or replaces) one criterion; the others ride along as hidden fields.
  const criteria = criteriaOf(params);

  const t = await getTranslations(ACCOUNTS_NAMESPACE);
  // Every link of the selector keeps where it goes back to once an account is chosen.
  const scope = { ...scopeParams(viewer), return: params.return };
  const result = (await searchAccounts(database(), viewer, criteria, params.page ?? 1));
  const selection = (await resolveAccountSelection(database(), viewer, undefined));
  const currentNumber = selection.kind === 'account' ? selection.account.number : null;
  const activeCriteria = ACCOUNT_SEARCH_FIELDS.filter((field) => criteria[field]);
  const fieldLabels = Object.fromEntries(ACCOUNT_SEARCH_FIELDS.map((field) => [field, t(`fields.${field}`)])) as Record<(typeof ACCOUNT_SEARCH_FIELDS)[number], string>;

  return (
    <PortalShell viewer={viewer} section="accounts" help="accounts" print={{ filters: criteriaWords(t, criteria), page: { page: result.page, pages: result.pages } }} context={<ContextBar viewer={viewer} selection={selection} />}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>

      <form method="get" action="/accounts" role="search" className="mt-4 flex flex-wrap items-end gap-2">
        {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
        {scope.return && <input type="hidden" name="return" value={scope.return} />}
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
          <Link href={hrefWith('/accounts', scope)} className="link">
            {t('clearAll')}
          </Link>
        </div>
      )}

      <div className="mt-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <p role="status" className="text-sm text-slate-700" data-testid="account-count">
          {t('results', { total: result.total })}
        </p>
        {selection.kind !== 'not-found' && selection.accountCount > 1 && (
          <Link href={hrefWith(params.return ?? '/inventory', { ...scopeParams(viewer), account: 'all' })} className="text-sm link">
            {t('allAccounts')}
          </Link>
        )}
      </div>

      <DataTable
        stacked
        namespace={ACCOUNTS_NAMESPACE}
        columns={accountColumns({ t, scope: scopeParams(viewer), currentNumber, returnTo: params.return })}
        rows={result.rows}
        rowKey={(account) => account.number}
        rowAttributes={(account) => ({ current: account.number === currentNumber })}
        caption={t('tableCaption')}
        id="account-results"
        empty={{ title: t('empty'), hint: t('emptyHint'), action: { href: hrefWith('/accounts', scope), label: t('clearAll') } }}
      />
      <Pagination page={result.page} pages={result.pages} hrefFor={(page) => hrefWith('/accounts', { ...scope, ...criteria, page })} />
    </PortalShell>
  );
}
