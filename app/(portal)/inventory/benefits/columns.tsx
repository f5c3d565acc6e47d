import type { Column } from '@/components/columns';
import { ExpiryDate } from '@/components/ExpiryBadge';
import type { Locale } from '@/db/schema';
import { formatCount, formatDate } from '@/lib/i18n/format';
import type { BenefitAccountGroup, BenefitRow } from '@/lib/inventory/benefits';
import { expiryStatus } from '@/lib/inventory/rules';

/** The catalogue namespace of the benefits' headings. */
export const BENEFITS_NAMESPACE = 'benefits';

/** One benefit with the purchase account it belongs to. */
export type BenefitLine = BenefitRow & Pick<BenefitAccountGroup, 'accountNumber' | 'accountName'>;

/** Every benefit of the list, each with its account, in page order. */
export function benefitLines(groups: BenefitAccountGroup[]): BenefitLine[] {
  return groups.flatMap(({ accountNumber, accountName, benefits }) => benefits.map((benefit) => ({ ...benefit, accountNumber, accountName })));
}

/**
 * The benefits' columns: each account's table on the tab and
 * /inventory/benefits/export are both written from them. `today` is one date
 * for the whole page, so that every marker is decided against the same day.
 */
export function benefitColumns({ locale, today }: { locale: Locale; today: string }): Column<BenefitLine>[] {
  const count = (value: number) => formatCount(locale, value);
  return [
    // On the page, the account names the section above its table; the export, one flat list, needs it on each row.
    { key: 'accountNumber', heading: 'columns.accountNumber', csv: (row) => row.accountNumber },
    { key: 'accountName', heading: 'columns.accountName', csv: (row) => row.accountName },
    { key: 'benefit', heading: 'columns.benefit', rowHeader: true, text: true, cell: (row) => row.name, csv: (row) => row.name },
    { key: 'entitled', heading: 'columns.entitled', numeric: true, cell: (row) => count(row.entitled), csv: (row) => row.entitled },
    { key: 'used', heading: 'columns.used', numeric: true, cell: (row) => count(row.used), csv: (row) => row.used },
    { key: 'remaining', heading: 'columns.remaining', numeric: true, cell: (row) => <span className="font-semibold">{count(row.remaining)}</span>, csv: (row) => row.remaining },
    {
      key: 'expiresOn',
      heading: 'columns.expiresOn',
      cell: (row) => <ExpiryDate status={expiryStatus(today, row.expiresOn)} formatted={formatDate(locale, row.expiresOn)} />,
      csv: (row) => row.expiresOn,
    },
  ];
}
