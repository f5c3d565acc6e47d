/**
 * Product summaries (db/schema.ts `product_summaries`): the sums of
 * the inventory lines per customer, partner of record, product and package,
 * so that the all-accounts inventory reads one row per product instead of
 * adding up every line of a large customer on every request, and the
 * reconciliation report its totals (the unpaid lines' count and sums)
 * instead of adding up every gap.
 *
 * Kept on write, never by a reader:
 * - the ledger (./ledger.ts) refreshes the summary of each line it changes,
 *   in the same transaction (`createSummaryRefresher`);
 * - an import, which also changes lines, accounts and partners of record
 *   outside the ledger, rebuilds the summaries of the customers it touched
 *   before it commits (`rebuildProductSummaries`).
 * `productSummaryDiscrepancies` compares them with the lines (tests).
 */
import 'server-only';
import type { Db } from '@/db/client';
import { lockUntilCommit } from '@/db/locks';
import { statement } from '@/db/statements';
import { unpaidServiceConditionText } from './unpaid';

/** A line that is an unpaid online service (the rule of lib/inventory/unpaid.ts). */
const UNPAID = unpaidServiceConditionText('l');
/** What a summary row holds, as the lines add up. */
const SUMS = `count(*), sum(l.license_count), sum(l.sa_count), sum(l.available_count), sum(l.ordered_count), min(l.next_expiration),
  sum(case when ${UNPAID} then 1 else 0 end), sum(case when ${UNPAID} then l.available_count else 0 end), sum(case when ${UNPAID} then l.ordered_count else 0 end)`;
const COLUMNS = `customer_id, partner_id, product_id, package_key, line_count, license_count, sa_count, available_count, ordered_count, earliest_expiration,
  unpaid_line_count, unpaid_available, unpaid_ordered`;
const KEY = `a.customer_id, a.partner_id, l.product_id, coalesce(l.package_id, 0)`;

export interface SummaryRefresher {
  /** Recomputes the summary row the line belongs to (after its counts, expiration or existence changed). */
  refreshLine(lineId: number): Promise<void>;
  /** The same, for a row known by its key (a line that no longer exists). */
  refreshKey(key: SummaryKey): Promise<void>;
}

export interface SummaryKey {
  customerId: number;
  partnerId: number;
  productId: number;
  packageKey: number;
}

/** Prepared statements that recompute one summary row from its lines (the lines of one product of one customer's slice). */
export function createSummaryRefresher(db: Db): SummaryRefresher {
  const keyOf = statement<{ customer_id: number; partner_id: number; product_id: number; package_key: number }>(db, 
    `select a.customer_id, a.partner_id, l.product_id, coalesce(l.package_id, 0) as package_key
       from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id where l.id = ?`,
  );
  const remove = statement(db, 'delete from product_summaries where customer_id = ? and partner_id = ? and product_id = ? and package_key = ?');
  const insert = statement(db, 
    `insert into product_summaries (${COLUMNS})
     select ${KEY}, ${SUMS}
       from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id
      where a.customer_id = ? and a.partner_id = ? and l.product_id = ? and coalesce(l.package_id, 0) = ?
      group by ${KEY}`,
  );
  const refreshKey = async ({ customerId, partnerId, productId, packageKey }: SummaryKey) => {
    // Two lines of one summary (two accounts of one customer) may be written at once on PostgreSQL: the row is
    // recomputed by one writer at a time, each from what the other committed; an import's rebuild of the
    // customer's summaries keeps every refresh out meanwhile (see rebuildProductSummaries).
    await lockUntilCommit(db, 'customer-summaries', [customerId], { shared: true });
    await lockUntilCommit(db, 'product-summary', [customerId, partnerId, productId, packageKey]);
    await remove.run(customerId, partnerId, productId, packageKey);
    await insert.run(customerId, partnerId, productId, packageKey);
  };
  return {
    async refreshLine(lineId) {
      const key = (await keyOf.get(lineId));
      if (key) await refreshKey({ customerId: key.customer_id, partnerId: key.partner_id, productId: key.product_id, packageKey: key.package_key });
    },
    refreshKey,
  };
}

/** Rebuilds every summary of these customers from their lines (an import, inside its transaction), and drops those of customers that are gone. */
export async function rebuildProductSummaries(db: Db, customerIds: Iterable<number>): Promise<void> {
  const remove = statement(db, 'delete from product_summaries where customer_id = ?');
  const insert = statement(db, 
    `insert into product_summaries (${COLUMNS})
     select ${KEY}, ${SUMS} from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id
      where a.customer_id = ? group by ${KEY}`,
  );
  // In ascending order, so that two rebuilds never wait for each other in a circle.
  for (const customerId of [...customerIds].sort((a, b) => a - b)) {
    await lockUntilCommit(db, 'customer-summaries', [customerId]);
    await remove.run(customerId);
    await insert.run(customerId);
  }
  await statement(db, 'delete from product_summaries where customer_id not in (select id from customers)').run();
}

export interface SummaryDiscrepancy {
  /** customer/partner/product/package. */
  key: string;
  /** lines, licences, SA, available, ordered, earliest expiration — as stored, and as the lines add up (null: no row). */
  stored: string | null;
  fromLines: string | null;
}

/** Summary rows that differ from what their lines add up to (always empty unless something wrote around the ledger and the importer). */
export async function productSummaryDiscrepancies(db: Db): Promise<SummaryDiscrepancy[]> {
  const values = `line_count || ' ' || license_count || ' ' || sa_count || ' ' || available_count || ' ' || ordered_count || ' ' || coalesce(earliest_expiration, '-')
    || ' ' || unpaid_line_count || ' ' || unpaid_available || ' ' || unpaid_ordered`;
  const same = (alias: string) => `${alias}.customer_id = k.customer_id and ${alias}.partner_id = k.partner_id and ${alias}.product_id = k.product_id and ${alias}.package_key = k.package_key`;
  return (await statement<SummaryDiscrepancy>(db, 
      `with fresh as (
         select a.customer_id, a.partner_id, l.product_id, coalesce(l.package_id, 0) as package_key,
                count(*) as line_count, sum(l.license_count) as license_count, sum(l.sa_count) as sa_count,
                sum(l.available_count) as available_count, sum(l.ordered_count) as ordered_count, min(l.next_expiration) as earliest_expiration,
                sum(case when ${UNPAID} then 1 else 0 end) as unpaid_line_count, sum(case when ${UNPAID} then l.available_count else 0 end) as unpaid_available,
                sum(case when ${UNPAID} then l.ordered_count else 0 end) as unpaid_ordered
           from inventory_lines l join purchase_accounts a on a.id = l.purchase_account_id group by ${KEY}),
       keys as (select customer_id, partner_id, product_id, package_key from fresh
                union select customer_id, partner_id, product_id, package_key from product_summaries),
       compared as (
         select k.customer_id || '/' || k.partner_id || '/' || k.product_id || '/' || k.package_key as key,
                (select ${values} from product_summaries s where ${same('s')}) as stored,
                (select ${values} from fresh f where ${same('f')}) as "fromLines"
           from keys k)
       select key, stored, "fromLines" from compared where stored is distinct from "fromLines" order by key`,
    )
    .all());
}
