import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { PortalShell } from '@/components/shell/PortalShell';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { getOrder, type OrderDetail } from '@/lib/orders/queries';
import { firstParam, hrefWith, scopeParams } from '@/lib/url';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('orders');
  return { title: t('title') };
}

// Order numbers are natural keys of the import format (1–64 characters, no surrounding spaces).
const numberSchema = z.string().min(1).max(64).regex(/^\S(?:.*\S)?$/);

/**
 * One order expanded (SPEC §3 item 10): Entête de la commande, Informations
 * sur la commande, Articles de la commande. This is the deep link partners
 * send; an order that does not exist or is not the viewer's is a 404 alike.
 */
export default async function OrderPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const customer = firstParam((await searchParams).customer);
  const viewer = await requireCustomerViewer(customer);
  const number = numberSchema.safeParse((await params).number);
  if (!number.success) notFound();
  const order = getOrder(viewer, number.data);
  if (!order) notFound();

  const t = await getTranslations('orders');
  const locale = (await getLocale()) as Locale;
  const { header, information, items } = order;
  // Back to the list of the order's account: the list the order was most likely opened from.
  const backHref = hrefWith('/orders', { ...scopeParams(viewer), account: header.accountNumber });
  const notGiven = <span className="text-slate-600">{t('detail.notGiven')}</span>;

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
        <dl className={fieldsClass}>
          <dt className="font-medium">{t('detail.number')}</dt>
          <dd className="tabular">{header.number}</dd>
          <dt className="font-medium">{t('detail.date')}</dt>
          <dd className="tabular">{formatDate(locale, header.orderedOn)}</dd>
          <dt className="font-medium">{t('detail.status')}</dt>
          <dd>{t(`status.${header.status}`)}</dd>
          <dt className="font-medium">{t('detail.partner')}</dt>
          <dd>{header.partnerName}</dd>
          <dt className="font-medium">{t('detail.partnerEmail')}</dt>
          <dd>{header.partnerEmail ? <a href={`mailto:${header.partnerEmail}`} className="text-brand-700 underline underline-offset-2">{header.partnerEmail}</a> : notGiven}</dd>
          <dt className="font-medium">{t('detail.partnerPhone')}</dt>
          <dd>{header.partnerPhone ? <a href={`tel:${header.partnerPhone.replace(/[^\d+]/g, '')}`} className="text-brand-700 underline underline-offset-2">{header.partnerPhone}</a> : notGiven}</dd>
          <dt className="font-medium">{t('detail.accountNumber')}</dt>
          <dd className="tabular">{header.accountNumber}</dd>
          <dt className="font-medium">{t('detail.accountName')}</dt>
          <dd>{header.accountName}</dd>
          <dt className="font-medium">{t('detail.customerPoNumber')}</dt>
          <dd data-testid="customer-po-number">{header.customerPoNumber ?? notGiven}</dd>
        </dl>
      </section>

      <section aria-labelledby="order-information" className="mt-6" data-testid="order-information">
        <h2 id="order-information" className="text-lg font-semibold text-slate-800">
          {t('detail.information')}
        </h2>
        <dl className={fieldsClass}>
          <dt className="font-medium">{t('detail.agreementNumber')}</dt>
          <dd className="tabular">{information.agreementNumber}</dd>
          <dt className="font-medium">{t('detail.currency')}</dt>
          <dd>{information.currency ?? notGiven}</dd>
          <dt className="font-medium">{t('detail.billTo')}</dt>
          <dd>{information.billToName || information.billToAddress ? <Address name={information.billToName} address={information.billToAddress} /> : notGiven}</dd>
          <dt className="font-medium">{t('detail.shipTo')}</dt>
          <dd>{information.shipToName || information.shipToAddress ? <Address name={information.shipToName} address={information.shipToAddress} /> : notGiven}</dd>
        </dl>
      </section>

      <section aria-labelledby="order-items" className="mt-6" data-testid="order-items">
        <h2 id="order-items" className="text-lg font-semibold text-slate-800">
          {t('detail.items')}
        </h2>
        {items.length === 0 ? (
          <p className="mt-2 rounded border border-dashed border-slate-300 bg-white p-6">{t('detail.noItems')}</p>
        ) : (
          <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t('detail.itemsCaption', { number: header.number })}</caption>
              <thead className="bg-slate-100 text-left text-xs tracking-wide text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('detail.columns.position')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('detail.columns.product')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('detail.columns.edition')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('detail.columns.version')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('detail.columns.resourceUsage')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('detail.columns.quantity')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('detail.columns.softwareAssurance')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('detail.columns.term')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t('detail.columns.unitPrice')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.position} className="border-t border-slate-200" data-testid="order-item">
                    <td className="tabular px-3 py-2 text-right">{item.position}</td>
                    <td className="px-3 py-2">{item.productName}</td>
                    <td className="px-3 py-2">{item.edition || t('none')}</td>
                    <td className="px-3 py-2">{item.version || t('none')}</td>
                    <td className="px-3 py-2">{item.resourceUsage || t('none')}</td>
                    <td className="tabular px-3 py-2 text-right">{formatCount(locale, item.quantity)}</td>
                    <td className="px-3 py-2">{item.withSoftwareAssurance ? t('detail.yes') : t('detail.no')}</td>
                    <td className="tabular whitespace-nowrap px-3 py-2 text-right">{item.termMonths === null ? t('none') : t('detail.termMonths', { months: item.termMonths })}</td>
                    <td className="tabular whitespace-nowrap px-3 py-2 text-right">{item.unitPrice === null ? t('detail.noPrice') : formatUnitPrice(locale, item.unitPrice, information)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </PortalShell>
  );
}

const fieldsClass = 'mt-2 grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 text-sm';

function Address({ name, address }: { name: string | null; address: string | null }) {
  return (
    <address className="whitespace-pre-line not-italic">
      {name && <span className="block font-medium">{name}</span>}
      {address}
    </address>
  );
}

/**
 * A unit price in the order's currency, with exactly the digits of its minor
 * unit (so 512.5 CAD shows 512,50 $ and 98000 JPY shows no decimals).
 */
function formatUnitPrice(locale: Locale, amount: number, { currency, fractionDigits }: Pick<OrderDetail['information'], 'currency' | 'fractionDigits'>): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-US';
  const digits = { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  if (currency) {
    try {
      return new Intl.NumberFormat(tag, { style: 'currency', currency, ...digits }).format(amount);
    } catch {
      // An unknown currency code: the amount, then the code as imported.
    }
  }
  const plain = new Intl.NumberFormat(tag, digits).format(amount);
  return currency ? `${plain} ${currency}` : plain;
}
