import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount } from '@/lib/i18n/format';
import { resourceUsageName } from '@/lib/i18n/names';
import type { OrderDetail, OrderItemRow } from '@/lib/orders/queries';

/** The catalogue namespace of the items' headings. */
export const ORDER_ITEMS_NAMESPACE = 'orders';

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
      cell: (item) => (item.unitPrice === null ? t('detail.noPrice') : formatUnitPrice(locale, item.unitPrice, information)),
    },
  ];
}
