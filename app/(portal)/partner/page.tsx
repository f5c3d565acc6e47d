import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { Pagination } from '@/components/Pagination';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';
import { listServedCustomersPage } from '@/lib/partner/queries';
import { hrefWith, type PageSearchParams } from '@/lib/url';
import { PARTNER_NAMESPACE, servedCustomerColumns } from './columns';

export const generateMetadata = titleFrom(PARTNER_NAMESPACE);

/** A partner user first chooses the customer to work for (SPEC §1, §5 `customer=`). */
const paramsSchema = z.object({
  page: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.coerce.number().int().min(1).max(100_000).optional()).catch(undefined),
});

export default async function PartnerWorkspacePage({ searchParams }: { searchParams: PageSearchParams }) {
  const { page } = paramsSchema.parse(await searchParams);
  const viewer = await requireViewer();
  if (viewer.role !== 'partner_user' || !viewer.partner) notFound();
  const t = await getTranslations(PARTNER_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const served = listServedCustomersPage(viewer, page ?? 1);

  return (
    <PortalShell viewer={viewer} section="partner">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <h2 id="customers-served" className="mt-6 text-lg font-semibold">
        {t('customersServed', { partner: viewer.partner.name })}
      </h2>
      <DataTable
        namespace={PARTNER_NAMESPACE}
        columns={servedCustomerColumns({ t, locale })}
        rows={served.rows}
        rowKey={(customer) => customer.number}
        labelledBy="customers-served"
        empty={{ title: t('empty') }}
      />
      <Pagination page={served.page} pages={served.pages} hrefFor={(next) => hrefWith('/partner', { page: next > 1 ? next : undefined })} />
    </PortalShell>
  );
}
