import Link from 'next/link';
import type { Column, Translate } from '@/components/columns';
import type { Locale } from '@/db/schema';
import { formatCount } from '@/lib/i18n/format';
import type { ServedCustomer } from '@/lib/partner/queries';
import { hrefWith } from '@/lib/url';

/** The catalogue namespace of the workspace's headings. */
export const PARTNER_NAMESPACE = 'accounts.partner';

/** The customers a partner serves; the name opens that customer's inventory. */
export function servedCustomerColumns({ t, locale }: { t: Translate; locale: Locale }): Column<ServedCustomer>[] {
  return [
    {
      key: 'customer',
      heading: 'customer',
      text: true,
      cell: (customer) => (
        <Link href={hrefWith('/inventory', { customer: customer.number })} className="font-medium text-brand-700 underline underline-offset-2">
          {t('workFor', { name: customer.legalName })}
        </Link>
      ),
    },
    { key: 'number', heading: 'number', code: true, cell: (customer) => customer.number },
    { key: 'accounts', heading: 'accounts', numeric: true, cell: (customer) => formatCount(locale, customer.accountCount) },
  ];
}
