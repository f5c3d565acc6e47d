import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/DataTable';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireViewer } from '@/lib/auth/viewer';
import { titleFrom } from '@/lib/i18n/metadata';
import { listServedCustomers } from '@/lib/partner/queries';
import { PARTNER_NAMESPACE, servedCustomerColumns } from './columns';

export const generateMetadata = titleFrom(PARTNER_NAMESPACE);

/** A partner user first chooses the customer to work for (SPEC §1, §5 `customer=`). */
export default async function PartnerWorkspacePage() {
  const viewer = await requireViewer();
  if (viewer.role !== 'partner_user' || !viewer.partner) notFound();
  const t = await getTranslations(PARTNER_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const served = listServedCustomers(viewer);

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
        rows={served}
        rowKey={(customer) => customer.number}
        labelledBy="customers-served"
        empty={{ title: t('empty') }}
      />
    </PortalShell>
  );
}
