import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalShell } from '@/components/shell/PortalShell';
import { requireViewer } from '@/lib/auth/viewer';
import { listServedCustomers } from '@/lib/partner/queries';
import { hrefWith } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accounts.partner');
  return { title: t('title') };
}

/** A partner user first chooses the customer to work for (SPEC §1, §5 `customer=`). */
export default async function PartnerWorkspacePage() {
  const viewer = await requireViewer();
  if (viewer.role !== 'partner_user' || !viewer.partner) notFound();
  const t = await getTranslations('accounts.partner');
  const served = listServedCustomers(viewer);

  return (
    <PortalShell viewer={viewer} section="partner">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <h2 className="mt-6 text-lg font-semibold">{t('customersServed', { partner: viewer.partner.name })}</h2>
      {served.length === 0 ? (
        <p className="mt-3 rounded border border-dashed border-slate-300 bg-white p-6">{t('empty')}</p>
      ) : (
        <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">{t('customer')}</th>
                <th scope="col" className="px-3 py-2">{t('number')}</th>
                <th scope="col" className="px-3 py-2 text-right">{t('accounts')}</th>
              </tr>
            </thead>
            <tbody>
              {served.map((customer) => (
                <tr key={customer.number} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <Link href={hrefWith('/inventory', { customer: customer.number })} className="font-medium text-brand-700 underline underline-offset-2">
                      {t('workFor', { name: customer.legalName })}
                    </Link>
                  </td>
                  <td className="tabular px-3 py-2">{customer.number}</td>
                  <td className="tabular px-3 py-2 text-right">{customer.accountCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalShell>
  );
}
