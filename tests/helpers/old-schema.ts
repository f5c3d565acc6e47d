/**
 * A few rows written with plain SQL into a database migrated only up to an
 * older migration, for the tests of a later migration: the importer writes
 * today's columns, which an older schema does not have.
 */
import type { DB } from '@/db/client';

/** One customer, agreement, partner, account, family, product, three licence lines and an order with one item. */
export function seedOldInventory(db: DB): { lineIds: number[]; orderItemId: number } {
  const sql = db.$client;
  sql.exec(`
    insert into partners (id, code, name) values (1, 'P', 'Partner');
    insert into customers (id, number, legal_name, legal_name_search) values (1, 'C1', 'Customer', ' customer');
    insert into agreements (id, number, customer_id) values (1, 'A1', 1);
    insert into purchase_accounts (id, number, name, name_search, city, country, location_search, customer_id, agreement_id, partner_id)
      values (1, 'PA1', 'Account', ' account', 'Lyon', 'FR', ' lyon fr', 1, 1, 1);
    insert into product_families (id, code, name) values (1, 'F', 'Family');
    insert into products (id, code, family_id, name, kind, search) values (1, 'PR', 1, 'Product', 'license', ' product');
    insert into inventory_lines (id, kind, purchase_account_id, product_id, edition, version) values
      (1, 'license', 1, 1, 'A', ''), (2, 'license', 1, 1, 'B', ''), (3, 'license', 1, 1, 'C', '');
    insert into orders (id, number, ordered_on, status, partner_id, purchase_account_id, agreement_id) values (1, 'O1', '2026-01-01', 'completed', 1, 1, 1);
    insert into order_items (id, order_id, position, product_id, quantity) values (1, 1, 1, 1, 1);
  `);
  return { lineIds: [1, 2, 3], orderItemId: 1 };
}
