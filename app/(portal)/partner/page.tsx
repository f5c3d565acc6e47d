import { notFound } from 'next/navigation';
import { database } from '@/db/client';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { titleOf } from '@/lib/i18n/metadata';
import { today } from '@/lib/clock';
import { listServedCustomersPage, SERVED_CUSTOMER_SORTS } from '@/lib/partner/queries';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { PARTNER_NAMESPACE, servedCustomerColumns } from './columns';

/** "Espace partenaire — Northwind Traders". */
export async function generateMetadata() {
  const viewer = await requireViewer();
  const t = await getTranslations(PARTNER_NAMESPACE);
  return titleOf(t('title'), viewer.partner?.name);
}

/** A partner user works for one customer at a time: it first chooses that customer here, and its pages then carry it as `customer=`. */
const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const paramsSchema = z.object({
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
  q: z.preprocess(single, z.string().trim().max(100).optional()).catch(undefined),
  sort: z.preprocess(single, z.enum(SERVED_CUSTOMER_SORTS).optional()).catch(undefined),
});

export default async function PartnerWorkspacePage({ searchParams }: { searchParams: PageSearchParams }) {
  const { page, q, sort } = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  if (viewer.role !== 'partner_user' || !viewer.partner) notFound();
  const t = await getTranslations(PARTNER_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const served = (await listServedCustomersPage(database(), viewer, { page: page ?? 1, query: q, sort: sort ?? 'name', today: today() }));
  const keep = { q, sort: sort && sort !== 'name' ? sort : undefined };

  return (
    <PortalShell viewer={viewer} section="partner" help="partner" print={{ filters: q ? [t('printSearch', { q })] : [], page: { page: served.page, pages: served.pages } }}>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <h2 id="customers-served" className="mt-6 text-lg font-semibold">
        {t('customersServed', { partner: viewer.partner.name })}
      </h2>
      <form method="get" action="/partner" role="search" aria-label={t('searchLabel')} className="no-print mt-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="partner-q" className="block text-sm font-medium">
            {t('search')}
          </label>
          <input id="partner-q" name="q" type="search" maxLength={100} defaultValue={q ?? ''} className="mt-1 w-72 max-w-full rounded border border-slate-400 px-3 py-1.5 text-sm" />
        </div>
        <div>
          <label htmlFor="partner-sort" className="block text-sm font-medium">
            {t('sort')}
          </label>
          <select id="partner-sort" name="sort" defaultValue={sort ?? 'name'} className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm">
            {SERVED_CUSTOMER_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`sorts.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t('searchSubmit')}
        </button>
      </form>
      <p role="status" className="mt-3 text-sm text-slate-700" data-testid="customer-count">
        {t('count', { count: served.total })}
      </p>
      <DataTable
        stacked
        namespace={PARTNER_NAMESPACE}
        columns={servedCustomerColumns({ t, locale })}
        rows={served.rows}
        rowKey={(customer) => customer.number}
        labelledBy="customers-served"
        rowAttributes={() => ({ data: { testid: 'customer-row' } })}
        empty={q ? { title: t('emptySearchFor', { q }), hint: t('emptySearchHint'), action: { href: hrefWith('/partner', { sort: keep.sort }), label: t('clearSearch') }, testId: 'customers-empty' } : { title: t('empty') }}
      />
      <Pagination page={served.page} pages={served.pages} hrefFor={(next) => hrefWith('/partner', { ...keep, page: next > 1 ? next : undefined })} />
    </PortalShell>
  );
}
