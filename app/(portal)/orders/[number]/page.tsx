import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { DataTable } from '@/components/DataTable';
import { FieldList } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { formatDate } from '@/lib/i18n/format';
import { getOrder } from '@/lib/orders/queries';
import { hrefWith, scopeParams } from '@/lib/url';
import { ORDER_ITEMS_NAMESPACE, orderItemColumns } from './columns';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders');
  return { title: t('title') };
}

const paramsSchema = z.object({
  customer: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().optional()).catch(undefined),
  // Order numbers are natural keys of the import format (1–64 characters, no surrounding spaces).
  number: z.string().min(1).max(64).regex(/^\S(?:.*\S)?$/).optional().catch(undefined),
});

/**
 * One order expanded (SPEC §3 item 10): Entête de la commande, Informations
 * sur la commande, Articles de la commande. This is the deep link partners
 * send; an order that does not exist or is not the viewer's is a 404 alike.
 */
export default async function OrderPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { customer, number } = paramsSchema.parse({ customer: (await searchParams).customer, number: (await params).number });
  const viewer = await requireCustomerViewer(customer);
  if (number === undefined) notFound();
  const order = getOrder(viewer, number);
  if (!order) notFound();

  const t = await getTranslations(ORDER_ITEMS_NAMESPACE);
  const locale = (await getLocale()) as Locale;
  const { header, information, items } = order;
  // Back to the list of the order's account: the list the order was most likely opened from.
  const backHref = hrefWith('/orders', { ...scopeParams(viewer), account: header.accountNumber });
  const notGiven = <span className="text-slate-600">{t('detail.notGiven')}</span>;
  const link = 'text-brand-700 underline underline-offset-2';

  return (
    <PortalShell viewer={viewer} section="orders">
      <Link href={backHref} className="text-sm text-brand-700 underline underline-offset-2">
        ← {t('detail.back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('detail.title', { number: header.number })}</h1>

      <section aria-labelledby="order-header" className="mt-5" data-testid="order-header">
        <h2 id="order-header" className="text-lg font-semibold text-slate-800">
          {t('detail.header')}
        </h2>
        <FieldList
          fields={[
            { label: t('detail.number'), value: header.number, code: true },
            { label: t('detail.date'), value: formatDate(locale, header.orderedOn), code: true },
            { label: t('detail.status'), value: t(`status.${header.status}`) },
            { label: t('detail.partner'), value: header.partnerName },
            { label: t('detail.partnerEmail'), value: header.partnerEmail ? <a href={`mailto:${header.partnerEmail}`} className={link}>{header.partnerEmail}</a> : notGiven },
            { label: t('detail.partnerPhone'), value: header.partnerPhone ? <a href={`tel:${header.partnerPhone.replace(/[^\d+]/g, '')}`} className={link}>{header.partnerPhone}</a> : notGiven },
            { label: t('detail.accountNumber'), value: header.accountNumber, code: true },
            { label: t('detail.accountName'), value: header.accountName },
            { label: t('detail.customerPoNumber'), value: header.customerPoNumber ?? notGiven, testId: 'customer-po-number' },
          ]}
        />
      </section>

      <section aria-labelledby="order-information" className="mt-6" data-testid="order-information">
        <h2 id="order-information" className="text-lg font-semibold text-slate-800">
          {t('detail.information')}
        </h2>
        <FieldList
          fields={[
            { label: t('detail.agreementNumber'), value: information.agreementNumber, code: true },
            { label: t('detail.currency'), value: information.currency ?? notGiven },
            { label: t('detail.billTo'), value: information.billToName || information.billToAddress ? <Address name={information.billToName} address={information.billToAddress} /> : notGiven },
            { label: t('detail.shipTo'), value: information.shipToName || information.shipToAddress ? <Address name={information.shipToName} address={information.shipToAddress} /> : notGiven },
          ]}
        />
      </section>

      <section aria-labelledby="order-items" className="mt-6" data-testid="order-items">
        <h2 id="order-items" className="text-lg font-semibold text-slate-800">
          {t('detail.items')}
        </h2>
        <DataTable
          namespace={ORDER_ITEMS_NAMESPACE}
          columns={orderItemColumns({ t, locale, information })}
          rows={items}
          rowKey={(item) => item.position}
          rowAttributes={() => ({ data: { testid: 'order-item' } })}
          caption={t('detail.itemsCaption', { number: header.number })}
          className="mt-2"
          empty={{ title: t('detail.noItems') }}
        />
      </section>
    </PortalShell>
  );
}

function Address({ name, address }: { name: string | null; address: string | null }) {
  return (
    <address className="whitespace-pre-line not-italic">
      {name && <span className="block font-medium">{name}</span>}
      {address}
    </address>
  );
}
