import { randomBytes } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientMessages } from '@/components/ClientMessages';
import { CopyLinkButton } from '@/components/CopyLinkButton';
import { DataTable } from '@/components/DataTable';
import { FieldList } from '@/components/FieldList';
import { PortalShell } from '@/components/shell/PortalShell';
import { database } from '@/db/client';
import type { Locale } from '@/db/schema';
import { requireCustomerViewer } from '@/lib/auth/viewer';
import { today } from '@/lib/clock';
import { env } from '@/lib/env';
import { formatDate, formatMoney } from '@/lib/i18n/format';
import { accountInTitle, titleOf } from '@/lib/i18n/metadata';
import { orderPath as pathOfOrder } from '@/lib/orders/paths';
import { getOrder } from '@/lib/orders/queries';
import { lastDayToCancel, mayCancelOrder, mayRecordOrders } from '@/lib/orders/record';
import { customerParamSchema, hrefWith, type PageSearchParams, scopeParams } from '@/lib/url';
import { ORDER_ITEMS_NAMESPACE, orderItemColumns } from './columns';
import { CancelOrderForm, SendLinkForm } from './PartnerOrderActions';

/** The order read once a request, for the title and the page. */
const orderOf = cache(getOrder);

/** "Commande 8800202 — Compte d'achats 5100201 – Lyon". */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: PageSearchParams }) {
  const { customer, number } = paramsSchema.parse({ customer: (await searchParams).customer, number: (await params).number });
  const viewer = await requireCustomerViewer(customer, { order: number });
  const order = number === undefined ? null : await orderOf(database(), viewer, number, (await getLocale()) as Locale);
  const t = await getTranslations(ORDER_ITEMS_NAMESPACE);
  if (!order) return titleOf(t('title'));
  return titleOf(t('detail.title', { number: order.header.number }), await accountInTitle({ number: order.header.accountNumber, name: order.header.accountName }));
}

const paramsSchema = z.object({
  customer: customerParamSchema,
  // Order numbers are natural keys of the import format (1–64 characters, no surrounding spaces).
  number: z.string().min(1).max(64).regex(/^\S(?:.*\S)?$/).optional().catch(undefined),
  // What the partner just did, said once on the page it led to.
  done: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.enum(['recorded', 'cancelled']).optional()).catch(undefined),
});

/**
 * One order expanded: Entête de la commande, Informations
 * sur la commande, Articles de la commande. This is the deep link partners
 * send; an order that does not exist or is not the viewer's is a 404 alike.
 */
