import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount, formatMoney } from '@/lib/i18n/format';
import { itemAmountMinor } from '@/lib/orders/money';
import { resourceUsageName } from '@/lib/i18n/names';
import type { OrderDetail, OrderItemRow } from '@/lib/orders/queries';

/** The catalogue namespace of the items' headings. */
export const ORDER_ITEMS_NAMESPACE = 'orders';

/** Articles de la commande: one row an item, prices in the order's currency. */
export function orderItemColumns({
  t,
  locale,
  information,
  lineHref,
}: {
  t: Translate;
  locale: Locale;
  information: OrderDetail['information'];
  /** The inventory line of an item, opened and highlighted. */
  lineHref: (lineId: number) => string;
}): Column<OrderItemRow>[] {
  const orNone = (value: string) => value || t('none');
  return [
    { key: 'position', heading: 'detail.columns.position', numeric: true, cell: (item) => item.position },
    {
      key: 'product',
      heading: 'detail.columns.product',
      text: true,
      cell: (item) =>
        item.lineId === null ? (
          item.productName
        ) : (
          <Link href={lineHref(item.lineId)} prefetch={false} aria-label={t('detail.openLine', { product: item.productName })} className="link">
            {item.productName}
          </Link>
        ),
    },
    { key: 'edition', heading: 'detail.columns.edition', cell: (item) => orNone(item.edition) },
    { key: 'version', heading: 'detail.columns.version', cell: (item) => orNone(item.version) },
    { key: 'resourceUsage', heading: 'detail.columns.resourceUsage', cell: (item) => orNone(resourceUsageName(item.resourceUsage, locale)) },
    { key: 'quantity', heading: 'detail.columns.quantity', numeric: true, cell: (item) => formatCount(locale, item.quantity) },
    { key: 'softwareAssurance', heading: 'detail.columns.softwareAssurance', cell: (item) => (item.withSoftwareAssurance ? t('detail.yes') : t('detail.no')) },
    { key: 'term', heading: 'detail.columns.term', numeric: true, cell: (item) => (item.termMonths === null ? t('none') : t('detail.termMonths', { months: item.termMonths })) },
    {
      key: 'unitPrice',
      heading: 'detail.columns.unitPrice',
      numeric: true,
      // From the minor units as stored, with exactly the digits of the currency (512,50 $; no decimals for JPY).
      cell: (item) => (item.unitPriceMinor === null ? t('detail.noPrice') : formatMoney(locale, item.unitPriceMinor, information.currency, information.fractionDigits)),
    },
    {
      key: 'amount',
      heading: 'detail.columns.amount',
      numeric: true,
      cell: (item) => {
        const amount = itemAmountMinor(item.quantity, item.unitPriceMinor);
        return amount === null ? t('none') : formatMoney(locale, amount, information.currency, information.fractionDigits);
      },
    },
  ];
}
