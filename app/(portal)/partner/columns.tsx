import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount } from '@/lib/i18n/format';
import type { ServedCustomerSummary } from '@/lib/partner/queries';
import { hrefWith } from '@/lib/url';

/** The catalogue namespace of the workspace's headings. */
export const PARTNER_NAMESPACE = 'accounts.partner';

/** The customers a partner serves; the name opens that customer's inventory. */
export function servedCustomerColumns({ t, locale }: { t: Translate; locale: Locale }): Column<ServedCustomerSummary>[] {
  return [
    {
      key: 'customer',
      heading: 'customer',
      text: true,
      cell: (customer) => (
        <Link href={hrefWith('/inventory', { customer: customer.number })} className="font-medium link">
          {t('workFor', { name: customer.legalName })}
        </Link>
      ),
    },
    { key: 'number', heading: 'number', code: true, cell: (customer) => customer.number },
    { key: 'accounts', heading: 'accounts', numeric: true, cell: (customer) => formatCount(locale, customer.accountCount) },
    {
      key: 'unpaid',
      heading: 'unpaid',
      numeric: true,
      cell: (customer) =>
        customer.unpaidServices > 0 ? (
          <Link href={hrefWith('/reports', { customer: customer.number })} className="count-link link">
            {formatCount(locale, customer.unpaidServices)}
          </Link>
        ) : (
          '0'
        ),
    },
    {
      key: 'expiring',
      heading: 'expiring',
      numeric: true,
      cell: (customer) =>
        customer.expiringServices > 0 ? (
          <Link href={hrefWith('/inventory/expiring', { customer: customer.number, account: 'all' })} className="count-link link">
            {formatCount(locale, customer.expiringServices)}
          </Link>
        ) : (
          '0'
        ),
    },
  ];
}
