import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { resourceUsageName } from '@/lib/i18n/names';
import { fractionDigitsOf, itemAmountMinor, minorToDecimal } from '@/lib/orders/money';
import type { OrderExportRow } from '@/lib/orders/queries';

/**
 * An amount in minor units as the exact decimal a spreadsheet of the reader's
 * language reads: `512,50` in the French file (`;`-separated), `512.50` in
 * the English one; no grouping, no symbol (the currency has its column).
 */
const amountCell = (locale: Locale, minor: number | null, currency: string | null) => {
  if (minor === null) return null;
  const text = minorToDecimal(minor, fractionDigitsOf(currency));
  return locale === 'fr' ? text.replace('.', ',') : text;
};

/**
 * Exporter (CSV) of the order history: one row per order item with its
 * order's fields (as every export: ISO dates, plain numbers). Export-only
 * columns — the page lists orders, not items — so each has `csv` and no `cell`.
 */
export function orderExportColumns(t: Translate, locale: Locale): Column<OrderExportRow>[] {
  return [
    { key: 'number', heading: 'columns.number', csv: (row) => row.number },
    { key: 'date', heading: 'columns.date', csv: (row) => row.orderedOn },
    { key: 'status', heading: 'columns.status', csv: (row) => t(`status.${row.status}`) },
    { key: 'partner', heading: 'columns.partner', csv: (row) => row.partnerName },
    { key: 'accountNumber', heading: 'detail.accountNumber', csv: (row) => row.accountNumber },
    { key: 'accountName', heading: 'detail.accountName', csv: (row) => row.accountName },
    { key: 'customerPoNumber', heading: 'columns.customerPoNumber', csv: (row) => row.customerPoNumber },
    { key: 'position', heading: 'detail.columns.position', csv: (row) => row.position },
    { key: 'productCode', heading: 'export.productCode', csv: (row) => row.productCode },
    { key: 'product', heading: 'detail.columns.product', csv: (row) => row.productName },
    { key: 'edition', heading: 'detail.columns.edition', csv: (row) => row.edition },
    { key: 'version', heading: 'detail.columns.version', csv: (row) => row.version },
    { key: 'resourceUsage', heading: 'detail.columns.resourceUsage', csv: (row) => resourceUsageName(row.resourceUsage, locale) },
    { key: 'quantity', heading: 'detail.columns.quantity', csv: (row) => row.quantity },
    { key: 'softwareAssurance', heading: 'detail.columns.softwareAssurance', csv: (row) => (row.withSoftwareAssurance ? t('detail.yes') : t('detail.no')) },
    { key: 'term', heading: 'export.termMonths', csv: (row) => row.termMonths },
    { key: 'unitPrice', heading: 'detail.columns.unitPrice', csv: (row) => amountCell(locale, row.unitPriceMinor, row.currency) },
    { key: 'amount', heading: 'export.amount', csv: (row) => amountCell(locale, itemAmountMinor(row.quantity, row.unitPriceMinor), row.currency) },
    { key: 'currency', heading: 'detail.currency', csv: (row) => row.currency },
    { key: 'orderTotal', heading: 'export.orderTotal', csv: (row) => amountCell(locale, row.totalMinor, row.currency) },
    { key: 'billTo', heading: 'export.billToName', csv: (row) => row.billToName },
    { key: 'shipTo', heading: 'export.shipToName', csv: (row) => row.shipToName },
  ];
}
