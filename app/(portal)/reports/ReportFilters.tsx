import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { formatDate } from '@/lib/i18n/format';
import type { ReportFilterOptions, ReportParams } from '@/lib/reports/queries';
import { hrefWith } from '@/lib/url';

type Option = { value: string; label: string };
type FilterName = 'account' | 'order' | 'agreement' | 'product';

/** The report's filters: a GET form with a real submit button, one drop-down a filter, and a link that clears them. */
export async function ReportFilters({ options, params, scope, filtered, locale }: { options: ReportFilterOptions; params: ReportParams; scope: { customer?: string }; filtered: boolean; locale: Locale }) {
  const t = await getTranslations('reports.filters');
  const choices: Record<FilterName, Option[]> = {
    account: options.accounts.map((account) => ({ value: account.number, label: t('accountOption', { number: account.number, name: account.name }) })),
    order: options.orders.map((order) => ({
      value: order.number,
      label: t('orderOption', { number: order.number, date: formatDate(locale, order.orderedOn), account: order.accountNumber }),
    })),
    agreement: options.agreements.map((agreement) => ({
      value: agreement.number,
      label: agreement.name ? t('agreementOption', { number: agreement.number, name: agreement.name }) : agreement.number,
    })),
    product: options.products.map((product) => ({ value: product.code, label: product.name })),
  };

  return (
    <form method="get" action="/reports" aria-label={t('label')} className="no-print mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
      <FilterSelect name="account" label={t('account')} allLabel={t('allAccounts')} options={choices.account} selected={params.account} />
      <FilterSelect name="order" label={t('order')} allLabel={t('allOrders')} options={choices.order} selected={params.order} />
      <FilterSelect name="agreement" label={t('agreement')} allLabel={t('allAgreements')} options={choices.agreement} selected={params.agreement} />
      <FilterSelect name="product" label={t('product')} allLabel={t('allProducts')} options={choices.product} selected={params.product} />
      <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t('submit')}
      </button>
      {filtered && (
        <Link href={hrefWith('/reports', scope)} className="py-1.5 text-sm text-brand-700 underline underline-offset-2">
          {t('clear')}
        </Link>
      )}
    </form>
  );
}

/** A labelled drop-down with an "all" option; a value typed into the URL but not offered is kept selectable. */
function FilterSelect({ name, label, allLabel, options, selected }: { name: FilterName; label: string; allLabel: string; options: Option[]; selected: ReportParams[FilterName] }) {
  const id = `report-${name}`;
  const all = selected && !options.some((option) => option.value === selected) ? [...options, { value: selected, label: selected }] : options;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={selected ?? ''} className="mt-1 max-w-72 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
        <option value="">{allLabel}</option>
        {all.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
