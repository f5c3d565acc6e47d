import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount, formatDate } from '@/lib/i18n/format';
import type { OrderSummary } from '@/lib/orders/queries';

/** The catalogue namespace of the orders' headings. */
export const ORDERS_NAMESPACE = 'orders';

/** An empty cell that reads as "not provided" rather than a bare dash to screen readers. */
function NotGiven({ label, dash }: { label: string; dash: string }) {
  return (
    <>
      <span aria-hidden="true">{dash}</span>
      <span className="sr-only">{label}</span>
    </>
  );
}

/** The order history's columns, newest order first; the number opens the order. */
export function orderColumns({ t, locale, orderHref }: { t: Translate; locale: Locale; orderHref: (number: string) => string }): Column<OrderSummary>[] {
  return [
    {
      key: 'number',
      heading: 'columns.number',
      code: true,
      cell: (order) => (
        <Link href={orderHref(order.number)} prefetch={false} aria-label={t('openOrder', { number: order.number })} className="font-medium link">
          {order.number}
        </Link>
      ),
    },
    { key: 'date', heading: 'columns.date', code: true, cell: (order) => formatDate(locale, order.orderedOn) },
    { key: 'status', heading: 'columns.status', cell: (order) => t(`status.${order.status}`) },
    { key: 'partner', heading: 'columns.partner', text: true, cell: (order) => order.partnerName },
    {
      key: 'account',
      heading: 'columns.account',
      text: true,
      cell: (order) => (
        <>
          <span className="tabular">{order.accountNumber}</span> – {order.accountName}
        </>
      ),
    },
    { key: 'customerPoNumber', heading: 'columns.customerPoNumber', help: 'help.customerPoNumber', cell: (order) => order.customerPoNumber ?? <NotGiven label={t('detail.notGiven')} dash={t('none')} /> },
    { key: 'items', heading: 'columns.items', numeric: true, cell: (order) => formatCount(locale, order.itemCount) },
  ];
}
