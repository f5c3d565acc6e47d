import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { formatDate } from '@/lib/i18n/format';
import type { ReportParams, ReportSuggestions } from '@/lib/reports/queries';
import { hrefWith } from '@/lib/url';

type Suggestion = { value: string; label: string };
type FilterName = 'account' | 'order' | 'agreement' | 'product';

/**
 * The report's filters: a GET form with a real submit button and one text
 * field a filter, each with a few suggestions (a <datalist>, which the browser
 * offers with or without JavaScript): numbers with their names, products by
 * name. Each takes what a person types — a whole or partial number, a name
 * or part of one, any case, with or without accents. Text rather than drop-downs, so that
 * the page is as small for a customer with 50,000 orders as for one with 50.
 */
export async function ReportFilters({ suggestions, params, scope, filtered, locale }: { suggestions: ReportSuggestions; params: ReportParams; scope: { customer?: string }; filtered: boolean; locale: Locale }) {
  const t = await getTranslations('reports.filters');
  const lists: Record<FilterName, Suggestion[]> = {
    account: suggestions.accounts.map((account) => ({ value: account.number, label: t('accountOption', { number: account.number, name: account.name }) })),
    order: suggestions.orders.map((order) => ({
      value: order.number,
      label: t('orderOption', { number: order.number, date: formatDate(locale, order.orderedOn), account: order.accountNumber }),
    })),
    agreement: suggestions.agreements.map((agreement) => ({
      value: agreement.number,
      label: agreement.name ? t('agreementOption', { number: agreement.number, name: agreement.name }) : agreement.number,
    })),
    // A product is chosen by its name (the code is typed too): the name is what a person reads.
    product: suggestions.products.map((product) => ({ value: product.name, label: t('productOption', { name: product.name, code: product.code }) })),
  };
  const fields: { name: FilterName; label: string; hint: string }[] = [
    { name: 'account', label: t('account'), hint: t('accountHint') },
    { name: 'order', label: t('order'), hint: t('orderHint') },
    { name: 'agreement', label: t('agreement'), hint: t('agreementHint') },
    { name: 'product', label: t('product'), hint: t('productHint') },
  ];

  return (
    <form method="get" action="/reports" aria-label={t('label')} className="no-print mt-4 flex flex-wrap items-start gap-3 rounded border border-slate-200 bg-white p-3">
      {scope.customer && <input type="hidden" name="customer" value={scope.customer} />}
      {fields.map((field) => (
        <FilterField key={field.name} {...field} suggestions={lists[field.name]} value={params[field.name]} />
      ))}
      {/* Level with the fields (below their labels), not with their hints. */}
      <button type="submit" className="mt-6 rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
        {t('submit')}
      </button>
      {filtered && (
        <Link href={hrefWith('/reports', scope)} className="mt-6 py-1.5 text-sm link">
          {t('clear')}
        </Link>
      )}
    </form>
  );
}

/** A labelled text field with its hint under it and its suggestions. */
function FilterField({ name, label, hint, suggestions, value }: { name: FilterName; label: string; hint: string; suggestions: Suggestion[]; value: string | undefined }) {
  const id = `report-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        list={`${id}-suggestions`}
        defaultValue={value ?? ''}
        maxLength={100}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        className="mt-1 w-44 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm"
      />
      {/* Said under the field, whole: a placeholder that long was cut by the field's width (and gone once typing starts). */}
      <span id={`${id}-hint`} className="mt-1 block w-44 text-xs text-slate-600">
        {hint}
      </span>
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion.label} value={suggestion.value}>
            {suggestion.label}
          </option>
        ))}
      </datalist>
    </div>
  );
}
