/**
 * The unpaid online service, in TypeScript and in SQL, from one place:
 * services in use but not yet ordered by the partner (self-provisioned) —
 * available − ordered, only when positive. Available < ordered (ordered, not
 * yet provisioned) is never unpaid. The inventory, the report, its export,
 * the partner's counts and the order form's suggestions all use these, so
 * every screen agrees.
 */
import { and, gt, sql, type SQL } from 'drizzle-orm';
import { inventoryLines } from '@/db/schema';

/** How many subscriptions of a line are unpaid. */
export function unpaidQuantity(available: number, ordered: number): number {
  return Math.max(0, available - ordered);
}

/**
 * The SQL twin of "an online service line with unpaidQuantity() > 0". The
 * kind is written out (not a bound parameter) so that SQLite can read the
 * gaps from their partial index (inventory_lines_unpaid_idx, whose condition
 * is this one).
 */
export function unpaidServiceCondition(): SQL {
  return and(sql`${inventoryLines.kind} = 'subscription'`, gt(inventoryLines.availableCount, inventoryLines.orderedCount))!;
}

/** available − ordered as SQL: the unpaid quantity of a line that meets unpaidServiceCondition(). */
export function unpaidQuantitySql(): SQL<number> {
  return sql<number>`${inventoryLines.availableCount} - ${inventoryLines.orderedCount}`.mapWith(Number);
}

/** unpaidServiceCondition() for a raw statement in which inventory_lines is called `alias`. */
export function unpaidServiceConditionText(alias: string): string {
  return `${alias}.kind = 'subscription' and ${alias}.available_count > ${alias}.ordered_count`;
}
