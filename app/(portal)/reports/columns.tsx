import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import { ExpiryDate } from '@/components/ExpiryBadge';
import type { Locale } from '@/db/schema';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { expiryStatus } from '@/lib/inventory/rules';
import { newOrderHref } from '@/lib/orders/paths';
import type { UnpaidServiceRow } from '@/lib/reports/queries';
import { hrefWith } from '@/lib/url';

/** The catalogue namespace of the report's headings. */
export const REPORT_NAMESPACE = 'reports';

/** The inventory line of a row, opened and highlighted (the same link e-mails use). */
function lineHref(scope: { customer?: string }, row: UnpaidServiceRow): string {
  return `${hrefWith('/inventory', { ...scope, account: row.accountNumber, line: row.lineId })}#line-${row.lineId}`;
}

/**
 * The reconciliation's columns: the page's table and /reports/export are both
 * written from them. `today` is one date for the whole page, so that every
 * marker is decided against the same day.
 */
export function reportColumns({ t, locale, today, scope }: { t: Translate; locale: Locale; today: string; scope: { customer?: string } }): Column<UnpaidServiceRow>[] {
  const count = (value: number) => formatCount(locale, value);
  // A partner user (who works with `customer=`) reads the tips in its own voice: what the customer has, what it ordered.
  const help = scope.customer ? 'partnerHelp' : 'help';
  // Kept in a constant so that the cells below see it as a string, without an assertion.
  const partnerCustomer = scope.customer;
  return [
    {
      key: 'product',
      heading: 'columns.product',
      rowHeader: true,
      text: true,
      cell: (row) => (
        <Link href={lineHref(scope, row)} prefetch={false} aria-label={t('viewLine', { product: row.productName, account: row.accountNumber })} className="link">
          {row.productName}
        </Link>
      ),
      csv: (row) => row.productName,
    },
    { key: 'edition', heading: 'columns.edition', cell: (row) => row.edition, csv: (row) => row.edition },
    { key: 'accountNumber', heading: 'columns.accountNumber', code: true, cell: (row) => row.accountNumber, csv: (row) => row.accountNumber },
    { key: 'accountName', heading: 'columns.accountName', text: true, cell: (row) => row.accountName, csv: (row) => row.accountName },
    { key: 'agreement', heading: 'columns.agreement', code: true, cell: (row) => row.agreementNumber, csv: (row) => row.agreementNumber },
    { key: 'available', heading: 'columns.available', help: `${help}.available`, numeric: true, cell: (row) => count(row.available), csv: (row) => row.available },
    { key: 'ordered', heading: 'columns.ordered', help: `${help}.ordered`, numeric: true, cell: (row) => count(row.ordered), csv: (row) => row.ordered },
    { key: 'unpaid', heading: 'columns.unpaid', numeric: true, cell: (row) => <span className="font-semibold">{count(row.unpaid)}</span>, csv: (row) => row.unpaid },
    {
      key: 'nextExpiration',
      heading: 'columns.nextExpiration',
      cell: (row) =>
        row.nextExpiration ? (
          <ExpiryDate status={expiryStatus(today, row.nextExpiration)} formatted={formatDate(locale, row.nextExpiration)} />
        ) : (
          <span aria-label={t('noExpirationLabel')}>{t('noExpiration')}</span>
        ),
      csv: (row) => row.nextExpiration,
    },
    // A partner user orders the gap from here: the form opens with the account, the service and the quantity filled in.
    ...(partnerCustomer
      ? [
          {
            key: 'order',
            heading: 'columns.order',
            control: true,
            cell: (row: UnpaidServiceRow) => (
              <Link
                href={newOrderHref({ customer: partnerCustomer, account: row.accountNumber, product: row.productCode, quantity: row.unpaid })}
                prefetch={false}
                aria-label={t('orderGap', { quantity: row.unpaid, product: row.productName, account: row.accountNumber })}
                className="whitespace-nowrap link"
                data-testid="order-gap"
              >
                {t('order')}
              </Link>
            ),
          } satisfies Column<UnpaidServiceRow>,
        ]
      : []),
  ];
}