export default async function OrderPage({ params, searchParams }: { params: Promise<{ number: string }>; searchParams: PageSearchParams }) {
  const query = await searchParams;
  const { customer, number, done } = paramsSchema.parse({ customer: query.customer, number: (await params).number, done: query.done });
  const viewer = await requireCustomerViewer(customer, { order: number });
  if (number === undefined) notFound();
  const locale = (await getLocale()) as Locale;
  const order = await orderOf(database(), viewer, number, locale);
  if (!order) notFound();

  const t = await getTranslations(ORDER_ITEMS_NAMESPACE);
  const { header, information, items } = order;
  const unpriced = items.filter((item) => item.unitPriceMinor === null).length;
  // Back to the list of the order's account: the list the order was most likely opened from.
  const backHref = hrefWith('/orders', { ...scopeParams(viewer), account: header.accountNumber });
  const notGiven = <span className="text-slate-600">{t('detail.notGiven')}</span>;
  const link = 'link';
  // The order's own address (without `customer=`: a plain link opens in the right customer's context for a partner too).
  const orderPath = pathOfOrder(header.number);
  const appUrl = env().APP_URL;
  const orderUrl = appUrl ? new URL(orderPath, appUrl).toString() : orderPath;
  // A partner user working for this customer sends the link, and cancels what it recorded within 14 days.
  const partnerTools = mayRecordOrders(viewer);
  const cancellable = partnerTools && (await mayCancelOrder(database(), viewer, header.number, today()));

  return (
    <PortalShell viewer={viewer} section="orders" help="orders" print={{ account: { number: header.accountNumber, name: header.accountName } }} account={order.header.accountNumber}>
      <Link href={backHref} className="back-link text-sm link">
        ← {t('detail.back')}
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('detail.title', { number: header.number })}</h1>
      {done && (
        <p role="status" className="no-print mt-3 max-w-3xl rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="order-done">
          {t(`done.${done}`, { number: header.number })}
        </p>
      )}
      {/* The link partners send and e-mails carry: visible to everyone, copied in one click with JavaScript. */}
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="order-link">
        <span className="font-medium">{t('link.label')}</span>
        <a href={orderPath} className="inline-flex min-h-6 items-center break-all link">
          {orderUrl}
        </a>
        <CopyLinkButton path={orderPath} label={t('link.copy')} copiedLabel={t('link.copied')} />
      </p>
      {partnerTools && (
        <section aria-labelledby="send-to-customer" className="no-print mt-4 space-y-3" data-testid="partner-order-tools">
          <h2 id="send-to-customer" className="sr-only">
            {t('send.title')}
          </h2>
          <p className="max-w-3xl text-sm text-slate-700">{t('send.explain')}</p>
          <ClientMessages namespaces={['orders.send', 'orders.cancel']}>
            <SendLinkForm number={header.number} customer={viewer.customer.number} />
            {cancellable && <CancelOrderForm number={header.number} customer={viewer.customer.number} idempotencyKey={randomBytes(16).toString('hex')} lastDay={formatDate(locale, lastDayToCancel(header.orderedOn))} />}
          </ClientMessages>
        </section>
      )}

      <OrderPart id="order-header" title={t('detail.header')} className="mt-5">
        <FieldList
          fields={[
            { label: t('detail.number'), value: header.number, code: true },
            { label: t('detail.date'), value: formatDate(locale, header.orderedOn), code: true },
            { label: t('detail.status'), value: header.cancelledOn ? t('cancel.cancelledOn', { date: formatDate(locale, header.cancelledOn) }) : t(`status.${header.status}`), testId: 'order-status' },
            { label: t('detail.partner'), value: header.partnerName },
            { label: t('detail.partnerEmail'), value: header.partnerEmail ? <a href={`mailto:${header.partnerEmail}`} className={link}>{header.partnerEmail}</a> : notGiven },
            { label: t('detail.partnerPhone'), value: header.partnerPhone ? <a href={`tel:${header.partnerPhone.replace(/[^\d+]/g, '')}`} className={link}>{header.partnerPhone}</a> : notGiven },
            { label: t('detail.accountNumber'), value: header.accountNumber, code: true },
            { label: t('detail.accountName'), value: header.accountName },
            { label: t('detail.customerPoNumber'), value: header.customerPoNumber ?? notGiven, testId: 'customer-po-number' },
          ]}
        />
      </OrderPart>

      <OrderPart id="order-information" title={t('detail.information')}>
        <FieldList
          fields={[
            { label: t('detail.agreementNumber'), value: information.agreementNumber, code: true },
            { label: t('detail.currency'), value: information.currency ?? notGiven },
            { label: t('detail.billTo'), value: information.billToName || information.billToAddress ? <Address name={information.billToName} address={information.billToAddress} /> : notGiven },
            { label: t('detail.shipTo'), value: information.shipToName || information.shipToAddress ? <Address name={information.shipToName} address={information.shipToAddress} /> : notGiven },
          ]}
        />
      </OrderPart>

      <OrderPart id="order-items" title={t('detail.items')}>
        {items.length > 0 && (
          <p className="no-print mt-1 text-sm">
            <a href={hrefWith(`${orderPath}/export`, scopeParams(viewer))} download className="inline-flex min-h-6 items-center link" data-testid="order-export">
              {t('export.link')}
            </a>
          </p>
        )}
        <DataTable
          stacked
          namespace={ORDER_ITEMS_NAMESPACE}
          columns={orderItemColumns({ t, locale, information, lineHref: (lineId) => `${hrefWith('/inventory', { ...scopeParams(viewer), account: header.accountNumber, line: lineId })}#line-${lineId}` })}
          rows={items}
          rowKey={(item) => item.position}
          rowAttributes={() => ({ data: { testid: 'order-item' } })}
          caption={t('detail.itemsCaption', { number: header.number })}
          className="mt-2"
          empty={{ title: t('detail.noItems') }}
        />
        {items.length > 0 && (
          // The total kept when the order was written (never summed here); the items without a price are said, not guessed.
          <dl className="mt-3 flex flex-wrap items-baseline justify-end gap-x-3 gap-y-1 text-right" data-testid="order-total">
            <dt className="text-sm font-semibold text-slate-700">{t('detail.total')}</dt>
            <dd className="text-lg font-semibold tabular-nums">{information.totalMinor === null ? <span className="text-base font-normal text-slate-600">{t('detail.noTotal')}</span> : formatMoney(locale, information.totalMinor, information.currency, information.fractionDigits)}</dd>
            {information.totalMinor !== null && unpriced > 0 && <dd className="basis-full text-sm text-slate-600">{t('detail.totalPartial', { count: unpriced })}</dd>}
          </dl>
        )}
      </OrderPart>
    </PortalShell>
  );
}

/** Entête, Informations or Articles de la commande: a titled part of the page (its id is also its test id). */
function OrderPart({ id, title, className = 'mt-6', children }: { id: string; title: string; className?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={className} data-testid={id}>
      <h2 id={id} className="text-lg font-semibold text-slate-800">
        {title}
      </h2>
      {children}
    </section>
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
