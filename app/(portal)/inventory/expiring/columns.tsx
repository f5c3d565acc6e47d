import Link from 'next/link';
import type { Column } from '@/components/columns';
import { ExpiryDate } from '@/components/ExpiryBadge';
import type { Locale } from '@/db/schema';
import type { ExpiringLine } from '@/lib/inventory/expiring';
import { expiryStatus } from '@/lib/inventory/rules';
import { formatCount, formatDate } from '@/lib/i18n/format';
import { hrefWith } from '@/lib/url';

/** The catalogue namespace of the expiring view. */
export const EXPIRING_NAMESPACE = 'inventory';

/** What expires soon: each line with the inventory's marker, its product linked to the line itself. */
export function expiringColumns({ locale, today, scope }: { locale: Locale; today: string; scope: { customer?: string } }): Column<ExpiringLine>[] {
  const count = (value: number) => formatCount(locale, value);
  return [
    {
      key: 'product',
      heading: 'columns.product',
      rowHeader: true,
      text: true,
      cell: (line) => (
        <Link href={`${hrefWith('/inventory', { ...scope, account: line.accountNumber, line: line.lineId })}#line-${line.lineId}`} prefetch={false} className="link">
          {line.productName}
        </Link>
      ),
    },
    { key: 'edition', heading: 'columns.edition', cell: (line) => line.edition },
    { key: 'accountNumber', heading: 'columns.accountNumber', code: true, cell: (line) => line.accountNumber },
    { key: 'accountName', heading: 'columns.accountName', text: true, cell: (line) => line.accountName },
    { key: 'available', heading: 'columns.available', numeric: true, cell: (line) => count(line.available) },
    { key: 'ordered', heading: 'columns.ordered', numeric: true, cell: (line) => count(line.ordered) },
    {
      key: 'nextExpiration',
      heading: 'columns.nextExpiration',
      cell: (line) => <ExpiryDate status={expiryStatus(today, line.nextExpiration)} formatted={formatDate(locale, line.nextExpiration)} />,
    },
  ];
}
