/**
 * What the order history keeps on write instead of counting on every page,
 * so that a page never adds up everything a large customer owns: each
 * order's customer (for the customer's newest-first index)
 * and each purchase account's number of orders; each order's total is kept
 * by whatever writes its items (./record.ts, the import's order writer). The partner's order form
 * writes both with the order (./record.ts); an import, which writes orders
 * and moves accounts outside it, rebuilds them for the customers it touched
 * (`rebuildOrderFigures`). `orderFigureDiscrepancies` checks them (tests).
 */
import 'server-only';
import type { Db } from '@/db/client';
import { statement } from '@/db/statements';

/** Sets the customer of every order, and the order count of every account, of these customers (inside the caller's transaction). */
export async function rebuildOrderFigures(db: Db, customerIds: Iterable<number>): Promise<void> {
  const orders = statement(db, 
    `update orders set customer_id = ? where purchase_account_id in (select id from purchase_accounts where customer_id = ?) and customer_id is distinct from ?`,
  );
  const counts = statement(db, 
    `update purchase_accounts set order_count = (select count(*) from orders o where o.purchase_account_id = purchase_accounts.id) where customer_id = ?`,
  );
  for (const customerId of customerIds) {
    await orders.run(customerId, customerId, customerId);
    await counts.run(customerId);
  }
}

/** Orders whose customer or total, and accounts whose order count, differ from what the orders and items say (empty unless something wrote around the write paths). */
export async function orderFigureDiscrepancies(db: Db): Promise<string[]> {
  const orders = (await statement<{ number: string }>(db, 
      `select o.number from orders o join purchase_accounts a on a.id = o.purchase_account_id where o.customer_id is distinct from a.customer_id order by o.number`,
    )
    .all())
    .map((row) => `order ${row.number}: customer`);
  const accounts = (await statement<{ number: string }>(db, 
      `select a.number from purchase_accounts a where a.order_count != (select count(*) from orders o where o.purchase_account_id = a.id) order by a.number`,
    )
    .all())
    .map((row) => `account ${row.number}: order count`);
  const totals = (await statement<{ number: string }>(db, 
      `select o.number from orders o where o.total_minor is distinct from (select sum(i.quantity * i.unit_price_minor) from order_items i where i.order_id = o.id) order by o.number`,
    )
    .all())
    .map((row) => `order ${row.number}: total`);
  return [...orders, ...accounts, ...totals];
}
